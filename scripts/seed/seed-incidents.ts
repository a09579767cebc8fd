// Seeds N synthetic incidents (default 1,000,000) into a database of the app, for the query benchmarks (issue 5,
// "Scale") and for trying the dashboard at volume. Run: `node dist/scripts/seed/seed-incidents.js [--count 1000000]
// [--seed 42] [--batch 50000]` with DATABASE_URL naming the database (created and migrated if needed).
//
// What is drawn: each seeded incident copies one of the 330 real filings of deploy/demo/incidents.json (AIID, OECD
// AIM, Escape Log; their licences are in deploy/demo/README.md) picked uniformly, so labels, countries, sectors,
// languages and TLP follow the real filings' joint distribution, together with that filing's classification by
// libs/taxonomy (computed once per filing, with evidence highlights, exactly as a filing stores it). Dates: the
// filing's occurredAt jittered uniformly by ±180 days (with a random time of day, reflected at the newest real date),
// filedAt 0..30 days later. Text: the description gets a neutral reference sentence (" Filing reference k3x9q2.",
// Chinese "（备案编号 k3x9q2）") appended, so texts differ while the evidence offsets of the stored classification stay
// valid (they point into the unchanged beginning); the sentence holds no taxonomy term.
//
// What is written, in one transaction (batches of --batch rows): `incidents` (version 1, active), one `machine` row of
// `incident_classifications` (cause `filing`, classified_at = filed_at) and the `incident_search` read model through
// its own projection SQL (projectIncidentSearchSql, in filing order); then the `trend_counts` read model is recounted from it
// (fillTrendCounts; its capture trigger is off during the load). Deliberately NOT written: `outbox` rows (and so no alerts,
// deliveries or Kafka messages): seeded incidents are history, not news to disseminate to partners; nor audit log
// entries or API keys (the filer key id is a fixed UUID with no key row, so seeded TLP:RED incidents are visible to
// nobody, as RED ones filed by another key are).
//
// Deterministic: the same --seed gives the same incidents (ids, dates, texts, labels). Seeding the same seed twice
// into one database fails on the first batch (duplicate ids) and writes nothing; use another --seed to add more.
// The read model's secondary indexes are dropped for the load and re-built before the commit, so queries on
// incident_search wait for the seed: seed a database the app is not serving (the benchmark's own, aisw_bench_1m).
// Speed: rows go through PostgreSQL COPY (pg-copy-streams) into a temporary staging table and are expanded with
// INSERT … SELECT against the 330 filings, so Node.js sends ~150 bytes per incident. Ends with VACUUM ANALYZE so the
// planner has statistics and index-only scans have a visibility map at once.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import canonicalize from 'canonicalize';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { DataSource } from 'typeorm';
import { classifyIncident, type ClassifierInput } from '@app/taxonomy';
import { withEvidenceHighlights } from '../../src/classification/evidence-highlights.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';
import { projectIncidentSearchSql } from '../../src/read-models/incident-search.projection.js';
import { fillTrendCounts } from '../../src/read-models/trend-counts.js';

/** The filer API key id of every seeded incident (no `api_keys` row has it). */
export const SEED_FILER_KEY_ID = '5eed0000-0000-4000-8000-000000000000';
const DAY_MS = 86_400_000;
const JITTER_DAYS = 180;
const FILING_DELAY_DAYS = 30;

/** A demo filing as deploy/demo/incidents.json holds it. */
interface DemoFiling {
  title: string;
  description: string;
  occurredAt: string;
  country: string;
  language: 'en' | 'zh';
  sector?: string;
  reportingOrganisation: string;
  aiSystemName?: string;
  developer?: string;
  deployer?: string;
  harmDescription?: string;
  sourceUrls: string[];
  tlp: string;
}

/** Progress after each batch: rows written, rows per second so far, seconds left at that rate. */
export interface SeedProgress {
  seeded: number;
  count: number;
  ratePerSecond: number;
  etaSeconds: number;
}

export interface SeedOptions {
  /** postgres://… of the target database (created and migrated when needed). */
  databaseUrl: string;
  /** Incidents to add, default 1,000,000. */
  count?: number;
  /** PRNG seed (32-bit integer), default 42. */
  seed?: number;
  /** Incidents per transaction, default 50,000. */
  batchSize?: number;
  /** `JURISDICTION` of the app (origin_jurisdiction of the seeded incidents), default CN. */
  jurisdiction?: string;
  onProgress?: (progress: SeedProgress) => void;
  /** Called after each read-model index is re-built at the end, with the seconds it took. */
  onIndex?: (name: string, seconds: number) => void;
}

/** Reads the real filings and classifies each once, as a filing would store it (highlights included). */
function templates(repo: string): Array<{ filing: DemoFiling; classification: ReturnType<typeof classifyIncident> }> {
  const entries = JSON.parse(readFileSync(join(repo, 'deploy/demo/incidents.json'), 'utf8')) as Array<{ filing: DemoFiling }>;
  return entries.map(({ filing }) => {
    const machine = classifyIncident({
      title: filing.title,
      description: filing.description,
      harmDescription: filing.harmDescription,
      language: filing.language,
      sector: filing.sector as ClassifierInput['sector'],
      aiSystemName: filing.aiSystemName,
    });
    const classification = withEvidenceHighlights(machine, { title: filing.title, description: filing.description, harmDescription: filing.harmDescription });
    return { filing, classification };
  });
}

/** 16 random bytes as an RFC 9562 version 4 UUID. */
function uuidV4(rng: RandomGenerator): string {
  const bytes = Buffer.alloc(16);
  for (let i = 0; i < 4; i += 1) bytes.writeUInt32BE(rng.next() >>> 0, i * 4);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const REFERENCE_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** One incident's staging line (tab-separated COPY text; no field can hold a tab, newline or backslash). */
function stagingLine(rng: RandomGenerator, filings: DemoFiling[], newest: number): { id: string; filed: number; line: string } {
  const template = uniformInt(rng, 0, filings.length - 1);
  const filing = filings[template];
  const id = uuidV4(rng);
  let occurred = Date.parse(`${filing.occurredAt.slice(0, 10)}T00:00:00Z`) + uniformInt(rng, -JITTER_DAYS, JITTER_DAYS) * DAY_MS + uniformInt(rng, 0, DAY_MS - 1);
  if (occurred > newest) occurred = 2 * newest - occurred;
  const filed = occurred + uniformInt(rng, 0, FILING_DELAY_DAYS * DAY_MS);
  let reference = '';
  for (let i = 0; i < 6; i += 1) reference += REFERENCE_ALPHABET[uniformInt(rng, 0, REFERENCE_ALPHABET.length - 1)];
  const suffix = filing.language === 'zh' ? `（备案编号 ${reference}）` : ` Filing reference ${reference}.`;
  const occurredAt = new Date(occurred).toISOString();
  // Hash of the canonical filing body, as POST /incidents stores it (Idempotency-Key replays compare it).
  const requestHash = createHash('sha256')
    .update(canonicalize({ ...filing, description: filing.description + suffix, occurredAt }) ?? '', 'utf8')
    .digest('hex');
  return { id, filed, line: `${id}\t${template}\t${occurredAt}\t${new Date(filed).toISOString()}\t${suffix}\t${requestHash}\n` };
}

const STAGING_DDL = `CREATE TEMP TABLE IF NOT EXISTS seed_staging (
  id uuid NOT NULL, template int NOT NULL, occurred_at timestamptz NOT NULL, filed_at timestamptz NOT NULL,
  description_suffix text NOT NULL, request_hash char(64) NOT NULL)`;

const TEMPLATES_DDL = `CREATE TEMP TABLE seed_templates (
  template int PRIMARY KEY, filing jsonb NOT NULL, classification jsonb NOT NULL)`;

const INSERT_INCIDENTS_SQL = `
  INSERT INTO incidents (id, title, description, occurred_at, country, language, sector, reporting_organisation,
    ai_system_name, developer, deployer, harm_description, source_urls, tlp, origin_jurisdiction, filed_by_key_id,
    idempotency_key, request_hash, filed_at, version, status, updated_at, proposed_labels, recipients)
  SELECT b.id, t.filing->>'title', (t.filing->>'description') || b.description_suffix, b.occurred_at,
         t.filing->>'country', t.filing->>'language', t.filing->>'sector', t.filing->>'reportingOrganisation',
         t.filing->>'aiSystemName', t.filing->>'developer', t.filing->>'deployer', t.filing->>'harmDescription',
         ARRAY(SELECT jsonb_array_elements_text(t.filing->'sourceUrls')), t.filing->>'tlp', $1, $2::uuid,
         NULL, b.request_hash, b.filed_at, 1, 'active', b.filed_at, NULL, '{}'
    FROM seed_staging b JOIN seed_templates t USING (template) ORDER BY b.filed_at, b.id`;

const PROJECT_IN_FILING_ORDER_SQL = projectIncidentSearchSql(undefined, 'filed');

const INSERT_CLASSIFICATIONS_SQL = `
  INSERT INTO incident_classifications (incident_id, incident_version, kind, cause, classifier_version, review_number,
    mechanism, magnitude, source, result, classified_at, incident_tlp)
  SELECT b.id, 1, 'machine', 'filing', t.classification->>'classifierVersion', NULL,
         t.classification->'mechanism'->>'label', t.classification->'magnitude'->>'label',
         t.classification->'source'->>'label', t.classification, b.filed_at, t.filing->>'tlp'
    FROM seed_staging b JOIN seed_templates t USING (template)`;

async function copyLines(client: pg.PoolClient | pg.Client, table: string, lines: string[]): Promise<void> {
  await pipeline(Readable.from(lines), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
}

/** Creates and migrates the database when needed (as the app does at start). */
export async function prepareDatabase(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl);
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 1, application_name: 'aisw-seed' } });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Seeds `count` incidents (see the header of this file for what is drawn and written). Errors: throws on a
 * database error, and then nothing is written (one transaction). Returns the rows written and seconds taken.
 */
export async function seedIncidents(options: SeedOptions): Promise<{ seeded: number; seconds: number }> {
  const count = options.count ?? 1_000_000;
  const batchSize = options.batchSize ?? 50_000;
  const jurisdiction = options.jurisdiction ?? 'CN';
  const rng = xoroshiro128plus(options.seed ?? 42);
  const repo = process.cwd();
  const pairs = templates(repo);
  const filings = pairs.map((pair) => pair.filing);
  const newest = Math.max(...filings.map((filing) => Date.parse(`${filing.occurredAt.slice(0, 10)}T23:59:59.999Z`)));
  await prepareDatabase(options.databaseUrl);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: 'aisw-seed' });
  await client.connect();
  const started = performance.now();
  let seeded = 0;
  try {
    await client.query(TEMPLATES_DDL);
    await client.query('INSERT INTO seed_templates SELECT (ordinality - 1)::int, value->\'filing\', value->\'classification\' FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY', [
      JSON.stringify(pairs),
    ]);
    await client.query(STAGING_DDL);
    await client.query('BEGIN');
    await client.query(`SET LOCAL maintenance_work_mem = '512MB'`);
    // Maintaining the read model's GIN (trigram, tsvector) and covering indexes row by row costs three quarters of
    // the load; building them once at the end is several times faster. Drop and re-create happen in the same
    // transaction as the load, so an interrupted seed leaves the schema (and the data) as it was.
    const deferred = (
      await client.query<{ indexname: string; indexdef: string }>(`SELECT i.indexname, i.indexdef FROM pg_indexes i
                           WHERE i.schemaname = current_schema() AND i.tablename = 'incident_search'
                             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`)
    ).rows;
    for (const { indexname } of deferred) await client.query(`DROP INDEX "${indexname}"`);
    // The trend read model is recounted once after the load (below) instead of a delta row per seeded incident.
    await client.query('ALTER TABLE incident_search DISABLE TRIGGER trend_count_deltas_capture');
    // Written in filing order (filed_at), as a running window appends them, so rows filed in the same weeks share
    // heap pages as they do in production; the month-led text indexes rely on that locality (docs/benchmarks.md).
    const drawn = Array.from({ length: count }, () => stagingLine(rng, filings, newest)).sort((a, b) => a.filed - b.filed || (a.id < b.id ? -1 : 1));
    while (seeded < count) {
      const size = Math.min(batchSize, count - seeded);
      const batch = drawn.slice(seeded, seeded + size);
      await copyLines(client, 'seed_staging', batch.map((row) => row.line));
      await client.query(INSERT_INCIDENTS_SQL, [jurisdiction, SEED_FILER_KEY_ID]);
      await client.query(INSERT_CLASSIFICATIONS_SQL);
      await client.query(PROJECT_IN_FILING_ORDER_SQL, [batch.map((row) => row.id)]);
      await client.query('TRUNCATE seed_staging');
      seeded += size;
      const ratePerSecond = seeded / Math.max((performance.now() - started) / 1000, 0.001);
      options.onProgress?.({ seeded, count, ratePerSecond, etaSeconds: (count - seeded) / ratePerSecond });
    }
    for (const { indexname, indexdef } of deferred) {
      const t0 = performance.now();
      await client.query(indexdef);
      options.onIndex?.(indexname, (performance.now() - t0) / 1000);
    }
    await client.query('ALTER TABLE incident_search ENABLE TRIGGER trend_count_deltas_capture');
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE incidents');
    await client.query('VACUUM ANALYZE incident_classifications');
    await client.query('VACUUM ANALYZE incident_search');
    // After the VACUUM, so its grouped scans read the covering index only.
    await client.query('BEGIN');
    await client.query('DELETE FROM trend_count_deltas');
    await client.query('DELETE FROM trend_counts');
    await fillTrendCounts(async (sql, params) => (await client.query(sql, params)).rows as unknown);
    await client.query('COMMIT');
    await client.query('VACUUM ANALYZE trend_counts');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    await client.end();
  }
  return { seeded, seconds: (performance.now() - started) / 1000 };
}

const USAGE = `Usage: DATABASE_URL=postgres://… node dist/scripts/seed/seed-incidents.js [--count 1000000] [--seed 42] [--batch 50000]
Adds --count synthetic incidents drawn from the 330 real demo filings (scripts/seed/seed-incidents.ts says how),
with their classifications and search read model, and no outbox rows (nothing is disseminated). Prints progress.`;

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, batch: { type: 'string' }, help: { type: 'boolean' } } });
  const count = Number(values.count ?? 1_000_000);
  const seed = Number(values.seed ?? 42);
  const batchSize = Number(values.batch ?? 50_000);
  const databaseUrl = process.env.DATABASE_URL;
  if (values.help || !databaseUrl || !Number.isInteger(count) || count < 1 || !Number.isInteger(seed) || !Number.isInteger(batchSize) || batchSize < 1 || batchSize > 200_000) {
    console.error(`${values.help ? '' : 'DATABASE_URL is required; --count and --batch (1..200000) are positive integers, --seed an integer\n\n'}${USAGE}`);
    return values.help ? 0 : 2;
  }
  console.log(`seeding ${count} incidents (seed ${seed}, batches of ${batchSize}) into ${new URL(databaseUrl).pathname.slice(1)}`);
  const result = await seedIncidents({
    databaseUrl,
    count,
    seed,
    batchSize,
    jurisdiction: process.env.JURISDICTION,
    onProgress: ({ seeded, ratePerSecond, etaSeconds }) =>
      console.log(`${seeded}/${count} rows, ${Math.round(ratePerSecond)} rows/s, ETA ${Math.round(etaSeconds)} s (+ index build)`),
    onIndex: (name, seconds) => console.log(`index ${name} built in ${seconds.toFixed(1)} s`),
  });
  console.log(`done: ${result.seeded} incidents in ${result.seconds.toFixed(1)} s (VACUUM ANALYZE included)`);
  return 0;
}

if (process.argv[1]?.endsWith('seed-incidents.js')) {
  process.exitCode = await main().catch((error: unknown) => {
    console.error(`seed failed: ${(error as Error).message}`);
    return 1;
  });
}
