import { describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { loadPartnerConfig, PartnerConfigError } from './partner-config.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadPartnerConfig(env);
  } catch (error) {
    if (error instanceof PartnerConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe(loadPartnerConfig.name, () => {
  it('applies the defaults', () => {
    expect(loadPartnerConfig({ PARTNER_NAME: 'gb', WEBHOOK_SECRET: secret })).toEqual({
      partnerName: 'gb',
      host: '127.0.0.1',
      port: 4100,
      webhookSecret: secret,
      outDir: join('.local', 'partners', 'gb'),
      appUrl: 'http://127.0.0.1:3000',
      partnerApiKey: undefined,
    });
  });

  it('names every missing required variable at once', () => {
    expect(problemsOf({})).toEqual([expect.stringContaining('PARTNER_NAME is required'), expect.stringContaining('WEBHOOK_SECRET is required')]);
  });

  it.each([
    [{ WEBHOOK_SECRET: 'not-a-secret' }, 'must start with "whsec_"'],
    [{ WEBHOOK_SECRET: 'whsec_!!!' }, 'standard base64'],
    [{ WEBHOOK_SECRET: `whsec_${randomBytes(8).toString('base64')}` }, '24..64 bytes (got 8)'],
    [{ PORT: '70000' }, 'PORT must be an integer'],
    [{ PORT: '41a' }, 'PORT must be an integer'],
    [{ APP_URL: 'ftp://example.org' }, 'APP_URL must be an http'],
    [{ PARTNER_NAME: '../etc' }, 'PARTNER_NAME must be'],
  ])('rejects %j', (override, message) => {
    expect(problemsOf({ PARTNER_NAME: 'gb', WEBHOOK_SECRET: secret, ...override })).toEqual([expect.stringContaining(message)]);
  });

  it('never echoes the secret in its message', () => {
    const bad = `whsec_${randomBytes(8).toString('base64')}`;
    const problems = problemsOf({ PARTNER_NAME: 'gb', WEBHOOK_SECRET: bad });

    expect(problems).toHaveLength(1);
    expect(problems.join('\n')).not.toContain(bad.slice('whsec_'.length));
  });
});
