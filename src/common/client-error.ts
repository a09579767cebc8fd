import { randomUUID } from 'node:crypto';
import { maxHeaderSize } from 'node:http';
import type { Duplex } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { ProblemDetails } from './problem-details.js';

/** Status, reason phrase and detail for the errors Node's HTTP parser raises before Express sees a request. */
const CLIENT_ERRORS: Record<string, { status: number; title: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    title: 'Request Header Fields Too Large',
    detail: `The request line and headers exceed ${maxHeaderSize} bytes; shorten the query string (q takes at most 200 characters) or the headers`,
  },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, title: 'Content Too Large', detail: 'Chunk extensions of the request body are too large' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, title: 'Request Timeout', detail: 'The request was not received in time' },
};
const BAD_REQUEST = { status: 400, title: 'Bad Request', detail: 'The request is not well-formed HTTP/1.1' };

const logger = new Logger('HttpServer');

/**
 * The HTTP/1.1 response, as bytes for the socket, that answers a request Node's parser refused: RFC 9457 problem+json
 * with `code` HTTP.<status>, a new correlation id (also in `X-Correlation-Id`) and `Connection: close`.
 * HPE_HEADER_OVERFLOW (request line and headers over `http.maxHeaderSize`, 16 KiB by default) is 431 (RFC 6585 §5),
 * HPE_CHUNK_EXTENSIONS_OVERFLOW 413, ERR_HTTP_REQUEST_TIMEOUT 408, any other parse error 400 — Node's own choices.
 */
export function clientErrorResponse(code: string | undefined, correlationId: string = randomUUID()): { status: number; bytes: string } {
  const { status, title, detail } = CLIENT_ERRORS[code ?? ''] ?? BAD_REQUEST;
  const problem: ProblemDetails = {
    type: `https://aisw.example/problems/http.${status}`,
    title,
    status,
    detail,
    code: `HTTP.${status}`,
    correlationId,
  };
  const body = JSON.stringify(problem);
  const head = [
    `HTTP/1.1 ${status} ${title}`,
    'Content-Type: application/problem+json',
    'Cache-Control: no-store',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Correlation-Id: ${correlationId}`,
    'Connection: close',
  ];
  return { status, bytes: `${head.join('\r\n')}\r\n\r\n${body}` };
}

/**
 * `clientError` listener of the HTTP server (Node docs, http.Server 'clientError'): answers a request Node refused
 * before Express saw it (e.g. a 20,000-character query string: 431) with a problem+json body instead of Node's empty
 * one, then closes the connection. Like Node's default, writes nothing when the socket is gone or a response on it
 * has already started (its bytes would corrupt that response), and only destroys the socket.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  const correlationId = randomUUID();
  const { status, bytes } = clientErrorResponse(error.code, correlationId);
  logger.warn(`refused before routing: ${error.code ?? error.message}, answered ${status} [${correlationId}]`);
  socket.end(bytes);
}
