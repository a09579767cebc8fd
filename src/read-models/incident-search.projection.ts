import type { DataSource, EntityManager } from 'typeorm';

/**
 * Upserts the `incident_search` rows of the incidents `$1` (uuid[]) from the store: the incident row and its label in
 * force, i.e. the newest `incident_classifications` row (a `review:<n>` row after an analyst override;
 * labels-in-force.ts). Facets missing from results of classifier 0.1.0 become `undetermined`.
 * Change together with incident-search.entity.ts and migration 1796400000001.
 * `from`: the relations to read instead of the tables (a filing reads the rows its own statement inserts, as CTEs with
 * the tables' columns: file-incident.handler.ts) and the placeholder of the uuid[] parameter. `order` 'filed' writes
 * the rows in filing order (the seed generator, so its rows lie on the heap as a running window's do).
 */
export const projectIncidentSearchSql = (
  from: { incidents: string; classifications: string; ids: string } = { incidents: 'incidents', classifications: 'incident_classifications', ids: '$1' },
  order: 'filed' | 'none' = 'none',
): string => `
  INSERT INTO incident_search AS s (
    incident_id, title, description, occurred_at, filed_at, country, language, sector, tlp, status, version,
    reporting_organisation, filed_by_key_id, mechanism, magnitude, source, harm_types, severity, urgency,
    lifecycle_stage, classifier_version, search_text, search_vector, projected_at)
  SELECT i.id, i.title, i.description, i.occurred_at, i.filed_at, i.country, i.language,
         COALESCE(c.result->'sector'->>'label', i.sector, 'undetermined'), i.tlp, i.status, i.version,
         i.reporting_organisation, i.filed_by_key_id, c.mechanism, c.magnitude, c.source,
         COALESCE(NULLIF(ARRAY(SELECT h->>'type' FROM jsonb_array_elements(COALESCE(c.result->'harmTypes', '[]'::jsonb)) h WHERE h->>'type' IS NOT NULL), '{}'),
                  '{undetermined}'),
         COALESCE(c.result->'severity'->>'label', 'undetermined'),
         COALESCE(c.result->'urgency'->>'label', 'undetermined'),
         COALESCE(c.result->'lifecycleStage'->>'paper', 'undetermined'),
         c.classifier_version, lower(i.title || ' ' || i.description), to_tsvector('english', i.title || ' ' || i.description),
         now()
    FROM ${from.incidents} i
    JOIN LATERAL (SELECT * FROM ${from.classifications} WHERE incident_id = i.id ORDER BY classified_at DESC LIMIT 1) c ON true
   WHERE i.id = ANY(${from.ids}::uuid[])${order === 'filed' ? '\n   ORDER BY i.filed_at, i.id' : ''}
  ON CONFLICT (incident_id) DO UPDATE SET
    title = EXCLUDED.title, description = EXCLUDED.description, occurred_at = EXCLUDED.occurred_at,
    filed_at = EXCLUDED.filed_at, country = EXCLUDED.country, language = EXCLUDED.language, sector = EXCLUDED.sector,
    tlp = EXCLUDED.tlp, status = EXCLUDED.status, version = EXCLUDED.version,
    reporting_organisation = EXCLUDED.reporting_organisation, filed_by_key_id = EXCLUDED.filed_by_key_id,
    mechanism = EXCLUDED.mechanism, magnitude = EXCLUDED.magnitude, source = EXCLUDED.source,
    harm_types = EXCLUDED.harm_types, severity = EXCLUDED.severity, urgency = EXCLUDED.urgency,
    lifecycle_stage = EXCLUDED.lifecycle_stage, classifier_version = EXCLUDED.classifier_version,
    search_text = EXCLUDED.search_text, search_vector = EXCLUDED.search_vector, projected_at = EXCLUDED.projected_at`;

/** Upserts the `incident_search` rows of the incidents `$1` (uuid[]) from the tables (projectIncidentSearchSql). */
export const PROJECT_INCIDENT_SEARCH_SQL = projectIncidentSearchSql();

/**
 * Projects one incident into `incident_search` within the caller's transaction. Called where every incident event is
 * recorded (incident-events.ts: filed, amended, retracted, classification reviewed) and where a classification is
 * stored (classify-and-store.ts, which also covers `classification:backfill`, a change that records no event), so
 * the read model commits together with the change: a query right after a filing sees it.
 */
export async function projectIncidentSearch(manager: EntityManager, incidentId: string): Promise<void> {
  await manager.query(PROJECT_INCIDENT_SEARCH_SQL, [[incidentId]]);
}

/** Progress of a rebuild after each batch. */
export interface RebuildProgress {
  projected: number;
  total: number;
  ratePerSecond: number;
}

/**
 * Rebuilds `incident_search` from the store: upserts every incident in batches keyed by id (one transaction per batch,
 * so queries keep answering from the old rows meanwhile), then deletes rows whose incident no longer exists.
 * Idempotent and safe while the app runs (a concurrent event re-projects its incident from the same store).
 * @param batchSize incidents per batch, default 1000
 */
export async function rebuildIncidentSearch(
  dataSource: DataSource,
  options: { batchSize?: number; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildProgress> {
  const batchSize = options.batchSize ?? 1000;
  const started = performance.now();
  const [{ total }]: Array<{ total: number }> = await dataSource.query('SELECT count(*)::int AS total FROM incidents');
  const progress: RebuildProgress = { projected: 0, total, ratePerSecond: 0 };
  let after: string | null = null;
  for (;;) {
    const ids: string[] = (
      await dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM incidents WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2',
        [after, batchSize],
      )
    ).map((row) => row.id);
    if (ids.length === 0) break;
    await dataSource.transaction((manager) => manager.query(PROJECT_INCIDENT_SEARCH_SQL, [ids]));
    after = ids[ids.length - 1];
    progress.projected += ids.length;
    progress.ratePerSecond = progress.projected / Math.max((performance.now() - started) / 1000, 0.001);
    options.onProgress?.({ ...progress });
  }
  await dataSource.query('DELETE FROM incident_search s WHERE NOT EXISTS (SELECT 1 FROM incidents i WHERE i.id = s.incident_id)');
  return progress;
}
