import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Surge alerts to partners (docs/signals.md): subscriptions opt in with `trend_signals`; a delivery is about an
 * incident or about a surge signal (`signal_id`), exactly one of the two.
 */
export class SurgeAlerts1797400000000 implements MigrationInterface {
    name = 'SurgeAlerts1797400000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "signal_id" uuid`);
        await queryRunner.query(`ALTER TABLE "subscriptions" ADD "trend_signals" boolean NOT NULL DEFAULT false`);
        await queryRunner.query(`ALTER TABLE "deliveries" ALTER COLUMN "incident_id" DROP NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_signal_id" ON "deliveries"  ("signal_id") WHERE "signal_id" IS NOT NULL`);
        await queryRunner.query(`ALTER TABLE "deliveries" ADD CONSTRAINT "ck_deliveries_subject" CHECK (num_nonnulls("incident_id", "signal_id") = 1)`);
        // The TAXII collections hold STIX incidents (migration 1796600000000): surge alerts have none to record.
        await queryRunner.query(`DROP TRIGGER "trg_deliveries_taxii_collection" ON "deliveries"`);
        await queryRunner.query(`CREATE TRIGGER "trg_deliveries_taxii_collection" AFTER INSERT ON "deliveries"
      FOR EACH ROW WHEN (NEW.incident_id IS NOT NULL) EXECUTE FUNCTION "taxii_record_collection_object"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "trg_deliveries_taxii_collection" ON "deliveries"`);
        await queryRunner.query(`CREATE TRIGGER "trg_deliveries_taxii_collection" AFTER INSERT ON "deliveries"
      FOR EACH ROW EXECUTE FUNCTION "taxii_record_collection_object"()`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP CONSTRAINT "ck_deliveries_subject"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_signal_id"`);
        // Surge alert deliveries have no incident: they cannot survive the NOT NULL (their attempts go with them).
        await queryRunner.query(`DELETE FROM "delivery_attempts" WHERE "alert_id" IN (SELECT "alert_id" FROM "deliveries" WHERE "incident_id" IS NULL)`);
        await queryRunner.query(`DELETE FROM "deliveries" WHERE "incident_id" IS NULL`);
        await queryRunner.query(`ALTER TABLE "deliveries" ALTER COLUMN "incident_id" SET NOT NULL`);
        await queryRunner.query(`ALTER TABLE "subscriptions" DROP COLUMN "trend_signals"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "signal_id"`);
    }

}
