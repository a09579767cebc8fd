import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const SCRIPT = join(process.cwd(), 'scripts', 'federation-demo.sh');

/** The environment without the demo's own settings, so defaults apply. */
const baseEnv = (): NodeJS.ProcessEnv => Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('FED_')));
/** `--print-config` only resolves the settings (no build, database or Kafka). */
const printConfig = (env: Record<string, string>) => run('bash', [SCRIPT, '--print-config'], { env: { ...baseEnv(), ...env } });

describe('scripts/federation-demo.sh topic prefix', () => {
  it('defaults to aisw-federation-a / -b', async () => {
    const { stdout } = await printConfig({});
    expect(stdout).toContain('window A: port 3100, database aisw_federation_a, KAFKA_TOPIC_PREFIX aisw-federation-a');
    expect(stdout).toContain('window B: port 3200, database aisw_federation_b, KAFKA_TOPIC_PREFIX aisw-federation-b');
  });

  it('takes FED_TOPIC_PREFIX, so two demos can share a broker', async () => {
    const { stdout } = await printConfig({ FED_TOPIC_PREFIX: 'trial-7' });
    expect(stdout).toContain('KAFKA_TOPIC_PREFIX trial-7-a');
    expect(stdout).toContain('KAFKA_TOPIC_PREFIX trial-7-b');
  });

  it('refuses a prefix Kafka topic names here may not carry, before starting anything', async () => {
    await expect(printConfig({ FED_TOPIC_PREFIX: 'Bad_Prefix' })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('FED_TOPIC_PREFIX must be 1..39 of [a-z0-9-]'),
    });
  });
});
