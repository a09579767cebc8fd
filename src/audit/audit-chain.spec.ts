import { describe, expect, it } from '@jest/globals';
import { auditEntryHash, checkAuditLink, GENESIS_HASH, type AuditEntryContent } from './audit-chain.js';

const content = (overrides: Partial<AuditEntryContent> = {}): AuditEntryContent => ({
  seq: 1,
  occurredAt: '2026-11-29T12:00:00.000Z',
  actorKeyId: '6f1c1f0e-8a4b-4c6d-9e2f-0a1b2c3d4e5f',
  actorRole: 'regulator',
  action: 'POST /incidents',
  resourceType: 'incidents',
  resourceId: '0b7f0a52-6c3e-4d8f-9a1b-2c3d4e5f6a7b',
  outcomeStatus: 201,
  correlationId: 'c-1',
  prevHash: GENESIS_HASH,
  ...overrides,
});

/** A valid chain of `length` entries. */
const chain = (length: number): Array<AuditEntryContent & { hash: string }> => {
  const entries: Array<AuditEntryContent & { hash: string }> = [];
  for (let seq = 1; seq <= length; seq += 1) {
    const entry = content({ seq, prevHash: entries.at(-1)?.hash ?? GENESIS_HASH, resourceId: `r-${seq}` });
    entries.push({ ...entry, hash: auditEntryHash(entry) });
  }
  return entries;
};

describe(auditEntryHash.name, () => {
  it('is the SHA-256 of the canonical JSON, whatever the key order', () => {
    const entry = content();
    const reordered = Object.fromEntries(Object.entries(entry).reverse()) as unknown as AuditEntryContent;
    expect(auditEntryHash(reordered)).toBe(auditEntryHash(entry));
    expect(auditEntryHash(entry)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEntryHash(content({ prevHash: 'f'.repeat(64) }))).not.toBe(auditEntryHash(entry));
  });
});

describe(checkAuditLink.name, () => {
  const walk = (entries: Array<AuditEntryContent & { hash: string }>) => {
    let previous: { seq: number; hash: string } | null = null;
    for (const entry of entries) {
      const broken = checkAuditLink(entry, previous);
      if (broken) return broken;
      previous = entry;
    }
    return null;
  };

  it('accepts an intact chain', () => {
    expect(walk(chain(5))).toBeNull();
  });

  it('names an altered entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], outcomeStatus: 200 };
    expect(walk(entries)).toEqual({ seq: 3, reason: 'hash does not match the entry: the entry was altered' });
  });

  it('names the entry after a removed one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(walk(entries)).toEqual({ seq: 3, reason: 'expected seq 2: entries are missing' });
  });

  it('names an entry whose hash was recomputed after altering it, at the next link', () => {
    const entries = chain(4);
    const { hash: _original, ...altered } = { ...entries[1], action: 'DELETE /api-keys/:id' };
    entries[1] = { ...altered, hash: auditEntryHash(altered) };
    expect(walk(entries)).toEqual({ seq: 3, reason: 'prev_hash is not the hash of seq 2' });
  });
});
