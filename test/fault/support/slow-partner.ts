import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One webhook request as the slow partner answered it. */
export interface Answered {
  webhookId: string;
  alertId: string;
  /** When the partner finished answering 204 (ms since epoch); undefined if the connection broke first. */
  answeredAt?: number;
}

/** A partner endpoint that takes `delayMs` before answering 204, so deliveries are in flight when a test strikes. */
export interface SlowPartner {
  url: string;
  requests: Answered[];
  close(): Promise<void>;
}

export async function startSlowPartner(delayMs: number): Promise<SlowPartner> {
  const requests: Answered[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const entry: Answered = {
        webhookId: String(req.headers['webhook-id']),
        alertId: (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { data: { alertId: string } }).data.alertId,
      };
      requests.push(entry);
      setTimeout(() => res.writeHead(204).end(() => (entry.answeredAt = Date.now())), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
