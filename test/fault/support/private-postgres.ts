import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from './free-ports.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A PostgreSQL 15 cluster of the suite's own (initdb into a temporary folder, trust auth on 127.0.0.1:`port`), so a
 * fault test can stop and restart the database server without touching the machine's shared one. Runs as the
 * `postgres` OS user when the tests run as root (initdb refuses root).
 */
export interface PrivatePostgres {
  url(database: string): string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** Listens on a free port picked now (freePorts); a restart reuses it. */
export async function privatePostgres(): Promise<PrivatePostgres> {
  const [port] = await freePorts(1);
  const dir = mkdtempSync(join(tmpdir(), 'aisw-fault-pg-'));
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const asPostgres = async (command: string, args: string[]) => {
    const asRoot = process.getuid?.() === 0;
    await run(asRoot ? 'runuser' : join(BIN, command), asRoot ? ['-u', 'postgres', '--', join(BIN, command), ...args] : args, {
      timeout: 120_000,
    });
  };
  await asPostgres('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale']);
  const pgCtl = (action: string, extra: string[] = []) =>
    asPostgres('pg_ctl', ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '60', ...extra, action]);
  const options = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=50`];
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start: () => pgCtl('start', options),
    stop: () => pgCtl('stop', ['-m', 'fast']),
    destroy: async () => {
      await pgCtl('stop', ['-m', 'immediate']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
