import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook request as the partner endpoint saw it. */
export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A partner webhook endpoint on 127.0.0.1 for tests: real HTTP, records every request. */
export interface RecordingPartner {
  server: Server;
  url: string;
  received: RecordedRequest[];
  /** The alert data of every request, parsed from the CloudEvent body. */
  alerts(): Array<{ alertId: string; msgType: string; version: number; references: string[]; note?: string }>;
  close(): Promise<void>;
}

/**
 * Starts an endpoint that answers with `statuses` in turn (then 204), with `Retry-After: 1` on 503.
 */
export async function startRecordingPartner(statuses: number[] = []): Promise<RecordingPartner> {
  const received: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses.shift() ?? 204;
      res.writeHead(status, status === 503 ? { 'retry-after': '1' } : {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    alerts: () => received.map((entry) => (JSON.parse(entry.body) as { data: ReturnType<RecordingPartner['alerts']>[number] }).data),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
