import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditEntryHash, GENESIS_HASH, type AuditEntryContent } from './audit-chain.js';
import { auditContext, type AuditActor } from './audit-context.js';
import { AuditLogEntryEntity } from './audit-log-entry.entity.js';
import { shutdownStep } from '../common/shutdown-step.js';

/** Key of the transaction-scoped advisory lock that serialises appends, so the chain stays linear across replicas. */
export const AUDIT_APPEND_LOCK = 0x61756469; // "audi"

/** TLP 2.0 markings whose every read is audited (issue 6). */
export const AUDITED_READ_MARKINGS: ReadonlySet<string> = new Set(['AMBER+STRICT', 'RED']);

/** What a caller states about an entry; the service adds seq, time, hashes, and the actor from the request context. */
export interface AuditRecord {
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcomeStatus: number;
  actorKeyId?: string | null;
  actorRole?: string | null;
  correlationId?: string | null;
}

/**
 * Widths of the audit_log varchar columns (characters, as PostgreSQL counts them): a value longer than its column is
 * cut to fit (fitAuditColumn) rather than failing the whole append.
 */
export const AUDIT_COLUMN_WIDTHS = { actorRole: 20, action: 200, resourceType: 40, resourceId: 200, correlationId: 100 } as const;

/** Marks a value cut to fit its column. */
export const AUDIT_TRUNCATION_MARK = '…';

/**
 * `value` if it has at most `width` characters (Unicode code points, as PostgreSQL varchar counts), else its first
 * `width - 1` code points followed by AUDIT_TRUNCATION_MARK. Null stays null.
 */
export function fitAuditColumn(value: string | null, width: number): string | null {
  if (value === null) return null;
  const codePoints = Array.from(value);
  return codePoints.length <= width ? value : codePoints.slice(0, width - 1).join('') + AUDIT_TRUNCATION_MARK;
}

/** Most entries appended in one transaction. */
const MAX_BATCH = 500;

interface PendingEntry {
  content: Omit<AuditEntryContent, 'seq' | 'prevHash'>;
  resolve: (entry: AuditLogEntryEntity) => void;
  reject: (error: unknown) => void;
}

/**
 * Appends to the hash-chained audit log. Entries recorded while an append is running wait and go together in the
 * next one (at most MAX_BATCH), so the one-at-a-time chain does not cap request throughput; each `record` resolves once
 * its entry is committed. When a batch fails, its entries are appended one by one, so only an entry the database
 * itself refuses is rejected (and its caller logs it). Each append is a transaction holding `pg_advisory_xact_lock` (AUDIT_APPEND_LOCK): it reads
 * the newest entry, assigns the next seqs and hashes each entry over the previous hash, so concurrent appends (also
 * from other replicas) queue rather than fork the chain.
 */
@Injectable()
export class AuditLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger(AuditLog.name);
  private readonly pending: PendingEntry[] = [];
  private draining = false;
  private drainDone: Promise<void> = Promise.resolve();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one entry; actor fields default to the current request's (audit-context.ts). Text longer than its column
   * (e.g. a fuzzed path parameter as `resourceId`) is cut to fit and ends with AUDIT_TRUNCATION_MARK, so the entry is
   * still recorded (and hashed as stored). Returns the stored entry.
   */
  record(record: AuditRecord): Promise<AuditLogEntryEntity> {
    const actor = auditContext.getStore();
    const content = {
      occurredAt: new Date().toISOString(),
      actorKeyId: record.actorKeyId !== undefined ? record.actorKeyId : (actor?.actorKeyId ?? null),
      actorRole: fitAuditColumn(record.actorRole !== undefined ? record.actorRole : (actor?.actorRole ?? null), AUDIT_COLUMN_WIDTHS.actorRole),
      action: fitAuditColumn(record.action, AUDIT_COLUMN_WIDTHS.action)!,
      resourceType: fitAuditColumn(record.resourceType, AUDIT_COLUMN_WIDTHS.resourceType)!,
      resourceId: fitAuditColumn(record.resourceId, AUDIT_COLUMN_WIDTHS.resourceId),
      outcomeStatus: record.outcomeStatus,
      correlationId: fitAuditColumn(
        record.correlationId !== undefined ? record.correlationId : (actor?.correlationId ?? null),
        AUDIT_COLUMN_WIDTHS.correlationId,
      ),
    };
    return new Promise((resolve, reject) => {
      this.pending.push({ content, resolve, reject });
      void this.drain();
    });
  }

  /**
   * Graceful shutdown (SIGTERM): writes every entry still waiting before the database connections close (TypeORM
   * closes them in onApplicationShutdown, after this hook), so a drained process loses no audit entry.
   */
  async beforeApplicationShutdown(): Promise<void> {
    await shutdownStep(this.logger, 'audit log: write the waiting entries', async () => {
      while (this.draining || this.pending.length > 0) {
        if (!this.draining) void this.drain();
        await this.drainDone;
      }
    });
  }

  /** Appends the waiting entries batch by batch until none is left; one drain at a time per process. */
  private drain(): Promise<void> {
    if (this.draining) return this.drainDone;
    this.draining = true;
    this.drainDone = this.drainBatches();
    return this.drainDone;
  }

  private async drainBatches(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          const stored = await this.append(batch.map((entry) => entry.content));
          batch.forEach((entry, index) => entry.resolve(stored[index]));
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          // One entry the database refuses must not take the others down with it: append them one by one.
          for (const entry of batch) {
            await this.append([entry.content]).then(([stored]) => entry.resolve(stored), entry.reject);
          }
        }
      }
    } finally {
      this.draining = false;
    }
  }

  private append(contents: Array<PendingEntry['content']>): Promise<AuditLogEntryEntity[]> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
      const [last] = await manager.find(AuditLogEntryEntity, { order: { seq: 'DESC' }, take: 1 });
      let previous = { seq: last ? Number(last.seq) : 0, hash: last ? last.hash : GENESIS_HASH };
      const entries = contents.map((content) => {
        const hashed: AuditEntryContent = { ...content, seq: previous.seq + 1, prevHash: previous.hash };
        const entry = manager.create(AuditLogEntryEntity, {
          ...hashed,
          seq: String(hashed.seq),
          occurredAt: new Date(hashed.occurredAt),
          hash: auditEntryHash(hashed),
        });
        previous = { seq: hashed.seq, hash: entry.hash };
        return entry;
      });
      await manager.insert(AuditLogEntryEntity, entries);
      return entries;
    });
  }

  /**
   * Records a read of an incident marked AMBER+STRICT or RED by the current request's actor, with the request's
   * action (e.g. `GET /incidents/:id`); other markings record nothing. Awaited before the data leaves, so a read that
   * cannot be audited fails. `markings`: the incident's marking, and any other the content read carries (e.g. the
   * version a CAP export renders); one entry when any of them is audited.
   */
  /**
   * Records the reads of every AMBER+STRICT or RED incident in `incidents` (a search page, a chunk of an export): one
   * entry each, appended together (one transaction for up to 500), resolving once all are committed; other markings
   * record nothing. `actor`: who reads, when the caller runs outside the request's async context (a stream callback);
   * default the current request's.
   */
  async recordIncidentReads(incidents: ReadonlyArray<{ id: string; tlp: string }>, actor: AuditActor | undefined = auditContext.getStore()): Promise<void> {
    const audited = incidents.filter((incident) => AUDITED_READ_MARKINGS.has(incident.tlp));
    if (audited.length === 0) return;
    await Promise.all(
      audited.map((incident) =>
        this.record({
          action: actor?.action ?? 'read incident',
          resourceType: 'incidents',
          resourceId: incident.id,
          outcomeStatus: 200,
          actorKeyId: actor?.actorKeyId ?? null,
          actorRole: actor?.actorRole ?? null,
          correlationId: actor?.correlationId ?? null,
        }),
      ),
    );
  }

  async recordIncidentRead(incidentId: string, ...markings: string[]): Promise<void> {
    if (!markings.some((tlp) => AUDITED_READ_MARKINGS.has(tlp))) return;
    await this.record({
      action: auditContext.getStore()?.action ?? 'read incident',
      resourceType: 'incidents',
      resourceId: incidentId,
      outcomeStatus: 200,
    });
  }
}
