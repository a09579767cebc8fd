import type { MigrationInterface, QueryRunner } from "typeorm";

/** Incident versions and retraction; who was sent which alert versions (retractions reach them all). */

export class IncidentVersionsAndAlertRecipients1795972126583 implements MigrationInterface {
    name = 'IncidentVersionsAndAlertRecipients1795972126583'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "alert_recipients" ("incident_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "versions" integer array NOT NULL, "first_sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cb83282ae5f7a6955989f58ec39" PRIMARY KEY ("incident_id", "partner_id"))`);
        await queryRunner.query(`ALTER TABLE "incidents" ADD "version" integer NOT NULL DEFAULT '1'`);
        await queryRunner.query(`ALTER TABLE "incidents" ADD "status" character varying(12) NOT NULL DEFAULT 'active'`);
        await queryRunner.query(`ALTER TABLE "incidents" ADD "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        await queryRunner.query(`ALTER TABLE "incidents" ADD "retraction_reason" character varying(2000)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "retraction_reason"`);
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "updated_at"`);
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "status"`);
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "version"`);
        await queryRunner.query(`DROP TABLE "alert_recipients"`);
    }

}
