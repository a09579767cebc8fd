import type { DataSource } from 'typeorm';
import { checkAuditLink, type AuditChainBreak } from './audit-chain.js';
import { AuditLogEntryEntity } from './audit-log-entry.entity.js';

/** Result of walking the chain: how many entries held, the newest hash (to note outside the database), the break. */
export interface AuditChainReport {
  verified: number;
  headHash: string | null;
  broken: AuditChainBreak | null;
}

/**
 * Walks `audit_log` in seq order, `batchSize` rows at a time, and stops at the first broken link (audit-chain.ts
 * checkAuditLink). Deleting the newest entries leaves a valid shorter chain: compare `headHash` with one noted
 * earlier to see that.
 */
export async function verifyAuditChain(dataSource: DataSource, batchSize = 1000): Promise<AuditChainReport> {
  let previous: { seq: number; hash: string } | null = null;
  let verified = 0;
  for (;;) {
    const rows: AuditLogEntryEntity[] = await dataSource.manager
      .createQueryBuilder(AuditLogEntryEntity, 'entry')
      .where('entry.seq > :after', { after: previous?.seq ?? 0 })
      .orderBy('entry.seq', 'ASC')
      .limit(batchSize)
      .getMany();
    for (const row of rows) {
      const entry = {
        seq: Number(row.seq),
        occurredAt: row.occurredAt.toISOString(),
        actorKeyId: row.actorKeyId,
        actorRole: row.actorRole,
        action: row.action,
        resourceType: row.resourceType,
        resourceId: row.resourceId,
        outcomeStatus: row.outcomeStatus,
        correlationId: row.correlationId,
        prevHash: row.prevHash,
        hash: row.hash,
      };
      const broken = checkAuditLink(entry, previous);
      if (broken) return { verified, headHash: previous?.hash ?? null, broken };
      previous = { seq: entry.seq, hash: entry.hash };
      verified += 1;
    }
    if (rows.length < batchSize) return { verified, headHash: previous?.hash ?? null, broken: null };
  }
}
