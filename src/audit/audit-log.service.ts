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

/**
 * Appends to the hash-chained audit log. Each append is its own transaction holding `pg_advisory_xact_lock`
 * (AUDIT_APPEND_LOCK): it reads the newest entry, assigns the next seq and hashes the entry over the previous hash, so
 * concurrent appends (also from other replicas) queue rather than fork the chain.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends one entry; actor fields default to the current request's (audit-context.ts). Returns the stored entry. */
  async record(record: AuditRecord): Promise<AuditLogEntryEntity> {
    const actor = auditContext.getStore();
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
      const [last] = await manager.find(AuditLogEntryEntity, { order: { seq: 'DESC' }, take: 1 });
      const content: AuditEntryContent = {
        seq: last ? Number(last.seq) + 1 : 1,
        occurredAt: new Date().toISOString(),
        actorKeyId: record.actorKeyId !== undefined ? record.actorKeyId : (actor?.actorKeyId ?? null),
        actorRole: record.actorRole !== undefined ? record.actorRole : (actor?.actorRole ?? null),
        action: record.action,
        resourceType: record.resourceType,
        resourceId: record.resourceId,
        outcomeStatus: record.outcomeStatus,
        correlationId: record.correlationId !== undefined ? record.correlationId : (actor?.correlationId ?? null),
        prevHash: last ? last.hash : GENESIS_HASH,
      };
      const entry = manager.create(AuditLogEntryEntity, {
        ...content,
        seq: String(content.seq),
        occurredAt: new Date(content.occurredAt),
        hash: auditEntryHash(content),
      });
      await manager.insert(AuditLogEntryEntity, entry);
      return entry;
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
