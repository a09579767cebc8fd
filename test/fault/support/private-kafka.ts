import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePorts } from './free-ports.js';

const run = promisify(execFile);

/**
 * A Kafka broker of the suite's own (deploy/kafka/start.sh on free ports and a temporary data folder), so a fault
 * test can stop and restart it without touching the broker the other suites share. Data survives `stop()`/`start()`;
 * `destroy()` removes it.
 */
export interface PrivateKafka {
  brokers: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

/** Client and controller listen on two free ports picked now (freePorts); a restart reuses them. */
export async function privateKafka(): Promise<PrivateKafka> {
  const [port, controllerPort] = await freePorts(2);
  const localDir = mkdtempSync(join(tmpdir(), 'aisw-fault-kafka-'));
  const env = {
    ...process.env,
    KAFKA_PORT: String(port),
    KAFKA_CONTROLLER_PORT: String(controllerPort),
    KAFKA_LOCAL_DIR: localDir,
    KAFKA_HEAP_OPTS: '-Xms128m -Xmx384m',
  };
  const script = (name: string) => run('bash', [join('deploy', 'kafka', name)], { env, timeout: 180_000 });
  return {
    brokers: `127.0.0.1:${port}`,
    start: async () => void (await script('start.sh')),
    stop: async () => void (await script('stop.sh')),
    destroy: async () => {
      await script('stop.sh');
      rmSync(localDir, { recursive: true, force: true });
    },
  };
}
