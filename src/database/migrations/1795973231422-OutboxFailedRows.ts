import type { MigrationInterface, QueryRunner } from "typeorm";

/** Outbox rows that Kafka refused for good are marked failed and skipped, instead of blocking the relay. */

export class OutboxFailedRows1795973231422 implements MigrationInterface {
    name = 'OutboxFailedRows1795973231422'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "failed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "outbox_messages" ADD "last_error" character varying(500)`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_unpublished"`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_messages_unpublished" ON "outbox_messages" ("id") WHERE "published_at" IS NULL AND "failed_at" IS NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_unpublished"`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_messages_unpublished" ON "outbox_messages" ("id") WHERE "published_at" IS NULL`);
        await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "last_error"`);
        await queryRunner.query(`ALTER TABLE "outbox_messages" DROP COLUMN "failed_at"`);
    }

}
