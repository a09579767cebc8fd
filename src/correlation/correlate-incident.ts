import type { EntityManager } from 'typeorm';
import { scoreLink, type CorrelationSubject, type LinkReason, type NameRole } from './link-score.js';
import { nameKeysOf } from './name-keys.js';

/** How the correlator searches (environment: CORRELATION_*). */
export interface CorrelationOptions {
  threshold: number;
  /** Days either side of the occurrence date searched for similar text. */
  textWindowDays: number;
  /** Incidents further apart are never linked. */
  maxDays: number;
  /** Also link incidents of the same origin jurisdiction (duplicates within one window); off by default. */
  sameJurisdiction: boolean;
}

/** Text-similar candidates taken from the date window, best first (bounds the scoring work per event). */
const TEXT_CANDIDATES = 50;
/** Same-name candidates at most (a very common name is also the weakest signal). */
const NAME_CANDIDATES = 500;
/** Characters of the description compared by pg_trgm when scoring a candidate (its cost grows with the text). */
const DESCRIPTION_CHARS = 2000;
/** Characters of the description compared when ranking the date window for candidates (every row in the window pays). */
const RANKING_CHARS = 400;

interface SubjectRow {
  id: string;
  title: string;
  description: string;
  occurred_at: Date;
  language: 'en' | 'zh';
  origin_jurisdiction: string;
  status: 'active' | 'retracted';
  ai_system_name: string | null;
  developer: string | null;
  deployer: string | null;
  mechanism: string | null;
  source: string | null;
  sector: string | null;
  harm_types: string[] | null;
}

/** A link written for an incident: the other incident, the score and the reasons. */
export interface IncidentLinkResult {
  relatedIncidentId: string;
  score: number;
  reasons: LinkReason[];
}

const namesOf = (row: Pick<SubjectRow, 'ai_system_name' | 'developer' | 'deployer'>): CorrelationSubject['names'] => {
  const roles: Array<[NameRole, string | null]> = [
    ['ai_system', row.ai_system_name],
    ['developer', row.developer],
    ['deployer', row.deployer],
  ];
  return roles.flatMap(([role, field]) => nameKeysOf(field).map((key) => ({ role, key })));
};

const toSubject = (row: SubjectRow): CorrelationSubject => ({
  id: row.id,
  title: row.title,
  description: row.description,
  occurredAt: row.occurred_at,
  language: row.language,
  originJurisdiction: row.origin_jurisdiction,
  names: namesOf(row),
  labels: row.mechanism && row.source ? { mechanism: row.mechanism, source: row.source, sector: row.sector ?? 'undetermined', harmTypes: row.harm_types ?? [] } : null,
});

const SUBJECT_COLUMNS = `i.id, i.title, i.description, i.occurred_at, i.language, i.origin_jurisdiction, i.status, i.ai_system_name, i.developer,
  i.deployer, s.mechanism, s.source, s.sector, s.harm_types`;

/**
 * Recomputes the links of one incident (both directions) from its newest version, within the caller's transaction:
 * stores its party name keys, finds candidates among active incidents of another origin jurisdiction (any, with
 * `sameJurisdiction`): those naming the same AI system, developer or deployer within `maxDays`, and the
 * `TEXT_CANDIDATES` within `textWindowDays` most similar by title or the start of the description; scores each pair
 * (link-score.ts) and keeps those at or above `threshold`. A retracted or unknown incident loses its name keys and
 * links. Idempotent: the same stored state gives the same links. Returns the links kept, best first.
 */
export async function correlateIncident(manager: EntityManager, incidentId: string, options: CorrelationOptions): Promise<IncidentLinkResult[]> {
  const [row] = await manager.query<SubjectRow[]>(
    `SELECT ${SUBJECT_COLUMNS} FROM incidents i LEFT JOIN incident_search s ON s.incident_id = i.id WHERE i.id = $1`,
    [incidentId],
  );
  await manager.query(`DELETE FROM incident_links WHERE incident_id = $1 OR related_incident_id = $1`, [incidentId]);
  await manager.query(`DELETE FROM incident_name_keys WHERE incident_id = $1`, [incidentId]);
  if (!row || row.status !== 'active') return [];
  const probe = toSubject(row);
  if (probe.names.length > 0) {
    await manager.query(
      `INSERT INTO incident_name_keys (incident_id, role, key) SELECT $1, role, key FROM unnest($2::text[], $3::text[]) AS n(role, key) ON CONFLICT DO NOTHING`,
      [incidentId, probe.names.map((name) => name.role), probe.names.map((name) => name.key)],
    );
  }
  const keys = [...new Set(probe.names.map((name) => name.key))];
  const description = row.description.slice(0, DESCRIPTION_CHARS);
  const byName = keys.length === 0
    ? []
    : await manager.query<Array<{ id: string }>>(
        `SELECT DISTINCT k.incident_id AS id FROM incident_name_keys k JOIN incidents i ON i.id = k.incident_id
          WHERE k.key = ANY($2) AND k.incident_id <> $1 AND i.status = 'active' AND ($5 OR i.origin_jurisdiction <> $6)
            AND i.occurred_at BETWEEN $3::timestamptz - make_interval(days => $4) AND $3::timestamptz + make_interval(days => $4)
          LIMIT ${NAME_CANDIDATES}`,
        [incidentId, keys, row.occurred_at, options.maxDays, options.sameJurisdiction, row.origin_jurisdiction],
      );
  const byText = await manager.query<Array<{ id: string }>>(
    `SELECT i.id FROM incidents i
      WHERE i.id <> $1 AND i.status = 'active' AND ($6 OR i.origin_jurisdiction <> $7)
        AND i.occurred_at BETWEEN $4::timestamptz - make_interval(days => $5) AND $4::timestamptz + make_interval(days => $5)
      ORDER BY greatest(similarity(i.title, $2), similarity(left(i.description, ${RANKING_CHARS}), $3)) DESC, i.id
      LIMIT ${TEXT_CANDIDATES}`,
    [incidentId, row.title, row.description.slice(0, RANKING_CHARS), row.occurred_at, Math.min(options.textWindowDays, options.maxDays), options.sameJurisdiction, row.origin_jurisdiction],
  );
  const candidateIds = [...new Set([...byName, ...byText].map((candidate) => candidate.id))];
  if (candidateIds.length === 0) return [];
  const candidates = await manager.query<Array<SubjectRow & { title_similarity: number; description_similarity: number }>>(
    `SELECT ${SUBJECT_COLUMNS}, similarity(i.title, $2) AS title_similarity, similarity(left(i.description, ${DESCRIPTION_CHARS}), $3) AS description_similarity
       FROM incidents i LEFT JOIN incident_search s ON s.incident_id = i.id WHERE i.id = ANY($1)`,
    [candidateIds, row.title, description],
  );
  const allKeys = [...new Set([...keys, ...candidates.flatMap((candidate) => namesOf(candidate).map((name) => name.key))])];
  const frequency = new Map(
    (
      await manager.query<Array<{ key: string; incidents: string }>>(
        `SELECT key, count(DISTINCT incident_id) AS incidents FROM incident_name_keys WHERE key = ANY($1) GROUP BY key`,
        [allKeys],
      )
    ).map((entry) => [entry.key, Number(entry.incidents)]),
  );
  const links = candidates
    .map((candidate) => ({
      relatedIncidentId: candidate.id,
      ...scoreLink(probe, toSubject(candidate), {
        titleSimilarity: Number(candidate.title_similarity),
        descriptionSimilarity: Number(candidate.description_similarity),
        nameFrequency: frequency,
      }),
    }))
    .filter((link) => link.score >= options.threshold)
    .sort((a, b) => b.score - a.score || a.relatedIncidentId.localeCompare(b.relatedIncidentId));
  if (links.length > 0) {
    await manager.query(
      `INSERT INTO incident_links (incident_id, related_incident_id, score, reasons)
       SELECT a, b, score, reasons FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::jsonb[]) AS l(a, b, score, reasons)
       ON CONFLICT (incident_id, related_incident_id) DO UPDATE SET score = EXCLUDED.score, reasons = EXCLUDED.reasons, computed_at = now()`,
      [
        links.flatMap((link) => [incidentId, link.relatedIncidentId]),
        links.flatMap((link) => [link.relatedIncidentId, incidentId]),
        links.flatMap((link) => [link.score, link.score]),
        links.flatMap((link) => [JSON.stringify(link.reasons), JSON.stringify(link.reasons)]),
      ],
    );
  }
  return links;
}
