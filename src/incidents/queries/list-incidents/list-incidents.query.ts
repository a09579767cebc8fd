import type { Readable } from 'node:stream';
import { Query } from '@nestjs/cqrs';
import type { IncidentSearch } from './incident-search.sql.js';

/** One incident of a search result, with its labels in force. Dates are ISO 8601. */
export interface IncidentSearchItem {
  id: string;
  title: string;
  description: string;
  occurredAt: string;
  filedAt: string;
  country: string;
  language: string;
  sector: string;
  tlp: string;
  status: string;
  version: number;
  reportingOrganisation: string;
  labels: { mechanism: string; magnitude: string; source: string };
  harmTypes: string[];
  severity: string;
  urgency: string;
  lifecycleStage: string;
  /** With `q`: the match score the relevance sort uses (higher is better); null without `q`. */
  relevance: number | null;
}

/** A page of `GET /incidents`: pass `nextCursor` as `after` for the next page; null on the last page. */
export interface IncidentSearchPage {
  items: IncidentSearchItem[];
  nextCursor: string | null;
}

/** One page of an incident search. */
export class ListIncidentsQuery extends Query<IncidentSearchPage> {
  constructor(
    readonly search: IncidentSearch,
    readonly limit: number,
    readonly after?: string,
  ) {
    super();
  }
}

/** Every match of an incident search as a stream of CSV text (UTF-8, header row first). */
export class ExportIncidentsCsvQuery extends Query<Readable> {
  constructor(
    readonly search: IncidentSearch,
    /** Start with a UTF-8 byte order mark (for Excel). */
    readonly bom = false,
  ) {
    super();
  }
}
