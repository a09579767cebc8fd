// Service benchmarks of `npm run bench` (issue 6): filing throughput with autocannon beside a floor measured in the
// same run, and end-to-end latency from filing to webhook receipt at a fixed rate with ten partners, with the app's
// peak RSS. Each runs the built app (`node dist/src/main.js`) as its own process against the machine's PostgreSQL
// and the Kafka broker on KAFKA_BROKERS, in databases and topics of its own that are removed afterwards.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { incidentEventsTopic } from '@app/contracts';
import { benchTitleMarker, sentAtFromTitle } from './title-marker.js';
import { generateDataKeyEntry } from '../../src/data-encryption/data-keyring.js';

const repo = process.cwd();
const SERVER_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BROKERS = process.env.KAFKA_BROKERS ?? '127.0.0.1:9092';
/** Seconds of each autocannon run (BENCH_HTTP_SECONDS). */
const HTTP_SECONDS = Number(process.env.BENCH_HTTP_SECONDS ?? 15);
/** Filing rate and partner count of the end-to-end latency run (issue 6: 200 filings/s, 10 partners). */
const LATENCY_RATE = Number(process.env.BENCH_LATENCY_RATE ?? 200);
const LATENCY_PARTNERS = Number(process.env.BENCH_LATENCY_PARTNERS ?? 10);
const CONNECTIONS = 20;

/** One measured figure set of an autocannon run. */
export interface HttpRun {
  /** One-minute load average before → after the run, e.g. "9.1 → 9.4". */
  load: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/** What the service benchmarks found, and the Markdown section for docs/benchmarks.md. */
export interface ServiceBenchmarkResult {
  floor: HttpRun;
  filing: HttpRun;
  latency: { filed: number; deliveries: number; expected: number; p50Ms: number; p99Ms: number; maxMs: number; achievedRate: number; load: string };
  peakRssMb: number;
  markdown: string;
}

const say = (message: string): void => console.log(`[bench] ${message}`);

/** A realistic filing: the first GREEN demo incident (a real AIID/OECD/Escape Log record, about 1–2 KB). */
export function filingBody(): Record<string, unknown> {
  const entries = JSON.parse(readFileSync(join(repo, 'deploy/demo/incidents.json'), 'utf8')) as Array<{ filing: Record<string, unknown> }>;
  return entries.find((entry) => entry.filing.tlp === 'GREEN')!.filing;
}

/**
 * The data encryption key the benchmarked app runs with (NODE_ENV=production needs one; src/data-encryption):
 * AISW_DATA_ENCRYPTION_KEYS when set, else a key made once into .local/bench-data-encryption-keys (mode 600, never
 * committed) and reused, so the kept query database's sealed signing key opens on every run.
 */
export function benchDataKeys(): string {
  if (process.env.AISW_DATA_ENCRYPTION_KEYS) return process.env.AISW_DATA_ENCRYPTION_KEYS;
  const file = join(repo, '.local', 'bench-data-encryption-keys');
  if (!existsSync(file)) {
    mkdirSync(join(repo, '.local'), { recursive: true });
    writeFileSync(file, generateDataKeyEntry('bench'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export function databaseUrl(database: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Deletes the Kafka topics a benchmark run created (names starting with `topicPrefix`). */
export async function deleteBenchTopics(topicPrefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'aisw-bench-cleanup', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}

/** Polls `url` until it answers 200 (or throws after `seconds`). */
export async function waitHttp(url: string, seconds: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    const status = await fetch(url).then((response) => response.status).catch(() => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 within ${seconds} s`);
}

/**
 * V8 flags the app runs with (`npm start`, the Dockerfile, scripts/lib.sh `APP_NODE_FLAGS`): a 4 MB young-generation
 * semi-space instead of 16 MB, 50–70 MB less peak RSS at no measured CPU cost (docs/filing-performance.md, "Memory").
 */
export const APP_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/** Runs `script` of this checkout with Node.js (`nodeFlags` before it, e.g. APP_NODE_FLAGS for the app). */
export function startProcess(script: string, args: string[], env: Record<string, string>, nodeFlags: readonly string[] = []): ChildProcess {
  const child = spawn(process.execPath, [...nodeFlags, join(repo, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  return child;
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Peak resident set size of a process in MB (VmHWM of /proc/<pid>/status, Linux). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'));
  return Math.round(Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024);
}

const loadNow = (): string => (loadavg()[0] ?? 0).toFixed(1);

function summarise(result: autocannon.Result, loadBefore: string): HttpRun {
  return {
    load: `${loadBefore} → ${loadNow()}`,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** POSTs `body` to `url` with CONNECTIONS connections for HTTP_SECONDS. */
async function postLoad(url: string, body: Record<string, unknown>, headers: Record<string, string>): Promise<HttpRun> {
  const loadBefore = loadNow();
  const result = await autocannon({
    url,
    method: 'POST',
    connections: CONNECTIONS,
    duration: HTTP_SECONDS,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return summarise(result, loadBefore);
}

export const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

/** A partner webhook endpoint that notes, per alert, when it first arrived. */
export interface TimingPartner {
  url: string;
  /** Latency in ms per alert id, first arrival only. */
  firstSeen: Map<string, number>;
  /** Every bench incident this partner heard of. */
  incidents: Set<string>;
  /** POSTs received, and those that were not a first arrival of a bench alert (repeats, other alerts, unreadable). */
  counts: { posts: number; notCounted: number; lastNotCounted?: string };
  server: Server;
}

export async function startTimingPartner(): Promise<TimingPartner> {
  const firstSeen = new Map<string, number>();
  const incidents = new Set<string>();
  const counts: TimingPartner['counts'] = { posts: 0, notCounted: 0 };
  const server = createServer((request, response) => {
    counts.posts += 1;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const now = Date.now();
      try {
        const data = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { alertId: string; incident: { id: string; title: string } } }).data;
        const sentAt = sentAtFromTitle(data.incident.title);
        if (Number.isFinite(sentAt) && !firstSeen.has(data.alertId)) {
          firstSeen.set(data.alertId, now - sentAt);
          incidents.add(data.incident.id);
        } else {
          counts.notCounted += 1;
          counts.lastNotCounted = `${data.alertId}: ${data.incident.title.slice(-40)}`;
        }
      } catch (error) {
        counts.notCounted += 1;
        counts.lastNotCounted = `unreadable (${String(error).slice(0, 80)}): ${Buffer.concat(chunks).toString('utf8').slice(0, 80)}`;
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`, firstSeen, incidents, counts, server };
}

/**
 * Events of the incident events topic the router (consumer group `aisw-<prefix>-router`) has not routed yet: the
 * topic's end offsets minus the group's committed offsets, summed over partitions.
 */
export async function routerLag(topicPrefix: string): Promise<number> {
  const admin = new Kafka({ clientId: 'aisw-bench-lag', brokers: BROKERS.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topic = incidentEventsTopic(topicPrefix);
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId: `aisw-${topicPrefix}-router`, topics: [topic] });
    const done = new Map(committed.partitions.map((partition) => [partition.partition, Math.max(0, Number(partition.offset))]));
    return ends.reduce((sum, end) => sum + Number(end.high) - (done.get(end.partition) ?? 0), 0);
  } finally {
    await admin.disconnect();
  }
}

async function outboxPending(baseUrl: string): Promise<number> {
  const body = (await (await fetch(`${baseUrl}/health`)).json()) as { details?: { outbox?: { pending?: number } } };
  return body.details?.outbox?.pending ?? 0;
}

/**
 * Runs the floor, filing and latency benchmarks. Needs `nest build` output (dist/) and a reachable Kafka broker.
 * Errors: throws when the app does not start or a run fails outright; partial deliveries are reported, not thrown.
 */
export async function runServiceBenchmarks(): Promise<ServiceBenchmarkResult> {
  const suffix = Date.now().toString(36);
  const appDatabase = `aisw_bench_${suffix}`;
  const floorDatabase = `aisw_bench_floor_${suffix}`;
  const topicPrefix = `bench-${suffix}`;
  const body = filingBody();
  const children: ChildProcess[] = [];
  const partners: TimingPartner[] = [];
  try {
    // 1. Floor: bare node:http + one INSERT.
    await adminQuery(`CREATE DATABASE ${floorDatabase}`);
    const floorPort = Number(process.env.BENCH_FLOOR_PORT ?? 3900);
    const floorProcess = startProcess('dist/scripts/bench/floor-server.js', [String(floorPort), databaseUrl(floorDatabase)], {});
    children.push(floorProcess);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    say(`floor: POST with ${CONNECTIONS} connections for ${HTTP_SECONDS} s...`);
    const floor = await postLoad(`http://127.0.0.1:${floorPort}/`, body, {});
    say(`floor: ${floor.requestsPerSecond} req/s, p50 ${floor.p50Ms} ms, p99 ${floor.p99Ms} ms`);
    await stopProcess(floorProcess);

    // 2. The app, as npm start runs it.
    const port = Number(process.env.BENCH_APP_PORT ?? 3901);
    const env = {
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      AISW_DATA_ENCRYPTION_KEYS: benchDataKeys(),
      DATABASE_URL: databaseUrl(appDatabase),
      KAFKA_BROKERS: BROKERS,
      KAFKA_TOPIC_PREFIX: topicPrefix,
      LOG_LEVEL: 'warn',
      WEBHOOK_ALLOWED_NETWORKS: '127.0.0.0/8',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      // The per-key rate limit (default 1,200 a minute) would cap the load generator, not measure the app.
      RATE_LIMIT_PER_KEY: '0',
    };
    const app = startProcess('dist/src/main.js', [], env, APP_NODE_FLAGS);
    children.push(app);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitHttp(`${baseUrl}/health`, 90, app);
    const cli = (role: string) =>
      (JSON.parse(execFileSync(process.execPath, ['dist/src/cli.js', 'api-keys:issue', '--role', role, '--name', `bench ${role}`], { env: { ...process.env, ...env } }).toString()) as { key: string }).key;
    const regulatorKey = cli('regulator');
    const adminKey = cli('admin');
    const authorization = { authorization: `Bearer ${regulatorKey}` };

    say(`filing: POST /incidents with ${CONNECTIONS} connections for ${HTTP_SECONDS} s...`);
    const filing = await postLoad(`${baseUrl}/incidents`, body, authorization);
    say(`filing: ${filing.requestsPerSecond} req/s (${Math.round((100 * filing.requestsPerSecond) / floor.requestsPerSecond)}% of the floor), p50 ${filing.p50Ms} ms, p99 ${filing.p99Ms} ms, non-2xx ${filing.non2xx}`);

    // 3. Latency: ten partners, filings at a fixed rate, time from sending the filing to each webhook's arrival.
    // First let the filing run's events leave the outbox and pass the router: routed after the partners are onboarded,
    // they would become webhooks too and queue ahead of the latency run's.
    say('waiting for the filing run to drain from the outbox and the router...');
    for (let waited = 0; ((await outboxPending(baseUrl)) > 0 || (await routerLag(topicPrefix)) > 0) && waited < 300; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    for (let n = 0; n < LATENCY_PARTNERS; n++) {
      const partner = await startTimingPartner();
      partners.push(partner);
      const response = await fetch(`${baseUrl}/partners`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
        body: JSON.stringify({ slug: `bench-partner-${n}`, name: `Bench partner ${n}`, country: 'DE', webhookUrl: partner.url }),
      });
      if (response.status !== 201) throw new Error(`onboarding bench partner ${n} answered ${response.status}`);
    }

    say(`latency: ${LATENCY_RATE} filings/s for ${HTTP_SECONDS} s to ${LATENCY_PARTNERS} partners...`);
    const latencyLoadBefore = loadNow();
    const latencyRun = await autocannon({
      url: `${baseUrl}/incidents`,
      method: 'POST',
      connections: CONNECTIONS,
      overallRate: LATENCY_RATE,
      duration: HTTP_SECONDS,
      headers: { 'content-type': 'application/json', ...authorization },
      requests: [
        {
          setupRequest: (request) => ({ ...request, body: JSON.stringify({ ...body, title: `${String(body.title).slice(0, 400)} ${benchTitleMarker()}` }) }),
        },
      ],
    });
    // Filings accepted: autocannon's 2xx count (it stops counting responses still in flight at the end, so the
    // partners' union of bench incidents is used when it is larger).
    const heardOf = () => new Set(partners.flatMap((partner) => [...partner.incidents])).size;
    const deliveries = () => partners.reduce((sum, partner) => sum + partner.firstSeen.size, 0);
    const filedAtLeast = latencyRun['2xx'];
    for (let waited = 0; deliveries() < Math.max(filedAtLeast, heardOf()) * LATENCY_PARTNERS && waited < 180; waited++) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const filed = Math.max(filedAtLeast, heardOf());
    const expected = filed * LATENCY_PARTNERS;
    const latencies = partners.flatMap((partner) => [...partner.firstSeen.values()]).sort((a, b) => a - b);
    const latency = {
      filed,
      deliveries: latencies.length,
      expected,
      p50Ms: percentile(latencies, 0.5),
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies.at(-1) ?? NaN,
      achievedRate: Math.round(latencyRun.requests.average),
      load: `${latencyLoadBefore} → ${loadNow()}`,
    };
    const posts = partners.reduce((sum, partner) => sum + partner.counts.posts, 0);
    const notCounted = partners.reduce((sum, partner) => sum + partner.counts.notCounted, 0);
    say(`partners: ${posts} POSTs, ${notCounted} not counted (${partners.find((partner) => partner.counts.lastNotCounted)?.counts.lastNotCounted ?? 'none'})`);
    say(`latency: ${latency.deliveries}/${expected} webhooks, p50 ${latency.p50Ms} ms, p99 ${latency.p99Ms} ms, max ${latency.maxMs} ms`);
    const rss = peakRssMb(app.pid!);
    say(`app peak RSS ${rss} MB`);
    await stopProcess(app);

    return { floor, filing, latency, peakRssMb: rss, markdown: renderMarkdown(floor, filing, latency, rss) };
  } finally {
    await Promise.all(children.map(stopProcess));
    await Promise.all(partners.map((partner) => new Promise((resolve) => partner.server.close(resolve))));
    await adminQuery(`DROP DATABASE IF EXISTS ${floorDatabase} WITH (FORCE)`).catch(() => undefined);
    await adminQuery(`DROP DATABASE IF EXISTS ${appDatabase} WITH (FORCE)`).catch(() => undefined);
    await deleteBenchTopics(topicPrefix);
  }
}

function renderMarkdown(floor: HttpRun, filing: HttpRun, latency: ServiceBenchmarkResult['latency'], rss: number): string {
  const share = Math.round((100 * filing.requestsPerSecond) / floor.requestsPerSecond);
  const row = (name: string, run: HttpRun) =>
    `| ${name} | ${run.requestsPerSecond} | ${run.p50Ms} ms | ${run.p99Ms} ms | ${run.requests} | ${run.non2xx} | ${run.errors} | ${run.load} |`;
  return `## Filing throughput (issue 6; aim: at least 60% of the floor and at least 1,000 filings/s)

autocannon, ${CONNECTIONS} connections, ${HTTP_SECONDS} s each, the same real incident (AIID/OECD demo record) as the body.
The floor is a bare \`node:http\` handler doing one INSERT of the body into the same PostgreSQL over a pool of 10
(\`scripts/bench/floor-server.ts\`); the app classifies, writes the incident, its classification, the read model and
the outbox row in one transaction, checks the API key and appends to the audit log (per-key rate limit off).

| target | requests/s | p50 | p99 | requests | non-2xx | errors | load average (2 cores) |
| --- | --- | --- | --- | --- | --- | --- | --- |
${row('floor (node:http + INSERT)', floor)}
${row('app `POST /incidents`', filing)}

The app reaches **${share}%** of the floor (${filing.requestsPerSecond} vs ${floor.requestsPerSecond} requests/s).
Where a filing's time goes (round trips, prepared statements, CPU per filing and per webhook, profiles) and what would
move it: docs/filing-performance.md. The machine is shared: requests per second swing with the other load (the
floor too), so docs/filing-performance.md compares CPU time per filing instead (scripts/bench/filing-cpu.ts).

## End-to-end latency (issue 6; aim: p50 ≤ 50 ms, p99 ≤ 250 ms, peak RSS ≤ 300 MB)

autocannon at a fixed ${LATENCY_RATE} filings/s for ${HTTP_SECONDS} s (achieved ${latency.achievedRate}/s), ${LATENCY_PARTNERS} webhook partners
subscribed to everything. Latency is from sending the filing to the partner receiving the signed webhook (outbox →
Kafka → router transaction → partner topic → alert log → dispatcher → HTTP), first arrival per alert. The partners
are onboarded once the throughput run's filings have left the outbox and passed the router, so none of them become
webhooks queued ahead of this run's.

| filings accepted | webhooks expected | webhooks received | p50 | p99 | max | app peak RSS | load average (2 cores) |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ${latency.filed} | ${latency.expected} | ${latency.deliveries} | ${latency.p50Ms} ms | ${latency.p99Ms} ms | ${latency.maxMs} ms | ${rss} MB | ${latency.load} |
`;
}

// Run alone: node dist/scripts/bench/service-benchmarks.js (run-benchmarks.ts calls runServiceBenchmarks()).
if (process.argv[1]?.endsWith('service-benchmarks.js')) {
  runServiceBenchmarks()
    .then((result) => console.log(result.markdown))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
