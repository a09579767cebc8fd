import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { answerClientError, clientErrorResponse } from './client-error.js';

/** Head (status line and headers) and parsed body of an HTTP/1.1 response written as bytes. */
function parse(bytes: string): { statusLine: string; headers: Record<string, string>; body: Record<string, unknown> } {
  const [head, body] = bytes.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 2)]));
  return { statusLine, headers, body: JSON.parse(body) as Record<string, unknown> };
}

describe('clientErrorResponse', () => {
  it('answers a header overflow with 431 problem+json whose Content-Length is the body in bytes', () => {
    const { status, bytes } = clientErrorResponse('HPE_HEADER_OVERFLOW', 'cid-1');
    const response = parse(bytes);
    expect(status).toBe(431);
    expect(response.statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(response.headers).toMatchObject({ 'content-type': 'application/problem+json', 'x-correlation-id': 'cid-1', connection: 'close' });
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(bytes.split('\r\n\r\n')[1]));
    expect(response.body).toEqual({
      type: 'https://aisw.example/problems/http.431',
      title: 'Request Header Fields Too Large',
      status: 431,
      detail: 'The request line and headers exceed 16384 bytes; shorten the query string (q takes at most 200 characters) or the headers',
      code: 'HTTP.431',
      correlationId: 'cid-1',
    });
  });

  it.each([
    ['HPE_CHUNK_EXTENSIONS_OVERFLOW', 413],
    ['ERR_HTTP_REQUEST_TIMEOUT', 408],
    ['HPE_INVALID_METHOD', 400],
    [undefined, 400],
  ])('answers %s with %i, as Node does', (code, status) => {
    expect(parse(clientErrorResponse(code).bytes).body).toMatchObject({ status, code: `HTTP.${status}` });
  });
});

describe('answerClientError', () => {
  it('writes the problem and ends the connection', async () => {
    const socket = new PassThrough();
    const written: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => written.push(chunk));
    answerClientError(Object.assign(new Error('Header overflow'), { code: 'HPE_HEADER_OVERFLOW' }), socket);
    await new Promise((resolve) => socket.on('end', resolve));
    expect(parse(Buffer.concat(written).toString()).statusLine).toBe('HTTP/1.1 431 Request Header Fields Too Large');
  });

  it('writes nothing into a response already under way, and only closes the socket', () => {
    const socket = Object.assign(new PassThrough(), { _httpMessage: { headersSent: true } });
    const written: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => written.push(chunk));
    answerClientError(Object.assign(new Error('Parse Error'), { code: 'HPE_INVALID_METHOD' }), socket);
    expect([written, socket.destroyed]).toEqual([[], true]);
  });
});
