import pg from 'pg';

/**
 * Creates the database named in `databaseUrl` if it does not exist, by connecting to the server's
 * `postgres` maintenance database. Errors: rethrows connection failures with the host (never the password).
 */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(database)) throw new Error(`Invalid database name in DATABASE_URL: ${database}`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.toString() });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Cannot reach PostgreSQL at ${url.host}: ${(error as Error).message}`, { cause: error });
  }
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${database}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another instance
      });
    }
  } finally {
    await client.end();
  }
}
