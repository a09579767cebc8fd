import { Query } from '@nestjs/cqrs';
import type { AuditEntryContent } from '../../audit-chain.js';

/** One audit entry as listed: the hashed content (audit-chain.ts) with `seq` as a decimal string, and its `hash`. */
export type AuditEntryView = Omit<AuditEntryContent, 'seq'> & { seq: string; hash: string };

/** A page of the audit log, newest first; `nextCursor` (a seq) is null on the last page. */
export interface AuditEntriesPage {
  items: AuditEntryView[];
  nextCursor: string | null;
}

/** The audit log, newest first, `limit` entries older than seq `after`. */
export class ListAuditEntriesQuery extends Query<AuditEntriesPage> {
  constructor(
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}
