// CPU per filing (issue 6, docs/filing-performance.md): starts the built app (`node dist/src/main.js`) alone against
// a database of its own, loads `POST /incidents` with autocannon and divides the app process's CPU time (user +
// system, /proc/<pid>/stat) by the filings it answered. CPU time per request is far less sensitive to other load on
// a shared machine than requests per second. With --cpu-prof the app writes a V8 CPU profile (.cpuprofile) into
// BENCH_PROFILE_DIR (default: the working directory) when it exits.
//
//   node dist/scripts/bench/filing-cpu.js [--cpu-prof] [--partners N --rate R [--stages]]
// With --partners, N webhook partners (local HTTP receivers) are onboarded first, filings go at R per second, and the
// CPU is counted until every webhook has arrived: the figures are per filing including its N webhooks. --stages adds
// where each webhook's latency went (p50/p99 per hop, ms), from the database's timestamps of the run's alerts.
// It also measures the app's and PostgreSQL's idle CPU (no filings) for BENCH_IDLE_SECONDS before the run and reports
// the CPU per filing without it (`marginal…`): on a shared machine few filings per second share a fixed background.
// --table-stats adds the row writes of the `deliveries` table per webhook over the run and its drain (inserts, updates,
// HOT updates; pg_stat_user_tables, which backends report up to a second late) and where its `event` column is stored.
//   env: BENCH_HTTP_SECONDS (default 10), BENCH_IDLE_SECONDS (default 5), BENCH_APP_PORT (default 3901), BENCH_CONNECTIONS (default 20),
//        BENCH_NODE_OPTIONS (node flags for the app instead of APP_NODE_FLAGS; "" for none), BENCH_APP_ROOT (checkout whose dist/ to run), KAFKA_BROKERS,
//        BENCH_POSTGRES_URL, BENCH_DATABASE_PREFIX (default aisw_filing_perf_cpu; a random suffix is added)
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';
import {
  adminQuery,
  APP_NODE_FLAGS,
  benchDataKeys,
  databaseUrl,
  deleteBenchTopics,
  filingBody,
  percentile,
  startTimingPartner,
  stopProcess,
  waitHttp,
  type TimingPartner,
} from './service-benchmarks.js';
import { benchTitleMarker, sentAtFromTitle } from './title-marker.js';

const repo = process.cwd();
/** Where the built app to measure lives (BENCH_APP_ROOT; default: this checkout), e.g. a build of the previous commit. */
const appRoot = process.env.BENCH_APP_ROOT ?? repo;
const SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Seconds without filings, after the warm-up, over which the idle background CPU is measured (BENCH_IDLE_SECONDS). */
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 5);
const PORT = Number(process.env.BENCH_APP_PORT ?? 3901);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ; 100 on Linux). */
const USER_HZ = 100;

/** PIDs of the PostgreSQL backends serving `database` (same machine only). */
async function backendPids(database: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres') });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [database]);
    return rows.map((row) => row.pid);
  } finally {
    await client.end();
  }
}

/** CPU seconds (user + system) so far of each process that still exists. */
function cpuByPid(pids: number[]): Map<number, number> {
  const seconds = new Map<number, number>();
  for (const pid of pids) {
    try {
      const { user, system } = cpuSeconds(pid);
      seconds.set(pid, user + system);
    } catch {
      // exited
    }
  }
  return seconds;
}

/** CPU seconds used between two `cpuByPid` readings by the processes alive at both (one that exited in between, e.g. an idle pool connection closed, counts 0 rather than minus its whole life). */
function cpuSecondsBetween(start: Map<number, number>, end: Map<number, number>): number {
  let sum = 0;
  for (const [pid, seconds] of end) sum += seconds - (start.get(pid) ?? seconds);
  return sum;
}

/** User and system CPU seconds a process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
function cpuSeconds(pid: number): { user: number; system: number } {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return { user: Number(fields[11]) / USER_HZ, system: Number(fields[12]) / USER_HZ };
}

function rssMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith(`${field}:`));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

/**
 * Where the webhooks' latency went, per hop (ms, p50 and p99 over the alerts received): filing sent → outbox row
 * written (the filing's statement), → relay pass that published it began (its transaction's now()), → alert recorded
 * by the alert log (outbox → Kafka → router transaction → partner topic → alert log), → first POST began (dispatcher
 * wake and claim), → received by the partner (POST). Clocks: this process and PostgreSQL on the same machine.
 */
async function stageLatencies(database: string, partners: TimingPartner[]): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const { rows } = await client.query<{ alert_id: string; title: string; outbox_ms: string; published_ms: string; recorded_ms: string; attempted_ms: string }>(
      `SELECT d.alert_id, i.title,
              extract(epoch FROM o.created_at) * 1000 AS outbox_ms, extract(epoch FROM o.published_at) * 1000 AS published_ms,
              extract(epoch FROM d.created_at) * 1000 AS recorded_ms,
              (SELECT extract(epoch FROM min(a.attempted_at)) * 1000 FROM delivery_attempts a WHERE a.alert_id = d.alert_id) AS attempted_ms
         FROM deliveries d JOIN incidents i ON i.id = d.incident_id
         JOIN outbox_messages o ON o.aggregate_id = d.incident_id AND o.event_type = 'org.aisw.incident.filed.v1'`,
    );
    const hops: Record<string, number[]> = { filing: [], relayWake: [], kafkaToAlertLog: [], dispatcherClaim: [], post: [] };
    for (const row of rows) {
      const sent = sentAtFromTitle(row.title);
      const latency = partners.map((partner) => partner.firstSeen.get(row.alert_id)).find((value) => value !== undefined);
      if (!Number.isFinite(sent) || latency === undefined || row.attempted_ms === null) continue;
      const [outbox, published, recorded, attempted] = [row.outbox_ms, row.published_ms, row.recorded_ms, row.attempted_ms].map(Number);
      hops.filing.push(outbox - sent);
      hops.relayWake.push(published - outbox);
      hops.kafkaToAlertLog.push(recorded - published);
      hops.dispatcherClaim.push(attempted - recorded);
      hops.post.push(sent + latency - attempted);
    }
    return Object.fromEntries(
      Object.entries(hops).map(([hop, values]) => {
        const sorted = values.sort((a, b) => a - b);
        return [hop, `${percentile(sorted, 0.5).toFixed(1)} / ${percentile(sorted, 0.99).toFixed(1)}`];
      }),
    );
  } finally {
    await client.end();
  }
}

/** Row writes of `deliveries` so far (pg_stat_user_tables) and how its `event` column is stored (bytes, average). */
async function deliveryTableStats(database: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl(database) });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, string>>(
      `SELECT s.n_tup_ins AS inserts, s.n_tup_upd AS updates, s.n_tup_hot_upd AS hot_updates,
              pg_relation_size(c.reltoastrelid) AS toast_bytes,
              (SELECT avg(pg_column_size(event)) FROM deliveries) AS event_bytes
         FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid WHERE s.relname = 'deliveries'`,
    );
    return Object.fromEntries(Object.entries(rows[0]).map(([name, value]) => [name, Number(value)]));
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const profile = process.argv.includes('--cpu-prof');
  const option = (name: string): number | undefined => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : undefined;
  };
  const partnerCount = option('--partners') ?? 0;
  const stages = process.argv.includes('--stages');
  const tableStats = process.argv.includes('--table-stats');
  const rate = option('--rate');
  const partners: TimingPartner[] = [];
  const suffix = Date.now().toString(36);
  const database = `${process.env.BENCH_DATABASE_PREFIX ?? 'aisw_filing_perf_cpu'}_${suffix}`;
  const topicPrefix = `filing-perf-cpu-${suffix}`;
  const env = {
    ...process.env,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    NODE_ENV: 'production',
    AISW_DATA_ENCRYPTION_KEYS: benchDataKeys(),
    DATABASE_URL: databaseUrl(database),
    KAFKA_BROKERS: BROKERS,
    KAFKA_TOPIC_PREFIX: topicPrefix,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_KEY: '0',
    WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  const nodeFlags = [
    ...(process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? APP_NODE_FLAGS),
    ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR ?? repo}`] : []),
  ];
  const app = spawn(process.execPath, [...nodeFlags, join(appRoot, 'dist/src/main.js')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await waitHttp(`http://127.0.0.1:${PORT}/health`, 120, app);
    const key = (
      JSON.parse(execFileSync(process.execPath, [join(appRoot, 'dist/src/cli.js'), 'api-keys:issue', '--role', 'regulator', '--name', 'cpu bench'], { env }).toString()) as {
        key: string;
      }
    ).key;
    if (partnerCount > 0) {
      const adminKey = (
        JSON.parse(execFileSync(process.execPath, [join(appRoot, 'dist/src/cli.js'), 'api-keys:issue', '--role', 'admin', '--name', 'cpu bench admin'], { env }).toString()) as {
          key: string;
        }
      ).key;
      for (let n = 0; n < partnerCount; n++) {
        const partner = await startTimingPartner();
        partners.push(partner);
        const response = await fetch(`http://127.0.0.1:${PORT}/partners`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
          body: JSON.stringify({ slug: `cpu-partner-${n}`, name: `CPU bench partner ${n}`, country: 'DE', webhookUrl: partner.url }),
        });
        if (response.status !== 201) throw new Error(`onboarding partner ${n} answered ${response.status}`);
      }
    }
    const body = filingBody();
    const run = (duration: number) =>
      autocannon({
        url: `http://127.0.0.1:${PORT}/incidents`,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        ...(rate ? { overallRate: rate } : {}),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...body, title: `${String(body.title).slice(0, 400)} ${benchTitleMarker()}` }) }) }],
      });
    const received = () => partners.reduce((sum, partner) => sum + partner.firstSeen.size, 0);
    const heardOf = () => new Set(partners.flatMap((partner) => [...partner.incidents])).size;
    const warmUp = await run(2); // warm-up: JIT, pools, key cache
    for (let waited = 0; partnerCount > 0 && received() < Math.max(warmUp['2xx'], heardOf()) * partnerCount && waited < 300; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const receivedBefore = received();
    const heardBefore = heardOf();
    const load = loadavg()[0];
    const backends = await backendPids(database);
    // Idle background (Kafka consumers' fetches and heartbeats, polls, timers), measured over IDLE_SECONDS without
    // filings right before the run: on a loaded machine few filings share it, so it inflates the CPU per filing.
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let the warm-up's events leave the pipeline
    const idleStart = { app: cpuSeconds(app.pid!), backends: cpuByPid(backends), at: performance.now() };
    await new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000));
    const idleWall = (performance.now() - idleStart.at) / 1000;
    const idleEnd = cpuSeconds(app.pid!);
    const idleAppPerSecond = (idleEnd.user + idleEnd.system - idleStart.app.user - idleStart.app.system) / idleWall;
    const idlePostgresPerSecond = cpuSecondsBetween(idleStart.backends, cpuByPid(backends)) / idleWall;
    const tableBefore = tableStats ? await deliveryTableStats(database) : undefined;
    const backendsBefore = cpuByPid(backends);
    const before = cpuSeconds(app.pid!);
    const runStart = performance.now();
    const benchBefore = process.cpuUsage();
    const result = await run(SECONDS);
    const runEnded = Date.now();
    const expected = () => Math.max(warmUp['2xx'] + result['2xx'], heardOf()) * partnerCount;
    for (let waited = 0; partnerCount > 0 && received() < expected() && waited < 3000; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const drainSeconds = (Date.now() - runEnded) / 1000;
    const runWall = (performance.now() - runStart) / 1000;
    const after = cpuSeconds(app.pid!);
    const bench = process.cpuUsage(benchBefore);
    // Backends the app's pool opened during the run count whole (they did not exist at its start).
    const backendsAtEnd = await backendPids(database);
    for (const pid of backendsAtEnd) if (!backendsBefore.has(pid)) backendsBefore.set(pid, 0);
    const backendSeconds = cpuSecondsBetween(backendsBefore, cpuByPid(backendsAtEnd));
    const user = after.user - before.user;
    const system = after.system - before.system;
    const filings = partnerCount > 0 ? heardOf() - heardBefore : result['2xx'];
    const webhooks = received() - receivedBefore;
    const latencies = partners.flatMap((partner) => [...partner.firstSeen.values()]).slice(0).sort((a, b) => a - b);
    const stageFigures = stages && partnerCount > 0 ? await stageLatencies(database, partners) : undefined;
    if (tableBefore) await new Promise((resolve) => setTimeout(resolve, 1500)); // backends report their counts up to 1 s late
    const tableAfter = tableBefore ? await deliveryTableStats(database) : undefined;
    console.log(
      JSON.stringify({
        filings,
        non2xx: result.non2xx,
        perSecond: Math.round(filings / SECONDS),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        cpuUsPerFiling: Math.round(((user + system) * 1e6) / filings),
        userUsPerFiling: Math.round((user * 1e6) / filings),
        systemUsPerFiling: Math.round((system * 1e6) / filings),
        cpuBoundPerSecond: Math.round(filings / (user + system)),
        // The same minus the idle background's rate over the run's duration: the CPU the filings themselves added.
        idleAppUsPerSecond: Math.round(idleAppPerSecond * 1e6),
        idlePostgresUsPerSecond: Math.round(idlePostgresPerSecond * 1e6),
        marginalCpuUsPerFiling: Math.round(((user + system - idleAppPerSecond * runWall) * 1e6) / filings),
        marginalPostgresUsPerFiling: Math.round(((backendSeconds - idlePostgresPerSecond * runWall) * 1e6) / filings),
        postgresUsPerFiling: Math.round((backendSeconds * 1e6) / filings),
        postgresBackends: `${backends.length} → ${backendsAtEnd.length}`,
        autocannonUsPerFiling: Math.round((bench.user + bench.system) / filings),
        ...(partnerCount > 0
          ? {
              webhooks,
              posts: partners.reduce((sum, partner) => sum + partner.counts.posts, 0),
              notCounted: partners.reduce((sum, partner) => sum + partner.counts.notCounted, 0),
              lastNotCounted: partners.find((partner) => partner.counts.lastNotCounted)?.counts.lastNotCounted,
              drainSeconds,
              webhookP50Ms: latencies[Math.floor(latencies.length * 0.5)],
              webhookP99Ms: latencies[Math.floor(latencies.length * 0.99)],
              cpuUsPerWebhook: Math.round(((user + system + backendSeconds) * 1e6) / webhooks),
              ...(stageFigures ? { stagesP50P99Ms: stageFigures } : {}),
              ...(tableBefore && tableAfter
                ? {
                    deliveryRowWritesPerWebhook: Object.fromEntries(
                      (['inserts', 'updates', 'hot_updates'] as const).map((name) => [name, Number(((tableAfter[name] - tableBefore[name]) / webhooks).toFixed(2))]),
                    ),
                    deliveryEventBytes: Math.round(tableAfter.event_bytes),
                    deliveryToastBytes: tableAfter.toast_bytes,
                  }
                : {}),
            }
          : {}),
        rssMb: rssMb(app.pid!, 'VmRSS'),
        peakRssMb: rssMb(app.pid!, 'VmHWM'),
        loadAverage: `${load.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
      }),
    );
  } finally {
    await stopProcess(app);
    await Promise.all(partners.map((partner) => new Promise((resolve) => partner.server.close(resolve))));
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await deleteBenchTopics(topicPrefix);
  }
}

await main();
