// Pairs two running single windows as peers through their admin APIs (docs/federation.md, "Pairing two windows"),
// files one incident in each and waits until the other window has it and has acknowledged it. Used by
// scripts/federation-demo.sh. Args: --a-url URL --a-keys '{"admin":{"key":..},"regulator":{"key":..}}' --b-url ... --b-keys ...
// --credentials FILE (where the keys are written for the user). Exits 1 with a message on any failure.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    'a-url': { type: 'string' },
    'a-keys': { type: 'string' },
    'b-url': { type: 'string' },
    'b-keys': { type: 'string' },
    credentials: { type: 'string' },
  },
});
const windows = {
  a: { url: values['a-url'], keys: JSON.parse(values['a-keys']), slug: 'fr-window', name: 'French AI single window (demo)', country: 'FR' },
  b: { url: values['b-url'], keys: JSON.parse(values['b-keys']), slug: 'de-window', name: 'German AI single window (demo)', country: 'DE' },
};

async function call(method, url, key, body) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

const admin = (side) => windows[side].keys.admin.key;
const regulator = (side) => windows[side].keys.regulator.key;

async function register(at, peer, credentials) {
  const { url, slug, name, country } = windows[peer];
  return call('POST', `${windows[at].url}/peers`, admin(at), {
    slug, name, country, baseUrl: url, jwksUrl: `${url}/.well-known/jwks.json`, ...(credentials ? { credentials } : {}),
  });
}

async function waitUntil(what, probe, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

const existing = await call('GET', `${windows.a.url}/peers`, admin('a'));
if (existing.items.some((peer) => peer.slug === windows.b.slug)) {
  console.log('[federation] the windows are already paired (databases kept from an earlier run)');
} else {
  const bAtA = await register('a', 'b');
  const aAtB = await register('b', 'a', { webhookSecrets: [bAtA.webhookSecret], apiKey: bAtA.apiKey });
  await call('PUT', `${windows.a.url}/peers/${bAtA.id}/credentials`, admin('a'), { webhookSecrets: [aAtB.webhookSecret], apiKey: aAtB.apiKey });
  console.log(`[federation] paired: ${windows.b.slug} is peer ${bAtA.id} at A, ${windows.a.slug} is peer ${aAtB.id} at B`);
}
writeFileSync(values.credentials, JSON.stringify({ a: { url: windows.a.url, ...windows.a.keys }, b: { url: windows.b.url, ...windows.b.keys } }, null, 2));

const filing = (country) => ({
  title: `Chatbot gave harmful medical advice (federation demo ${new Date().toISOString()})`,
  description: 'A health chatbot deployed by a clinic network told patients to stop prescribed medication.',
  occurredAt: '2026-11-01',
  country,
  language: 'en',
  reportingOrganisation: 'Federation demo desk',
  tlp: 'GREEN',
});
for (const [from, to] of [['a', 'b'], ['b', 'a']]) {
  const started = Date.now();
  const { id } = await call('POST', `${windows[from].url}/incidents`, regulator(from), filing(windows[from].country));
  const delivery = await waitUntil(`window ${to.toUpperCase()} to acknowledge incident ${id}`, async () => {
    const { deliveries } = await call('GET', `${windows[from].url}/incidents/${id}`, regulator(from));
    return deliveries.find((entry) => entry.partnerName === windows[to].name && entry.acknowledgedAt);
  });
  console.log(
    `[federation] ${from.toUpperCase()} filed ${id}; ${to.toUpperCase()} acknowledged alert ${delivery.alertId} ` +
      `${((Date.parse(delivery.acknowledgedAt) - started) / 1000).toFixed(1)} s after filing: "${delivery.acknowledgementNote}"`,
  );
}
console.log(`[federation] credentials (admin and regulator keys of both windows): ${values.credentials}`);
