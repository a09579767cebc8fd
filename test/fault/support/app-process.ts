import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from '../../support/wait-for.js';

const run = promisify(execFile);
const MAIN = join(process.cwd(), 'dist', 'src', 'main.js');
const CLI = join(process.cwd(), 'dist', 'src', 'cli.js');
/** The V8 flags of `npm start` (package.json), so the fault tests run the app as it is deployed. */
const APP_NODE_FLAGS = ['--max-semi-space-size=4'];

/** The built app (`node dist/src/main.js`) as a real child process, so a test can SIGKILL or SIGTERM it. */
export interface AppProcess {
  baseUrl: string;
  /** Everything the process wrote (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends `signal` and resolves with how the process ended: its exit code, or the signal that ended it. */
  stop(signal: NodeJS.Signals): Promise<Exit>;
}

/** How a process ended (Node's `exit` event). */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Environment for the app process; the same object starts it again after a crash. */
export type AppEnvironment = Record<string, string>;

/** Starts the app and waits until `/health/live` answers. Requires `npm run build` (scripts/test.sh runs it). */
export async function startAppProcess(environment: AppEnvironment): Promise<AppProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run npm run build first`);
  const child: ChildProcess = spawn(process.execPath, [...APP_NODE_FLAGS, MAIN], { env: { ...process.env, ...environment }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<Exit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const baseUrl = `http://127.0.0.1:${environment.PORT}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}: ${output.slice(-2000)}`);
      return (await fetch(`${baseUrl}/health/live`)).status;
    },
    (status) => status === 200,
    { description: `app process on ${baseUrl}`, timeoutMs: 60_000 },
  );
  return {
    baseUrl,
    output: () => output,
    stop: async (signal) => {
      child.kill(signal);
      return exited;
    },
  };
}

/** Issues an API key with the CLI (`api-keys:issue`), as an operator would. */
export async function issueKeyWithCli(environment: AppEnvironment, role: 'admin' | 'regulator' | 'analyst'): Promise<string> {
  const { stdout } = await run(process.execPath, [CLI, 'api-keys:issue', '--role', role, '--name', `fault ${role}`], {
    env: { ...process.env, ...environment },
  });
  return (JSON.parse(stdout) as { key: string }).key;
}
