import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { auditEntryHash, GENESIS_HASH, type AuditEntryContent } from './audit-chain.js';
import { auditContext } from './audit-context.js';
import { AuditLogEntryEntity } from './audit-log-entry.entity.js';

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
 * its entry is committed. Each append is a transaction holding `pg_advisory_xact_lock` (AUDIT_APPEND_LOCK): it reads
 * the newest entry, assigns the next seqs and hashes each entry over the previous hash, so concurrent appends (also
 * from other replicas) queue rather than fork the chain.
 */
@Injectable()
export class AuditLog {
  private readonly pending: PendingEntry[] = [];
  private draining = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one entry; actor fields default to the current request's (audit-context.ts). Returns the stored entry. */
  record(record: AuditRecord): Promise<AuditLogEntryEntity> {
    const actor = auditContext.getStore();
    const content = {
      occurredAt: new Date().toISOString(),
      actorKeyId: record.actorKeyId !== undefined ? record.actorKeyId : (actor?.actorKeyId ?? null),
      actorRole: record.actorRole !== undefined ? record.actorRole : (actor?.actorRole ?? null),
      action: record.action,
      resourceType: record.resourceType,
      resourceId: record.resourceId,
      outcomeStatus: record.outcomeStatus,
      correlationId: record.correlationId !== undefined ? record.correlationId : (actor?.correlationId ?? null),
    };
    return new Promise((resolve, reject) => {
      this.pending.push({ content, resolve, reject });
      void this.drain();
    });
  }

  /** Appends the waiting entries batch by batch until none is left; one drain at a time per process. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_BATCH);
        try {
          const stored = await this.append(batch.map((entry) => entry.content));
          batch.forEach((entry, index) => entry.resolve(stored[index]));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
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
   * cannot be audited fails.
   */
  async recordIncidentRead(incidentId: string, tlp: string): Promise<void> {
    if (!AUDITED_READ_MARKINGS.has(tlp)) return;
    await this.record({
      action: auditContext.getStore()?.action ?? 'read incident',
      resourceType: 'incidents',
      resourceId: incidentId,
      outcomeStatus: 200,
    });
  }
}
