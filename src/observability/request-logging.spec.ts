import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import express, { type Request } from 'express';
import { pinoHttp } from 'pino-http';
import { correlationIdMiddleware } from '../common/correlation-id.js';
import { requestLoggerOptions } from './request-logging.js';

/** A request through the correlation id middleware and the app's request logger, capturing the JSON lines. */
async function logRequest(
  level: 'log' | 'warn' | 'debug',
  headers: Record<string, string>,
  handler: (request: Request & { log: { info(object: object, message: string): void } }) => void = () => undefined,
): Promise<Array<Record<string, unknown>>> {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  const logger = pinoHttp(requestLoggerOptions({ LOG_LEVEL: level, INSTANCE_ID: 'test' }, destination));
  const app = express();
  app.use(correlationIdMiddleware, logger, (request: Request, response: express.Response) => {
    handler(request as Request & { log: { info(object: object, message: string): void } });
    response.end('ok');
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server!.once('listening', resolve));
  await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/incidents?x=1`, { headers });
  await new Promise((resolve) => setImmediate(resolve));
  return lines;
}

let server: Server | undefined;

describe('requestLoggerOptions', () => {
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('writes one JSON line per request carrying the correlation id, with the API key redacted', async () => {
    const key = 'aisw_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';
    const lines = await logRequest('log', { authorization: `Bearer ${key}`, 'x-correlation-id': 'trace-42' });
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line).toMatchObject({ msg: 'request completed', correlationId: 'trace-42', level: 30, service: 'aisw', instance: 'test' });
    expect((line.req as { headers: Record<string, string> }).headers.authorization).toBe('[redacted]');
    expect((line.res as { statusCode: number }).statusCode).toBe(200);
    expect(JSON.stringify(lines)).not.toContain(key);
  });

  it('keeps the access line\'s shape: base, correlation id, then req, res, responseTime (req serialised only when written)', async () => {
    const [line] = await logRequest('log', { 'x-correlation-id': 'trace-45' });
    expect(Object.keys(line)).toEqual(['level', 'time', 'service', 'instance', 'correlationId', 'req', 'res', 'responseTime', 'msg']);
    expect(Object.keys(line.req as object)).toEqual(['id', 'method', 'url', 'query', 'params', 'headers', 'remoteAddress', 'remotePort']);
    expect(line.req).toMatchObject({ id: 'trace-45', method: 'GET', url: '/incidents?x=1', query: { x: '1' } });
    expect(JSON.stringify(line)).not.toContain('aiswUnboundRequest');
  });

  it('logs a 5xx at error with req, res and err, also at LOG_LEVEL=warn', async () => {
    const lines = await logRequest('warn', { 'x-correlation-id': 'trace-46' }, (request) => {
      (request as Request).res!.statusCode = 503;
    });
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0])).toEqual(['level', 'time', 'service', 'instance', 'correlationId', 'req', 'res', 'err', 'responseTime', 'msg']);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'request errored', req: { id: 'trace-46', method: 'GET' }, res: { statusCode: 503 } });
  });

  it('still logs the client address of a request the client aborts before the response', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const app = express();
    app.use(correlationIdMiddleware, pinoHttp(requestLoggerOptions({ LOG_LEVEL: 'log', INSTANCE_ID: 'test' }, destination)), (_request, response) => {
      setTimeout(() => response.end('late'), 300);
    });
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server!.once('listening', resolve));
    const aborted = new AbortController();
    const request = fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/incidents`, { signal: aborted.signal }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 100));
    aborted.abort();
    await request;
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request aborted', req: { remoteAddress: '127.0.0.1' } });
    expect((lines[0].req as { remotePort: unknown }).remotePort).toEqual(expect.any(Number));
  });

  it('puts the correlation id on lines logged while serving the request, and redacts secrets in them', async () => {
    const lines = await logRequest('log', { 'x-correlation-id': 'trace-43' }, (request) =>
      request.log.info({ partner: { slug: 'a', webhookSecret: 'whsec_c2VjcmV0' }, apiKey: 'aisw_x' }, 'partner onboarded'),
    );
    const onboarded = lines.find((line) => line.msg === 'partner onboarded');
    expect(onboarded).toMatchObject({ correlationId: 'trace-43', apiKey: '[redacted]', partner: { slug: 'a', webhookSecret: '[redacted]' } });
    expect(JSON.stringify(lines)).not.toContain('whsec_c2VjcmV0');
  });

  it('respects LOG_LEVEL: at warn, routine request lines are not written', async () => {
    expect(await logRequest('warn', { 'x-correlation-id': 'trace-44' })).toEqual([]);
  });

  it('makes a correlation id when the request brings none', async () => {
    const [line] = await logRequest('debug', {});
    expect(line.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
