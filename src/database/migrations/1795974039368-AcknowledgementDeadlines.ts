import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Acknowledgement deadlines and escalation state on deliveries (src/escalation). Rows recorded before this migration
 * keep a null `ack_due_at`: no deadline was set when they were sent, so they never escalate.
 */

export class AcknowledgementDeadlines1795974039368 implements MigrationInterface {
    name = 'AcknowledgementDeadlines1795974039368'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "ack_due_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "overdue_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "escalations" integer NOT NULL DEFAULT '0'`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_overdue" ON "deliveries"  ("overdue_at", "alert_id") WHERE "acknowledged_at" IS NULL AND "overdue_at" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_ack_due" ON "deliveries"  ("ack_due_at") WHERE "acknowledged_at" IS NULL AND "ack_due_at" IS NOT NULL`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_ack_due"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_overdue"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "escalations"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "overdue_at"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "ack_due_at"`);
    }

}
