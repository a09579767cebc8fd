import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, fetch } from 'undici';
import { ApiKeysService, type Principal } from '../../src/auth/api-keys.service.js';
import { LIMITED_LOOKUPS_IN_FLIGHT } from '../../src/observability/rate-limit.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PER_IP = 10;
const GLOBAL = 25;
/** A well-formed API key nobody was issued: `aisw_` + 43 base64url characters, like a real one. */
const randomKey = (): string => `aisw_${randomBytes(32).toString('base64url')}`;

/**
 * Rate limits against key guessing (issue 6 "Rate limits per key"): requests come from distinct loopback addresses
 * (127.0.0.x, via undici's `localAddress`), so per-IP buckets can be told apart on one machine.
 */
describe('rate limits: failed authentications count against the client IP and a global cap', () => {
  let sut: TestApp;
  let analystKey: string;
  const agents = new Map<string, Agent>();
  const from = (address: string): Agent => {
    if (!agents.has(address)) agents.set(address, new Agent({ localAddress: address }));
    return agents.get(address)!;
  };
  const get = async (address: string, key?: string, path = '/taxonomy') => {
    const response = await fetch(`${sut.baseUrl}${path}`, { dispatcher: from(address), headers: key ? { authorization: `Bearer ${key}` } : {} });
    return { status: response.status, headers: response.headers, body: (await response.json()) as { code?: string; detail?: string; status?: number } };
  };

  beforeAll(async () => {
    sut = await startTestApp('rate-limit', {
      RATE_LIMIT_PER_KEY: '1000',
      RATE_LIMIT_PER_IP: String(PER_IP),
      RATE_LIMIT_UNAUTHENTICATED_GLOBAL: String(GLOBAL),
      RATE_LIMIT_WINDOW_SECONDS: '600',
    });
    analystKey = await sut.issueKey('analyst');
  });

  afterAll(async () => {
    await Promise.all([...agents.values()].map((agent) => agent.close()));
    await sut?.close();
  });

  it('gives authenticated keys their own bucket: a valid key does not use up its address', async () => {
    for (let i = 0; i < PER_IP + 5; i += 1) expect((await get('127.0.0.6', analystKey)).status).toBe(200);
    expect((await get('127.0.0.6', randomKey())).status).toBe(401); // the address's own bucket is untouched
  });

  it('counts random well-formed keys against the address: 429 problem+json with Retry-After after RATE_LIMIT_PER_IP', async () => {
    // The headers show the binding bucket, the address's (9 left of 10), not the shared one (23 left of 25).
    const first = await get('127.0.0.2', randomKey());
    expect([first.status, first.headers.get('ratelimit'), first.headers.get('ratelimit-policy')]).toEqual([401, 'limit=10, remaining=9, reset=600', '10;w=600']);
    for (let i = 1; i < PER_IP; i += 1) expect((await get('127.0.0.2', randomKey())).status).toBe(401);
    const limited = await get('127.0.0.2', randomKey());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
    expect(limited.headers.get('cache-control')).toBe('no-store');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(600);
    expect(limited.body).toMatchObject({ status: 429, code: 'RATE_LIMIT.EXCEEDED' });
    expect(limited.body.detail).toContain(`Rate limit of ${PER_IP} requests per 600 s per client IP address without a valid API key`);
    // No key and public endpoints share that bucket; another address does not.
    expect((await get('127.0.0.2', undefined, '/public/alerts')).status).toBe(429);
    expect((await get('127.0.0.3', randomKey())).status).toBe(401);
    // A key verified recently still passes from the limited address (checked in memory, no database lookup).
    expect((await get('127.0.0.2', analystKey)).status).toBe(200);
  });

  it('lets in a valid key from an address over its limit even when the key is not in the memory cache (trial finding)', async () => {
    // 127.0.0.2 is over RATE_LIMIT_PER_IP (previous test). A key never used before is in no cache: it is looked up.
    const freshKey = await sut.issueKey('analyst');
    const limited = await get('127.0.0.2', randomKey());
    expect(limited.status).toBe(429);
    for (let i = 0; i < 3; i += 1) expect((await get('127.0.0.2', freshKey)).status).toBe(200);
    // Valid keys do not count against the address: guesses from it are still refused, and no more than that.
    expect((await get('127.0.0.2', randomKey())).status).toBe(429);
    expect((await get('127.0.0.2')).status).toBe(429);
  });

  it('bounds the database lookups a guessing flood from a limited address causes, and answers it 429', async () => {
    const keys = sut.app.get(ApiKeysService);
    const verify = keys.verify.bind(keys);
    let inFlight = 0;
    let mostInFlight = 0;
    let lookups = 0;
    keys.verify = async (key: string): Promise<Principal | null> => {
      lookups += 1;
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      try {
        await new Promise((resolve) => setTimeout(resolve, 20)); // a slow database: lookups overlap
        return await verify(key);
      } finally {
        inFlight -= 1;
      }
    };
    try {
      // A valid key never used before (no cache entry), sent in the middle of the flood from the same address.
      const freshKey = await sut.issueKey('analyst');
      const flood = Array.from({ length: 40 }, () => get('127.0.0.2', randomKey()).then((response) => response.status));
      const valid = get('127.0.0.2', freshKey).then((response) => response.status);
      const statuses = await Promise.all([...flood, ...Array.from({ length: 20 }, () => get('127.0.0.2', randomKey()).then((response) => response.status))]);
      expect(new Set(statuses)).toEqual(new Set([429]));
      expect(await valid).toBe(200); // waits in line behind the guesses' lookups, is not refused (trial finding)
      expect(lookups).toBeGreaterThan(0); // guesses are looked up, so a valid key is recognised...
      expect(mostInFlight).toBeLessThanOrEqual(LIMITED_LOOKUPS_IN_FLIGHT); // ...but never more than this many at once
    } finally {
      keys.verify = verify;
    }
  });

  it('caps requests without a valid key from all addresses together at RATE_LIMIT_UNAUTHENTICATED_GLOBAL', async () => {
    // So far 12 in the global bucket: 1 from 127.0.0.6, 10 from 127.0.0.2 (those refused per IP never reach it, nor do
    // valid keys), 1 from 127.0.0.3.
    const addresses = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < GLOBAL - 12; i += 1) {
      last = await get(addresses[i % 3], randomKey());
      statuses.push(last.status);
    }
    expect(statuses.every((status) => status === 401)).toBe(true);
    // Now the shared bucket binds (0 left of 25; the address has some left of 10): its limit is the one shown.
    expect([last?.headers.get('ratelimit'), last?.headers.get('ratelimit-policy')]).toEqual(['limit=25, remaining=0, reset=600', '25;w=600']);
    const limited = await get('127.0.0.7', randomKey()); // a fresh address: its own bucket is empty
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toContain(`Rate limit of ${GLOBAL} requests per 600 s for all requests without a valid API key together`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Authenticated callers are not affected by the cap, a key out of (or never in) the memory cache included.
    expect((await get('127.0.0.7', analystKey)).status).toBe(200);
    expect((await get('127.0.0.8', await sut.issueKey('regulator'))).status).toBe(200);
    expect((await get('127.0.0.8', randomKey())).status).toBe(429);
  });
});

/**
 * `/metrics` is exempt from rate limits only for scrapes that authenticate (trial finding: 320 bad keys on `/metrics`
 * all answered 401): a failed authentication there is key guessing like anywhere else.
 */
describe('rate limits: failed authentications on /metrics count, successful scrapes do not', () => {
  const TOKEN = 'scrape-token-0123456789abcdef';
  let sut: TestApp;
  let adminKey: string;
  const agents = new Map<string, Agent>();
  const scrape = async (address: string, key?: string, path = '/metrics'): Promise<number> => {
    if (!agents.has(address)) agents.set(address, new Agent({ localAddress: address }));
    const response = await fetch(`${sut.baseUrl}${path}`, { dispatcher: agents.get(address), headers: key ? { authorization: `Bearer ${key}` } : {} });
    await response.arrayBuffer();
    return response.status;
  };
  const statusesOf = async (count: number, next: () => Promise<number>): Promise<number[]> => {
    const statuses: number[] = [];
    for (let i = 0; i < count; i += 1) statuses.push(await next());
    return statuses;
  };

  beforeAll(async () => {
    sut = await startTestApp('rate-limit-metrics', {
      RATE_LIMIT_PER_KEY: '1000',
      RATE_LIMIT_PER_IP: String(PER_IP),
      RATE_LIMIT_UNAUTHENTICATED_GLOBAL: '1000',
      RATE_LIMIT_WINDOW_SECONDS: '600',
      METRICS_TOKEN: TOKEN,
    });
    adminKey = await sut.issueKey('admin');
  });

  afterAll(async () => {
    await Promise.all([...agents.values()].map((agent) => agent.close()));
    await sut?.close();
  });

  it('answers bad keys on /metrics and /METRICS 429 after RATE_LIMIT_PER_IP, while token and admin scrapes stay 200', async () => {
    expect(new Set(await statusesOf(PER_IP + 5, () => scrape('127.0.0.9', TOKEN)))).toEqual(new Set([200]));
    expect(new Set(await statusesOf(PER_IP + 5, () => scrape('127.0.0.9', adminKey)))).toEqual(new Set([200]));
    const guesses = await statusesOf(PER_IP + 2, () => scrape('127.0.0.9', randomKey()));
    expect(guesses).toEqual([...Array<number>(PER_IP).fill(401), 429, 429]);
    expect(await scrape('127.0.0.9', randomKey(), '/METRICS')).toBe(429);
    expect(await scrape('127.0.0.9')).toBe(429); // no key at all counts the same
    // Successful scrapes from the limited address are still exempt.
    expect(await scrape('127.0.0.9', TOKEN)).toBe(200);
    expect(await scrape('127.0.0.9', adminKey, '/METRICS')).toBe(200);
    // /METRICS counts like /metrics from the start.
    expect(await statusesOf(PER_IP + 1, () => scrape('127.0.0.10', randomKey(), '/METRICS'))).toEqual([...Array<number>(PER_IP).fill(401), 429]);
  });
});
