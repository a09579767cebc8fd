import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The hashed content of an audit entry (every column but `hash`), with JSON types: dates as RFC 3339 UTC strings. */
export interface AuditEntryContent {
  seq: number;
  occurredAt: string;
  actorKeyId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  outcomeStatus: number;
  correlationId: string | null;
  prevHash: string;
}

/** SHA-256 (hex) over the RFC 8785 (JCS) canonical JSON of the entry content, `prevHash` included. */
export function auditEntryHash(content: AuditEntryContent): string {
  return createHash('sha256').update(canonicalize(content)!, 'utf8').digest('hex');
}

/** Where and why a chain breaks. */
export interface AuditChainBreak {
  seq: number;
  reason: string;
}

/**
 * Checks one stored entry against the one before it (null for the first): `seq` follows without a gap (a missing
 * entry), `prevHash` is the previous entry's `hash` (or GENESIS_HASH), and `hash` is the hash of the content (an
 * altered entry). Returns the break, or null when the link holds.
 */
export function checkAuditLink(entry: AuditEntryContent & { hash: string }, previous: { seq: number; hash: string } | null): AuditChainBreak | null {
  const expectedSeq = previous ? previous.seq + 1 : 1;
  if (entry.seq !== expectedSeq) return { seq: entry.seq, reason: `expected seq ${expectedSeq}: entries are missing` };
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (entry.prevHash !== expectedPrev) {
    return { seq: entry.seq, reason: previous ? `prev_hash is not the hash of seq ${previous.seq}` : 'prev_hash of the first entry is not the genesis hash' };
  }
  const { hash, ...content } = entry;
  if (auditEntryHash(content) !== hash) return { seq: entry.seq, reason: 'hash does not match the entry: the entry was altered' };
  return null;
}
