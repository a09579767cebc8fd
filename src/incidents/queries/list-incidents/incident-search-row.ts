import type { IncidentSearchItem } from './list-incidents.query.js';

/** A row of incident-search.sql.ts. */
export interface IncidentSearchRow {
  incident_id: string;
  title: string;
  description: string;
  occurred_at: Date;
  filed_at: Date;
  country: string;
  language: string;
  sector: string;
  tlp: string;
  status: string;
  version: number;
  reporting_organisation: string;
  mechanism: string;
  magnitude: string;
  source: string;
  harm_types: string[];
  severity: string;
  urgency: string;
  lifecycle_stage: string;
  occurred_at_key: string;
  relevance_key: string;
}

/** The API's view of a row; `withRelevance` when the search had `q`. */
export function toSearchItem(row: IncidentSearchRow, withRelevance: boolean): IncidentSearchItem {
  return {
    id: row.incident_id,
    title: row.title,
    description: row.description,
    occurredAt: new Date(row.occurred_at).toISOString(),
    filedAt: new Date(row.filed_at).toISOString(),
    country: row.country,
    language: row.language,
    sector: row.sector,
    tlp: row.tlp,
    status: row.status,
    version: row.version,
    reportingOrganisation: row.reporting_organisation,
    labels: { mechanism: row.mechanism, magnitude: row.magnitude, source: row.source },
    harmTypes: row.harm_types,
    severity: row.severity,
    urgency: row.urgency,
    lifecycleStage: row.lifecycle_stage,
    relevance: withRelevance ? Number(row.relevance_key) : null,
  };
}
