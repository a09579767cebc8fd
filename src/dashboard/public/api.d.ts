// Types of api.js (a browser module served as is): the internal model the page draws, whatever the API version.
import type { ViewState } from './view-state.js';

export class ApiError extends Error {
  constructor(status: number, problem: unknown);
  readonly status: number;
  readonly problem: { detail?: string; title?: string; code?: string; errors?: Array<{ field: string; messages: string[] }> } | null;
  /** The problem's `errors`: which request fields the API refused and why ([] when it named none). */
  readonly fieldErrors: Array<{ field: string; messages: string[] }>;
}

/** What the API answers beyond v1 (found out by `capabilities()`). */
export interface Capabilities {
  twoGroupBys: boolean;
  filters: boolean;
  search: boolean;
}

export interface TrendSurge {
  key: string;
  /** Index into `periods` of the bucket holding the signal's date. */
  periodIndex: number;
  date: string;
  count: number | null;
  expected: number | null;
  method: string | null;
}

export interface TrendModel {
  interval: string;
  dimension: string;
  /** Bucket starts, YYYY-MM-DD. */
  periods: string[];
  /** One series per group code; `counts[i]` belongs to `periods[i]`. */
  series: Array<{ key: string; counts: number[] }>;
  totals: number[];
  surges: TrendSurge[];
}

export interface HeatmapModel {
  rowDimension: string;
  columnDimension: string;
  rows: string[];
  columns: string[];
  /** [columnIndex, rowIndex, count] summed over the range (ECharts heatmap data). */
  cells: Array<[number, number, number]>;
}

export interface SearchPage {
  items: Array<{
    id: string;
    title: string;
    occurredAt: string;
    country: string;
    sector: string | null;
    labels: Record<'mechanism' | 'magnitude' | 'source', string | null>;
  }>;
  nextCursor: string | null;
}

export interface EvidencePhrase {
  /** Which part of the classification the phrase supports: an axis, harmType, sector, severity or redLine. */
  part: string;
  field: 'title' | 'description' | 'harmDescription';
  start: number;
  end: number;
  text: string;
  supports: string;
}

export interface DeliveryRow {
  partnerName: string;
  version: number;
  msgType: string;
  status: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  ackDueAt: string | null;
  overdueAt: string | null;
  escalations: number;
}

export interface IncidentDetail {
  incident: Record<string, unknown> & { id: string; title: string; description: string; harmDescription: string | null };
  axes: Array<{ axis: 'mechanism' | 'magnitude' | 'source'; label: string | null; confidence: number | null }>;
  harmTypes: string[];
  sector: string | null;
  severity: string | null;
  urgency: string | null;
  evidence: EvidencePhrase[];
  deliveries: DeliveryRow[];
  /** Incidents linked as likely reports of the same event (empty when none, or before the API had correlation). */
  related: RelatedIncident[];
}

/** One linked incident (GET /incidents/:id/related); `score` in 0..1 is the sum of the reasons' weights. */
export interface RelatedIncident {
  incidentId: string;
  title: string;
  occurredAt: string;
  /** ISO 3166-1 alpha-2 code of the single window the incident was filed with. */
  originJurisdiction: string;
  score: number;
  /** `signal`: ai_system, organisation, name_in_text, title, description, date or labels; `detail` in English. */
  reasons: Array<{ signal: string; weight: number; detail: string }>;
}

export type Unsupported = { unsupported: true };

export interface Api {
  taxonomy(): Promise<unknown>;
  capabilities(): Promise<Capabilities>;
  trends(state: ViewState, capabilities: Capabilities): Promise<TrendModel>;
  heatmap(state: ViewState, capabilities: Capabilities): Promise<HeatmapModel | Unsupported>;
  searchIncidents(state: ViewState, capabilities: Capabilities, cursor?: string | null): Promise<SearchPage | Unsupported>;
  incident(id: string): Promise<IncidentDetail>;
}

export function createApi(getKey: () => string, fetchJson?: (url: string, key: string) => Promise<unknown>): Api;
export function normalizeTrends(body: unknown, dimension: string): TrendModel;
export function normalizeSurges(signals: unknown[], dimension: string, periods: string[]): TrendSurge[];
export function normalizeHeatmap(body: unknown, rowDimension: string, columnDimension: string): HeatmapModel;
export function normalizeSearchPage(body: unknown): SearchPage;
export function normalizeIncident(body: unknown): Omit<IncidentDetail, 'related'>;
export function normalizeRelated(body: unknown): RelatedIncident[];
