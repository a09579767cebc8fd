import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';

const run = promisify(execFile);
const STACK_ENV = ['PORT', 'DATABASE_URL', 'KAFKA_BROKERS', 'KAFKA_PORT', 'KAFKA_TOPIC_PREFIX', 'KAFKA_CLIENT_ID', 'DEMO_PARTNER_PORT_BASE'];
const TRIAL = {
  PORT: '3550',
  DEMO_PARTNER_PORT_BASE: '4550',
  DATABASE_URL: 'postgres://root@127.0.0.1:5432/aisw_tfix_up',
  KAFKA_BROKERS: '127.0.0.1:9192',
  KAFKA_TOPIC_PREFIX: 'tfix',
};

/**
 * scripts/up.sh and down.sh copied into a scratch checkout (their .local/ is the scratch one), run only in the modes
 * that start and delete nothing: `up.sh --print-stop-command` and `down.sh --purge --dry-run`.
 */
describe('npm run up / down settings', () => {
  let checkout: string;
  const script = (name: 'up' | 'down', args: string[], env: Record<string, string> = {}) =>
    run('bash', [join(checkout, 'scripts', `${name}.sh`), ...args], {
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !STACK_ENV.includes(name))), ...env },
    });

  beforeEach(() => {
    checkout = mkdtempSync(join(tmpdir(), 'aisw-up-down-'));
    mkdirSync(join(checkout, 'scripts'));
    for (const name of ['lib.sh', 'up.sh', 'down.sh']) copyFileSync(join(process.cwd(), 'scripts', name), join(checkout, 'scripts', name));
  });

  afterEach(() => rmSync(checkout, { recursive: true, force: true }));

  it('prints the stop command with every setting npm run up was given, and the bare one for the defaults', async () => {
    expect((await script('up', ['--print-stop-command'])).stdout.trim()).toBe('npm run down');
    expect((await script('up', ['--print-stop-command'], TRIAL)).stdout.trim()).toBe(
      'PORT=3550 DATABASE_URL=postgres://root@127.0.0.1:5432/aisw_tfix_up KAFKA_BROKERS=127.0.0.1:9192 KAFKA_TOPIC_PREFIX=tfix DEMO_PARTNER_PORT_BASE=4550 npm run down',
    );
    const quoted = (await script('up', ['--print-stop-command'], { KAFKA_TOPIC_PREFIX: 'a b' })).stdout.trim();
    expect(quoted).toBe('KAFKA_TOPIC_PREFIX=a\\ b npm run down');
  });

  it('has down --purge say what it deletes before deleting: the database (server without credentials) and the topic prefix', async () => {
    const { stdout } = await script('down', ['--purge', '--dry-run'], { ...TRIAL, DATABASE_URL: 'postgres://u:secret@db.example:5433/aisw_tfix_up' });
    expect(stdout).toContain('--purge will delete: database aisw_tfix_up on db.example:5433;');
    expect(stdout).toContain('on the Kafka broker 127.0.0.1:9192');
    expect(stdout).toContain('topics tfix.* and consumer groups aisw-tfix-{router,correlation,alert-log,acks}');
    expect(stdout).not.toContain('secret');
    const defaults = (await script('down', ['--purge', '--dry-run'])).stdout;
    expect(defaults).toContain('database aisw on 127.0.0.1:5432;');
    expect(defaults).toContain('topics aisw.* ');
  });

  it('refuses a purge whose settings differ from those npm run up recorded here, printing the command to use', async () => {
    mkdirSync(join(checkout, '.local', 'run'), { recursive: true });
    // As up.sh records them: every setting given, then those that decide what --purge deletes.
    writeFileSync(
      join(checkout, '.local', 'run', 'up-env'),
      'PORT=3550 DATABASE_URL=postgres://root@127.0.0.1:5432/aisw_tfix_up KAFKA_BROKERS=127.0.0.1:9192 KAFKA_TOPIC_PREFIX=tfix DEMO_PARTNER_PORT_BASE=4550\n' +
        'DATABASE_URL=postgres://root@127.0.0.1:5432/aisw_tfix_up KAFKA_BROKERS=127.0.0.1:9192 KAFKA_TOPIC_PREFIX=tfix\n',
    );
    await expect(script('down', ['--purge', '--dry-run'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(
        'Run: PORT=3550 DATABASE_URL=postgres://root@127.0.0.1:5432/aisw_tfix_up KAFKA_BROKERS=127.0.0.1:9192 KAFKA_TOPIC_PREFIX=tfix DEMO_PARTNER_PORT_BASE=4550 npm run down -- --purge',
      ),
    });
    await expect(script('down', ['--purge', '--dry-run'], { ...TRIAL, KAFKA_TOPIC_PREFIX: 'aisw' })).rejects.toMatchObject({ code: 1 });
    // The same settings (PORT and DEMO_PARTNER_PORT_BASE do not decide what is deleted) pass.
    const { stdout } = await script('down', ['--purge', '--dry-run'], { ...TRIAL, PORT: '' });
    expect(stdout).toContain('database aisw_tfix_up on 127.0.0.1:5432;');
  });
});
