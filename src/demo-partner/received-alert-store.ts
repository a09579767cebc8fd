import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StructuredLogger } from './structured-logger.js';

/** A CloudEvents 1.0 event in structured JSON mode (CloudEvents 1.0 §3 context attributes, JSON format §3). */
export interface CloudEventEnvelope {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject?: string;
  time?: string;
  datacontenttype?: string;
  data?: unknown;
  [extension: string]: unknown;
}

/** One line of `alerts.jsonl`: a verified delivery of a verified alert, as first received. */
export interface ReceivedAlert {
  /** ISO-8601 time this receiver accepted the delivery. */
  receivedAt: string;
  /** Standard Webhooks `webhook-id` header (the delivery's idempotency key). */
  webhookId: string;
  /** CloudEvent `id`, which the single window sets to the alert id. */
  alertId: string;
  /** Always true: deliveries whose Standard Webhooks signature fails are never stored. */
  verified: true;
  /** Always true: alerts whose `jws` does not verify against the sender's JWK set are never stored. */
  signatureVerified: true;
  /** `kid` of the key that signed the alert (its RFC 7638 thumbprint, from the sender's JWK set). */
  kid: string;
  event: CloudEventEnvelope;
}

/** Outcome of {@link ReceivedAlertStore.record}. */
export type RecordOutcome = 'stored' | 'repeat';

/**
 * Append-only JSON-lines log of verified alert deliveries, de-duplicated by `webhook-id`
 * (Standard Webhooks 1.0: "the webhook-id ... should be used as an idempotency key").
 * Keeps everything in memory as well, loaded from the file at open so a restart keeps its memory.
 */
export class ReceivedAlertStore {
  private readonly byWebhookId = new Map<string, ReceivedAlert>();
  private repeatCount = 0;
  // Appends run one after another so lines never interleave.
  private tail: Promise<void> = Promise.resolve();

  private constructor(readonly file: string) {}

  /**
   * Opens (creating `outDir` if needed) `<outDir>/alerts.jsonl` and loads its lines.
   * Unparseable lines (e.g. a half-written last line after a crash) are skipped with a warning.
   * Errors: rejects when the folder cannot be created or the file cannot be read.
   */
  static async open(outDir: string, log: StructuredLogger): Promise<ReceivedAlertStore> {
    await mkdir(outDir, { recursive: true });
    const store = new ReceivedAlertStore(join(outDir, 'alerts.jsonl'));
    let text = '';
    try {
      text = await readFile(store.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    text.split('\n').forEach((line, index) => {
      if (!line.trim()) return;
      try {
        const alert = JSON.parse(line) as ReceivedAlert;
        if (typeof alert.webhookId !== 'string' || typeof alert.alertId !== 'string') throw new Error('missing ids');
        if (!store.byWebhookId.has(alert.webhookId)) store.byWebhookId.set(alert.webhookId, alert);
      } catch (error) {
        log('warn', 'skipped unreadable line in alerts.jsonl', { file: store.file, line: index + 1, error: String(error) });
      }
    });
    return store;
  }

  /** Number of distinct deliveries stored. */
  get count(): number {
    return this.byWebhookId.size;
  }

  /** Repeat deliveries (an already stored `webhook-id`) seen since this process started. */
  get repeats(): number {
    return this.repeatCount;
  }

  /** Stored deliveries in the order they were first received. */
  list(): ReceivedAlert[] {
    return [...this.byWebhookId.values()];
  }

  /**
   * Appends `alert` unless its `webhookId` is already stored ('repeat', counted, nothing written).
   * The id is reserved before the write, so two concurrent deliveries of one id store it once.
   * Errors: rejects when the append fails; the reservation is then released so a retry can store it.
   */
  async record(alert: ReceivedAlert): Promise<RecordOutcome> {
    if (this.byWebhookId.has(alert.webhookId)) {
      this.repeatCount += 1;
      return 'repeat';
    }
    this.byWebhookId.set(alert.webhookId, alert);
    const write = this.tail.then(() => appendFile(this.file, `${JSON.stringify(alert)}\n`, 'utf8'));
    this.tail = write.catch(() => undefined);
    try {
      await write;
      return 'stored';
    } catch (error) {
      this.byWebhookId.delete(alert.webhookId);
      throw error;
    }
  }
}
