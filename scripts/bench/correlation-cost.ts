/**
 * Cost of correlating one incident event at scale (docs/correlation.md): on a database seeded by
 * `scripts/seed/seed-incidents.ts` (DATABASE_URL), marks every fifth incident as filed by another jurisdiction (US),
 * stores the party name keys of all incidents (as the consumer would have), then times `correlateIncident` for
 * `--samples` incidents (default 200) drawn at random, each in a transaction that is rolled back so the store stays as
 * seeded. Prints p50, p95 and max in ms, the links found, and the machine's load average.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { correlateIncident } from '../../src/correlation/correlate-incident.js';
import { nameKeysOf } from '../../src/correlation/name-keys.js';
import { dataSourceOptions } from '../../src/database/data-source-options.js';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/aisw_bench_1m';
const samples = Number(process.argv[process.argv.indexOf('--samples') + 1]) || 200;
const ROLLBACK = new Error('rollback');

async function main(): Promise<void> {
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl), extra: { max: 2 } });
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.query(`UPDATE incidents SET origin_jurisdiction = 'US' WHERE origin_jurisdiction <> 'US' AND ('x' || substr(md5(id::text), 1, 8))::bit(32)::int % 5 = 0`);
  const [{ total, foreign }] = await dataSource.query<Array<{ total: string; foreign: string }>>(
    `SELECT count(*) AS total, count(*) FILTER (WHERE origin_jurisdiction = 'US') AS foreign FROM incidents`,
  );
  await dataSource.query(`TRUNCATE incident_name_keys, incident_links`);
  for (let offset = 0; ; offset += 20_000) {
    const rows = await dataSource.query<Array<{ id: string; ai_system_name: string | null; developer: string | null; deployer: string | null }>>(
      `SELECT id, ai_system_name, developer, deployer FROM incidents ORDER BY id OFFSET $1 LIMIT 20000`,
      [offset],
    );
    if (rows.length === 0) break;
    const keys = rows.flatMap((row) =>
      ([['ai_system', row.ai_system_name], ['developer', row.developer], ['deployer', row.deployer]] as const).flatMap(([role, field]) =>
        nameKeysOf(field).map((key) => [row.id, role, key] as const),
      ),
    );
    await dataSource.query(
      `INSERT INTO incident_name_keys (incident_id, role, key) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
      [keys.map((key) => key[0]), keys.map((key) => key[1]), keys.map((key) => key[2])],
    );
  }
  await dataSource.query(`ANALYZE incident_name_keys`);
  const ids = (await dataSource.query<Array<{ id: string }>>(`SELECT id FROM incidents WHERE status = 'active' ORDER BY random() LIMIT $1`, [samples])).map((row) => row.id);
  const options = { threshold: 0.55, textWindowDays: 120, maxDays: 730, sameJurisdiction: false };
  const times: number[] = [];
  let links = 0;
  for (const id of ids) {
    const started = performance.now();
    await dataSource
      .transaction(async (manager) => {
        links += (await correlateIncident(manager, id, options)).length;
        throw ROLLBACK;
      })
      .catch((error: unknown) => {
        if (error !== ROLLBACK) throw error;
      });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(0);
  console.log(
    `${total} incidents (${foreign} of origin US); ${samples} events: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${times[times.length - 1].toFixed(0)} ms; ` +
      `${links} links at 0.55; load average ${loadavg().map((value) => value.toFixed(1)).join(' ')}`,
  );
  await dataSource.destroy();
}

await main();
