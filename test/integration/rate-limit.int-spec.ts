import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Agent, fetch } from 'undici';
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
    for (let i = 0; i < PER_IP; i += 1) expect((await get('127.0.0.2', randomKey())).status).toBe(401);
    const limited = await get('127.0.0.2', randomKey());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toContain('application/problem+json');
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

  it('caps requests without a valid key from all addresses together at RATE_LIMIT_UNAUTHENTICATED_GLOBAL', async () => {
    // So far 12 in the global bucket: 1 from 127.0.0.6, 10 from 127.0.0.2 (those refused per IP never reach it), 1 from 127.0.0.3.
    const addresses = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const statuses: number[] = [];
    for (let i = 0; i < GLOBAL - 12; i += 1) statuses.push((await get(addresses[i % 3], randomKey())).status);
    expect(statuses.every((status) => status === 401)).toBe(true);
    const limited = await get('127.0.0.7', randomKey()); // a fresh address: its own bucket is empty
    expect(limited.status).toBe(429);
    expect(limited.body.detail).toContain(`Rate limit of ${GLOBAL} requests per 600 s for all requests without a valid API key together`);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    // Authenticated callers are not affected by the cap.
    expect((await get('127.0.0.7', analystKey)).status).toBe(200);
  });
});
