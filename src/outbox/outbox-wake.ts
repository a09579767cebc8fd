import type { DataSource, EntityManager, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';

/** Key in TypeORM's per-QueryRunner `data` marking a transaction that wrote outbox rows. */
const OUTBOX_WRITTEN = 'aisw.outboxWritten';

/** The relay's wake-up per DataSource (one relay per application). */
const relays = new WeakMap<DataSource, () => void>();

/** Wakes the relay of `dataSource` in this process (if any): call after committing outbox rows outside a TypeORM transaction. */
export function wakeOutboxRelay(dataSource: DataSource): void {
  relays.get(dataSource)?.();
}

/**
 * Notes on the caller's transaction that it wrote outbox rows, so the relay is woken in this process once the
 * transaction commits (`wakeOnOutboxCommit`). Outside a transaction (no query runner) nothing is noted: the relay's
 * poll (OUTBOX_POLL_INTERVAL_MS) finds the row.
 */
export function markOutboxWritten(manager: EntityManager): void {
  const runner = manager.queryRunner;
  if (runner) runner.data = { ...(runner.data as object), [OUTBOX_WRITTEN]: true };
}

/**
 * Registers `wake` for `wakeOutboxRelay`, and a TypeORM subscriber that calls `wake` after the COMMIT of every transaction marked by
 * `markOutboxWritten` (not after a savepoint release: the outer transaction has not committed yet). This replaces
 * a per-row `pg_notify` trigger: PostgreSQL serialises the commits of all transactions that NOTIFY on one global
 * lock, which capped filing throughput (docs/benchmarks.md). Rows written by another process are found by that
 * process's own relay, or by this relay's poll.
 */
export function wakeOnOutboxCommit(dataSource: DataSource, wake: () => void): void {
  const subscriber: EntitySubscriberInterface = {
    afterTransactionCommit(event: TransactionCommitEvent): void {
      const runner = event.queryRunner;
      const data = runner.data as Record<string, unknown> | undefined;
      if (!data?.[OUTBOX_WRITTEN] || runner.isTransactionActive) return;
      runner.data = { ...data, [OUTBOX_WRITTEN]: false };
      wake();
    },
  };
  dataSource.subscribers.push(subscriber);
  relays.set(dataSource, wake);
}
