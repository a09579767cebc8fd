import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Partner lifecycle (src/partners): contacts, per-urgency acknowledgement deadline overrides, suspension and soft
 * removal; subscriptions gain severity, harm type, urgency and red-line filters; webhook signing secrets move to
 * `partner_webhook_secrets` (several active at once, for rotation). Existing secrets are carried over both ways
 * (`down` keeps the oldest active one).
 */

export class PartnerLifecycle1796200000001 implements MigrationInterface {
    name = 'PartnerLifecycle1796200000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "partner_webhook_secrets" ("id" uuid NOT NULL, "partner_id" uuid NOT NULL, "secret" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_ee01b07e295ac76f7e36e44aa3d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_partner_webhook_secrets_partner_id" ON "partner_webhook_secrets"  ("partner_id") `);
        await queryRunner.query(`INSERT INTO "partner_webhook_secrets" ("id", "partner_id", "secret", "created_at")
            SELECT gen_random_uuid(), "id", "webhook_secret", "created_at" FROM "partners" WHERE "webhook_secret" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "webhook_secret"`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "contacts" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "ack_deadline_flash_seconds" integer`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "ack_deadline_priority_seconds" integer`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "ack_deadline_routine_seconds" integer`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "status_reason" character varying(500)`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "suspended_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "removed_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        await queryRunner.query(`ALTER TABLE "subscriptions" ADD "min_severity" character varying(12)`);
        await queryRunner.query(`ALTER TABLE "subscriptions" ADD "harm_types" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "subscriptions" ADD "urgencies" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "subscriptions" ADD "red_line_flags" text array NOT NULL DEFAULT '{}'`);
        await queryRunner.query(`ALTER TABLE "subscriptions" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "updated_at"`);
        await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "red_line_flags"`);
        await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "urgencies"`);
        await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "harm_types"`);
        await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "min_severity"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "updated_at"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "removed_at"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "suspended_at"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "status_reason"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "ack_deadline_routine_seconds"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "ack_deadline_priority_seconds"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "ack_deadline_flash_seconds"`);
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "contacts"`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "webhook_secret" character varying(200)`);
        await queryRunner.query(`UPDATE "partners" p SET "webhook_secret" = (SELECT s."secret" FROM "partner_webhook_secrets" s
            WHERE s."partner_id" = p."id" AND s."retired_at" IS NULL ORDER BY s."created_at", s."id" LIMIT 1)`);
        await queryRunner.query(`UPDATE "partners" SET "status" = 'suspended' WHERE "status" = 'removed'`);
        await queryRunner.query(`DROP INDEX "public"."ix_partner_webhook_secrets_partner_id"`);
        await queryRunner.query(`DROP TABLE "partner_webhook_secrets"`);
    }

}
