import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** Statement name per SQL text: the same text always gets the same name, different texts never share one. */
const names = new Map<string, string>();

function statementName(text: string): string {
  let name = names.get(text);
  if (name === undefined) {
    name = `aisw_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    names.set(text, name);
  }
  return name;
}

/** node-postgres objects TypeORM keeps untyped: the driver's pool (`master`) and a query runner's client. */
interface PgDriver {
  master: pg.Pool;
}
interface PgQueryRunner {
  connect(): Promise<pg.PoolClient>;
}

/**
 * Runs `text` with `values` as a named prepared statement of node-postgres (extended protocol Parse once, then Bind
 * and Execute), on the caller's transaction when `target` is a transactional EntityManager, else on a pooled
 * connection of the DataSource. PostgreSQL parses and plans a named statement once per connection instead of on
 * every call: for the hot statements (a filing's CTE, the alert log's insert, the dispatcher's claim and record) that
 * halves PostgreSQL's CPU per statement (docs/filing-performance.md). The name is derived from the text, so callers
 * only pass SQL whose text is fixed (values go in parameters, never into the text).
 * Returns the rows (RETURNING rows for INSERT/UPDATE). Errors: node-postgres errors as thrown (SQLSTATE in `code`;
 * connection errors are recognised by isDatabaseUnavailable). Not for a connection pooler in transaction mode
 * (PgBouncer before 1.21), which does not keep prepared statements per client.
 */
export async function preparedQuery<T>(target: DataSource | EntityManager, text: string, values: unknown[]): Promise<T[]> {
  const config = { name: statementName(text), text, values };
  const runner = 'queryRunner' in target ? (target.queryRunner as unknown as PgQueryRunner | undefined) : undefined;
  if (runner) return (await (await runner.connect()).query(config)).rows as T[];
  const dataSource = 'driver' in target ? target : target.connection;
  return (await (dataSource.driver as unknown as PgDriver).master.query(config)).rows as T[];
}
