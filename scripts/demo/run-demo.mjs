// Demo orchestration behind `npm run up` (after the app is healthy): demo users' API keys, two partner single
// windows onboarded and started as separate processes, the demo incidents filed through the public API, and a
// wait until both partners hold their signed alerts. Idempotent: a second run reuses keys, partners and filings.
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const local = join(repo, '.local');
const credentialsFile = join(local, 'demo-credentials.json');
const { values } = parseArgs({
  options: {
    'app-url': { type: 'string', default: 'http://127.0.0.1:3000' },
    // The partners listen on base + 1 and base + 2 (4101, 4102 by default); another base keeps a second demo apart.
    'partner-port-base': { type: 'string', default: '4100' },
  },
});
const appUrl = values['app-url'];
const portBase = Number(values['partner-port-base']);
const say = (message) => console.log(`[demo] ${message}`);

/**
 * The two demo partners: A takes everything its TLP allows; B only misuse or existential-magnitude incidents. Both opt
 * in to surge alerts (`trendSignals`; scripts/up.sh turns SURGE_ALERTS_ENABLED on): A gets every surge, B surges of
 * mechanism = misuse and magnitude = existential only (docs/signals.md, "Surge alerts to partners").
 */
const PARTNERS = [
  { slug: 'demo-partner-a', name: 'Demo Single Window A', country: 'SG', port: portBase + 1, subscriptions: [{ all: true, trendSignals: true }] },
  {
    slug: 'demo-partner-b',
    name: 'Demo Single Window B',
    country: 'KE',
    port: portBase + 2,
    subscriptions: [
      { mechanisms: ['misuse'], trendSignals: true },
      { magnitudes: ['existential'], trendSignals: true },
    ],
  },
];

async function api(method, path, key, body, headers = {}) {
  const response = await fetch(`${appUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

function issueKey(role) {
  const output = execFileSync(process.execPath, ['dist/src/cli.js', 'api-keys:issue', '--role', role, '--name', `demo ${role}`], {
    cwd: repo,
    encoding: 'utf8',
  });
  return JSON.parse(output).key;
}

async function ensureCredentials() {
  let credentials = existsSync(credentialsFile) ? JSON.parse(readFileSync(credentialsFile, 'utf8')) : null;
  if (credentials && (await api('GET', '/partners', credentials.admin)).status !== 200) {
    say('stored demo credentials no longer verify (database reset?); issuing new ones');
    credentials = null;
  }
  if (!credentials) {
    credentials = { appUrl, admin: issueKey('admin'), regulator: issueKey('regulator'), analyst: issueKey('analyst'), partners: {} };
  }
  return credentials;
}

function saveCredentials(credentials) {
  mkdirSync(local, { recursive: true });
  writeFileSync(credentialsFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}

async function ensurePartners(credentials) {
  const existing = new Set((await api('GET', '/partners', credentials.admin)).body.items.map((partner) => partner.slug));
  for (const partner of PARTNERS) {
    if (existing.has(partner.slug)) {
      if (!credentials.partners[partner.slug]) {
        throw new Error(`partner ${partner.slug} exists but its secret is not in ${credentialsFile}; run: npm run down -- --purge`);
      }
      await optInToSurgeAlerts(credentials, partner.slug);
      continue;
    }
    const response = await api('POST', '/partners', credentials.admin, {
      slug: partner.slug,
      name: partner.name,
      country: partner.country,
      webhookUrl: `http://127.0.0.1:${partner.port}/webhooks/alerts`,
      subscriptions: partner.subscriptions,
    });
    if (response.status !== 201) throw new Error(`onboarding ${partner.slug} failed: ${JSON.stringify(response.body)}`);
    credentials.partners[partner.slug] = {
      id: response.body.id,
      apiKey: response.body.apiKey,
      webhookSecret: response.body.webhookSecret,
      kafkaTopic: response.body.kafkaTopic,
      receiverUrl: `http://127.0.0.1:${partner.port}`,
    };
    say(`onboarded ${partner.slug} (topic ${response.body.kafkaTopic})`);
  }
  saveCredentials(credentials);
}

/** A partner onboarded by an earlier demo (before surge alerts) has subscriptions without `trendSignals`: opt them in. */
async function optInToSurgeAlerts(credentials, slug) {
  const { id } = credentials.partners[slug];
  const partner = await api('GET', `/partners/${id}`, credentials.admin);
  for (const subscription of partner.body?.subscriptions ?? []) {
    if (subscription.trendSignals) continue;
    const response = await api('PATCH', `/partners/${id}/subscriptions/${subscription.id}`, credentials.admin, { trendSignals: true });
    if (response.status !== 200) throw new Error(`opting ${slug} in to surge alerts failed: ${JSON.stringify(response.body)}`);
    say(`${slug}: subscription ${subscription.id} now receives surge alerts`);
  }
}

async function startReceivers(credentials) {
  for (const partner of PARTNERS) {
    const pidFile = join(local, 'run', `partner-${partner.slug}.pid`);
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
      } catch {
        // not running any more
      }
    }
    const log = openSync(join(local, 'logs', `partner-${partner.slug}.log`), 'a');
    const child = spawn(process.execPath, ['dist/src/demo-partner/main.js'], {
      cwd: repo,
      detached: true,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        PARTNER_NAME: partner.slug,
        PORT: String(partner.port),
        WEBHOOK_SECRET: credentials.partners[partner.slug].webhookSecret,
        PARTNER_API_KEY: credentials.partners[partner.slug].apiKey,
        APP_URL: appUrl,
        OUT_DIR: join(local, 'partners', partner.slug),
      },
    });
    child.unref();
    closeSync(log);
    writeFileSync(pidFile, String(child.pid));
  }
  for (const partner of PARTNERS) {
    await waitUntil(async () => (await fetch(`http://127.0.0.1:${partner.port}/health`)).ok, 30, `${partner.slug} receiver`);
    say(`${partner.slug} listening on http://127.0.0.1:${partner.port} (log: .local/logs/partner-${partner.slug}.log)`);
  }
}

async function waitUntil(check, seconds, what) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${what} not ready after ${seconds} s`);
}

async function fileDemoIncidents(credentials) {
  const incidents = JSON.parse(readFileSync(join(repo, 'deploy/demo/incidents.json'), 'utf8'));
  say(`filing ${incidents.length} real incidents through POST /incidents...`);
  const tally = { created: 0, replayed: 0, failed: 0 };
  let next = 0;
  const worker = async () => {
    while (next < incidents.length) {
      const entry = incidents[next++];
      const key = `demo-${entry.provenance.dataset}-${entry.provenance.id}${entry.provenance.translation ? `-${entry.provenance.translation}` : ''}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 200);
      const response = await api('POST', '/incidents', credentials.regulator, entry.filing, { 'idempotency-key': key });
      if (response.status === 201) tally.created += 1;
      else if (response.status === 200) tally.replayed += 1;
      else {
        tally.failed += 1;
        if (tally.failed <= 3) say(`  ${key}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      const done = tally.created + tally.replayed + tally.failed;
      if (done % 50 === 0 || done === incidents.length) say(`  ${done}/${incidents.length} filed`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  say(`filed: ${tally.created} new, ${tally.replayed} already filed earlier, ${tally.failed} refused`);
  return incidents.length;
}

async function waitForDelivery(credentials) {
  say('waiting until both partners hold their alerts...');
  const deadline = Date.now() + 180_000;
  let lastLine = '';
  let stableSince = 0;
  while (Date.now() < deadline) {
    const partners = (await api('GET', '/partners', credentials.admin)).body.items.filter((p) => credentials.partners[p.slug]);
    const received = await Promise.all(
      partners.map(async (p) => (await (await fetch(`${credentials.partners[p.slug].receiverUrl}/alerts`)).json()).count),
    );
    const line = partners
      .map((p, i) => `${p.slug}: ${received[i]} received, ${p.deliveries.pending} pending, ${p.deliveries.acknowledged} acknowledged`)
      .join(' | ');
    const settled = partners.every((p, i) => p.deliveries.pending === 0 && p.deliveries.delivered === received[i] && received[i] > 0);
    if (line !== lastLine) {
      say(`  ${line}`);
      lastLine = line;
      stableSince = Date.now();
    }
    // Settled and unchanged for 3 s: the router has caught up (no alert still in flight).
    if (settled && Date.now() - stableSince > 3000) return partners.map((p, i) => ({ slug: p.slug, received: received[i], ...p.deliveries }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('partners did not receive every alert within 180 s; see .local/logs/');
}

try {
  const credentials = await ensureCredentials();
  saveCredentials(credentials);
  await ensurePartners(credentials);
  await startReceivers(credentials);
  const filed = await fileDemoIncidents(credentials);
  const summary = await waitForDelivery(credentials);
  console.log(`
AI Risk Single Window is running; the demo filed ${filed} real incidents (repeats on later runs are recognised).
  API            ${appUrl}
  API docs       ${appUrl}/docs   (OpenAPI JSON: ${appUrl}/docs/openapi.json)
  Dashboard      ${appUrl}/dashboard/   (sign in with the analyst key from the credentials file)
  Health         ${appUrl}/health
  Credentials    .local/demo-credentials.json  (admin, regulator, analyst and partner keys)
${summary.map((s) => `  ${s.slug.padEnd(15)}${credentials.partners[s.slug].receiverUrl}/alerts  ${s.received} signed alerts received, ${s.acknowledged} acknowledged`).join('\n')}

Try:
  KEY=$(node -p "require('./.local/demo-credentials.json').analyst")
  curl -s -H "Authorization: Bearer $KEY" '${appUrl}/trends?interval=year&groupBy=mechanism&from=2015-01-01'
`);
} catch (error) {
  console.error(`[demo] ERROR: ${error.message}`);
  process.exit(1);
}
