import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the per-row `pg_notify` trigger on `outbox_messages`: PostgreSQL serialises the commits of all transactions
 * that NOTIFY on one global lock, which capped filing throughput (docs/benchmarks.md). The relay is now woken
 * in-process after each commit that wrote outbox rows (src/outbox/outbox-wake.ts) and polls for the rest.
 */
export class OutboxWakeInProcess1796900000000 implements MigrationInterface {
  name = 'OutboxWakeInProcess1796900000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "tr_outbox_messages_notify" ON "outbox_messages"`);
    await queryRunner.query(`DROP FUNCTION "notify_outbox_message"()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION "notify_outbox_message"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('outbox_messages', NEW.id::text); RETURN NULL; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "tr_outbox_messages_notify" AFTER INSERT ON "outbox_messages" FOR EACH ROW EXECUTE FUNCTION "notify_outbox_message"()`,
    );
  }
}
