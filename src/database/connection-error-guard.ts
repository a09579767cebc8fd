import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventEmitter } from 'node:events';
import type { DataSource } from 'typeorm';

/** The parts of a node-postgres `Pool` this guard uses (TypeORM's PostgresDriver keeps it as `master`, untyped). */
interface PgPool extends EventEmitter {
  _clients?: EventEmitter[];
}

const GUARDED = Symbol('aisw.errorGuarded');

/**
 * Keeps a lost PostgreSQL connection from crashing the process. When the server goes away (restart, failover,
 * `pg_terminate_backend`), a checked-out node-postgres client can emit 'error' more than once; TypeORM's query runner
 * removes its listener after the first, and an 'error' event with no listener is thrown (Node's EventEmitter rule),
 * which ends the process. This adds a permanent listener to every client of the pool, present and future; the error
 * itself still reaches the request (503 DATABASE.UNAVAILABLE) and the pool discards the broken client.
 * Exercised by test/fault/postgres-restart.fault-spec.ts.
 */
@Injectable()
export class ConnectionErrorGuard implements OnApplicationBootstrap {
  private readonly logger = new Logger(ConnectionErrorGuard.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    const pool = (this.dataSource.driver as unknown as { master?: PgPool }).master;
    if (!pool) return;
    const guard = (client: EventEmitter): void => {
      const marked = client as EventEmitter & { [GUARDED]?: boolean };
      if (marked[GUARDED]) return;
      marked[GUARDED] = true;
      client.on('error', (error: Error) => this.logger.warn(`PostgreSQL connection lost: ${error.message}`));
    };
    pool.on('connect', guard);
    for (const client of pool._clients ?? []) guard(client);
  }
}
