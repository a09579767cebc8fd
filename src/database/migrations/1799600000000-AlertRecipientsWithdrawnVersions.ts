import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `alert_recipients.withdrawn_versions`: the versions sent to the partner as a `Cancel` because sharing narrowed
 * (routing-rules.ts `planAlerts`), so a partner told to delete the incident gets no further Cancels while the marking
 * still excludes it. Rows written before hold none (their partners may get one more Cancel, identifiers only).
 */
export class AlertRecipientsWithdrawnVersions1799600000000 implements MigrationInterface {
    name = 'AlertRecipientsWithdrawnVersions1799600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "alert_recipients" ADD "withdrawn_versions" integer array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "alert_recipients" DROP COLUMN "withdrawn_versions"`);
    }
}
