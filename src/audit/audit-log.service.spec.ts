import { describe, expect, it } from '@jest/globals';
import { AUDIT_TRUNCATION_MARK, fitAuditColumn } from './audit-log.service.js';

describe('fitAuditColumn', () => {
  it('keeps a value that fits, and null', () => {
    expect(fitAuditColumn('POST /incidents/:id/retraction', 200)).toBe('POST /incidents/:id/retraction');
    expect(fitAuditColumn('x'.repeat(200), 200)).toBe('x'.repeat(200));
    expect(fitAuditColumn(null, 200)).toBeNull();
  });

  it('cuts a longer value to the column width, marked, counting code points as PostgreSQL does', () => {
    const fitted = fitAuditColumn('a'.repeat(500), 200)!;
    expect(fitted).toBe(`${'a'.repeat(199)}${AUDIT_TRUNCATION_MARK}`);
    expect(Array.from(fitted)).toHaveLength(200);
    // Astral characters are one character each for varchar(n): no surrogate pair is split.
    const emoji = fitAuditColumn('😀'.repeat(300), 200)!;
    expect(Array.from(emoji)).toHaveLength(200);
    expect(emoji.startsWith('😀'.repeat(199))).toBe(true);
  });
});
