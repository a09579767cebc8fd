// The floor for the filing benchmark (issue 6): the least an HTTP service can do per filing on this machine — parse
// the JSON body and INSERT it as one row into the same PostgreSQL, over a pool of the same size as the app's (10).
// Run by service-benchmarks.ts as its own process: node dist/scripts/bench/floor-server.js <port> <database url>.
import { createServer } from 'node:http';
import pg from 'pg';

const [port, databaseUrl] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await pool.query('CREATE TABLE IF NOT EXISTS floor_filings (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body jsonb NOT NULL, created_at timestamptz NOT NULL DEFAULT now())');

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    let body: unknown;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      response.writeHead(400).end();
      return;
    }
    pool
      .query<{ id: string }>('INSERT INTO floor_filings (body) VALUES ($1) RETURNING id', [body])
      .then(({ rows }) => response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id: rows[0].id })))
      .catch(() => response.writeHead(503).end());
  });
});
server.listen(Number(port), '127.0.0.1', () => console.log(`floor listening on ${port}`));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
