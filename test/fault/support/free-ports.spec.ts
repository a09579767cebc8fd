import { createServer } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import { freePorts } from './free-ports.js';

/** Fault suites used fixed ports (Kafka 29092, PostgreSQL 55433), so two runs at once collided; now the kernel picks. */
describe('freePorts (fault tests: private Kafka and PostgreSQL ports)', () => {
  it('gives distinct ports to concurrent runs, each bindable on 127.0.0.1 afterwards', async () => {
    const [first, second] = await Promise.all([freePorts(2), freePorts(2)]);
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(4);
    expect(all).not.toContain(29_092);
    for (const port of all) {
      const server = createServer();
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
