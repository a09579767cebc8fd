import { Query } from '@nestjs/cqrs';
import type { Surge, SurgeSearch } from '../../surge-detector.js';

/** Response of `GET /signals`: the range and method asked for, and the surges, oldest week first. */
export interface SignalsView {
  from: string;
  to: string;
  dimensions: SurgeSearch['dimensions'];
  method: string;
  surges: Surge[];
}

/** The surges (EARS signals per ISO week and category) the principal's visible incidents show in a range. */
export class ListSignalsQuery extends Query<SignalsView> {
  constructor(readonly search: SurgeSearch) {
    super();
  }
}
