import { InitialSchema1795969876566 } from './1795969876566-InitialSchema.js';

/** Ordered list of migrations; add each new `<timestamp>-<PascalName>.ts` here. */
export const MIGRATIONS = [InitialSchema1795969876566];
