import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, jest } from '@jest/globals';

describe('npm run eval:classifier without the shared incident data', () => {
  afterEach(() => {
    process.exitCode = 0;
    jest.restoreAllMocks();
  });

  it('prints what is missing and how to point at it, and exits non-zero instead of a stack trace', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'aisw-no-shared-'));
    process.env.SHARED_DIR = empty;
    const errors: string[] = [];
    jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void errors.push(parts.join(' ')));
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await import('./evaluate-classifier.js'); // runs main()
    expect(process.exitCode).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`aiid_incidents.csv, oecd_aim_fatal_incidents.csv, ai_escape_log_incidents.csv, aiaaic_incidents.csv are missing from ${join(empty, 'data', 'incidents')}`);
    expect(errors[0]).toContain('Set SHARED_DIR');
    expect(errors[0]).not.toMatch(/\n\s+at /); // no stack trace
    expect(log).not.toHaveBeenCalled();
  });
});
