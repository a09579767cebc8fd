import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { SingleWindowApiError, SingleWindowClient, type RetryNotice, type SingleWindowClientOptions } from './single-window-client.js';

interface SentRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that records requests and plays back `answers` (a Response, or an Error to throw), then 200s. */
function fakeFetch(answers: Array<Response | Error>): { fetch: typeof fetch; sent: SentRequest[] } {
  const sent: SentRequest[] = [];
  const fetchImpl: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : input.toString();
    sent.push({
      url,
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (answer instanceof Error) throw answer;
    return answer ?? acknowledged(decodeURIComponent(url.split('/alerts/')[1].replace(/\/ack$/, '')));
  };
  return { fetch: fetchImpl, sent };
}

const acknowledged = (alertId: string, acknowledgedAt = '2026-11-29T12:00:01.000Z'): Response =>
  Response.json({ alertId, acknowledgedAt }, { status: 200 });

const problem = (status: number, title: string, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify({ type: 'about:blank', title, status }), { status, headers: { 'content-type': 'application/problem+json', ...headers } });

function client(fetchImpl: typeof fetch, overrides: Partial<SingleWindowClientOptions> = {}): SingleWindowClient {
  return new SingleWindowClient({ appUrl: 'https://sw.example.gov/', apiKey: 'key-123', retryDelaysMs: [1, 1, 1], fetch: fetchImpl, ...overrides });
}

async function failureOf(promise: Promise<unknown>): Promise<SingleWindowApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SingleWindowApiError) return error;
    throw error;
  }
  throw new Error('expected a SingleWindowApiError');
}

describe(SingleWindowClient.name, () => {
  it('POSTs the note with the API key and returns the recorded acknowledgement', async () => {
    const alertId = randomUUID();
    const { fetch, sent } = fakeFetch([]);

    const result = await client(fetch).acknowledge(alertId, 'received by GB');

    expect(result).toEqual({ alertId, acknowledgedAt: '2026-11-29T12:00:01.000Z', followUpIds: [] });
    expect(sent).toEqual([
      {
        url: `https://sw.example.gov/alerts/${alertId}/ack`,
        method: 'POST',
        headers: expect.objectContaining({ authorization: 'Bearer key-123', 'content-type': 'application/json' }),
        body: { note: 'received by GB' },
      },
    ]);
  });

  it('sends a follow-up and a request for assistance and returns the stored follow-up ids', async () => {
    const alertId = randomUUID();
    const followUpIds = [randomUUID(), randomUUID()];
    const { fetch, sent } = fakeFetch([Response.json({ alertId, acknowledgedAt: '2026-11-29T12:00:01.000Z', followUpIds }, { status: 200 })]);
    const content = {
      note: 'received',
      followUp: { text: 'Deployed in two hospitals here.', fields: { affectedSites: 2 } },
      assistanceRequest: { request: "The deployer's contact, please", urgency: 'priority' as const },
    };

    const result = await client(fetch).acknowledge(alertId, content);

    expect(result.followUpIds).toEqual(followUpIds);
    expect(sent[0].body).toEqual(content);
  });

  it('sends an empty body without a note and encodes the alert id in the path', async () => {
    const { fetch, sent } = fakeFetch([]);

    await client(fetch).acknowledge('alert/with space');

    expect(sent[0]).toMatchObject({ url: 'https://sw.example.gov/alerts/alert%2Fwith%20space/ack', body: {} });
  });

  it('retries network errors, 429 and 5xx, reporting each retry', async () => {
    const { fetch, sent } = fakeFetch([
      new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }),
      problem(429, 'Too Many Requests'),
      problem(503, 'Service Unavailable'),
    ]);
    const retries: RetryNotice[] = [];

    const result = await client(fetch).acknowledge(randomUUID(), undefined, { onRetry: (notice) => retries.push(notice) });

    expect(result.acknowledgedAt).toBe('2026-11-29T12:00:01.000Z');
    expect(sent).toHaveLength(4);
    expect(retries.map(({ attempt, reason }) => [attempt, reason])).toEqual([
      [1, 'TypeError: fetch failed (ECONNREFUSED)'],
      [2, 'HTTP 429'],
      [3, 'HTTP 503'],
    ]);
  });

  it('waits as long as Retry-After asks, up to maxRetryAfterMs', async () => {
    const delayBefore = async (answer: Response): Promise<number | undefined> => {
      const controller = new AbortController();
      let delayMs: number | undefined;
      const onRetry = (notice: RetryNotice): void => {
        delayMs = notice.delayMs;
        controller.abort(); // the delay is known; do not wait it out
      };
      await client(fakeFetch([answer]).fetch, { maxRetryAfterMs: 30_000 })
        .acknowledge(randomUUID(), undefined, { signal: controller.signal, onRetry })
        .catch(() => undefined);
      return delayMs;
    };

    expect(await delayBefore(problem(503, 'busy', { 'retry-after': '7' }))).toBe(7000);
    expect(await delayBefore(problem(429, 'slow down', { 'retry-after': '3600' }))).toBe(30_000);
    expect(await delayBefore(problem(503, 'busy', { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }))).toBeGreaterThan(29_000);
  });

  it('does not retry a 404 and reports it as rejected with the problem details', async () => {
    const { fetch, sent } = fakeFetch([problem(404, 'Not Found')]);

    const error = await failureOf(client(fetch).acknowledge(randomUUID()));

    expect(error).toMatchObject({ code: 'rejected', status: 404, attempts: 1, problem: { title: 'Not Found' } });
    expect(sent).toHaveLength(1);
  });

  it('gives up after the last retry delay', async () => {
    const { fetch, sent } = fakeFetch([problem(500, 'a'), problem(502, 'b'), problem(503, 'c'), problem(504, 'd')]);

    const error = await failureOf(client(fetch).acknowledge(randomUUID()));

    expect(error).toMatchObject({ code: 'gave-up', status: 504, attempts: 4 });
    expect(sent).toHaveLength(4);
  });

  it('stops retrying when the signal aborts', async () => {
    const controller = new AbortController();
    const { fetch, sent } = fakeFetch([problem(503, 'a'), problem(503, 'b')]);

    const pending = client(fetch, { retryDelaysMs: [60_000, 60_000] }).acknowledge(randomUUID(), undefined, {
      signal: controller.signal,
      onRetry: () => controller.abort(),
    });

    expect(await failureOf(pending)).toMatchObject({ code: 'aborted' });
    expect(sent).toHaveLength(1);
  });

  it('reports a 2xx without the documented body as unexpected-response', async () => {
    const { fetch } = fakeFetch([new Response(null, { status: 204 })]);

    expect(await failureOf(client(fetch).acknowledge(randomUUID()))).toMatchObject({ code: 'unexpected-response', status: 204 });
  });

  it('refuses a note above 2000 characters without sending it', async () => {
    const { fetch, sent } = fakeFetch([]);

    await expect(client(fetch).acknowledge(randomUUID(), 'x'.repeat(2001))).rejects.toThrow(RangeError);
    expect(sent).toHaveLength(0);
  });
});
