import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TAXII 2.1 collections (src/taxii): `taxii_collection_objects` lists, per partner, every alert version it was sent,
 * in commit order. A trigger on `deliveries` fills it: it takes a transaction-scoped advisory lock per partner, then
 * numbers the row (`seq`) and stamps `date_added` with clock time, so rows of one collection become visible in
 * `seq` order and a reader's cursor never skips a row committed later (TAXII 2.1 §3.4.1 `next`). The STIX id is
 * `incident--<uuidv5(incident id)>` in the namespace of src/taxii/stix/stix-ids.ts (change both together), computed
 * with the `uuid-ossp` extension (trusted since PostgreSQL 13). Existing deliveries are carried over, oldest first.
 */
export class TaxiiCollections1796600000000 implements MigrationInterface {
  name = 'TaxiiCollections1796600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS "uuid-ossp"`);
    await queryRunner.query(`CREATE TABLE "taxii_collection_objects" ("seq" BIGSERIAL NOT NULL, "partner_id" uuid NOT NULL, "alert_id" uuid NOT NULL, "incident_id" uuid NOT NULL, "stix_id" character varying(60) NOT NULL, "modified" TIMESTAMP WITH TIME ZONE NOT NULL, "date_added" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_f854a76920fa919bb20cc6f0769" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_taxii_collection_objects_alert_id" ON "taxii_collection_objects"  ("alert_id") `);
    await queryRunner.query(`CREATE INDEX "ix_taxii_collection_objects_partner_stix_id" ON "taxii_collection_objects"  ("partner_id", "stix_id") `);
    await queryRunner.query(`CREATE INDEX "ix_taxii_collection_objects_partner_seq" ON "taxii_collection_objects"  ("partner_id", "seq") `);
    await queryRunner.query(`CREATE FUNCTION "taxii_record_collection_object"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtextextended('taxii-collection:' || NEW.partner_id::text, 0));
        INSERT INTO taxii_collection_objects (partner_id, alert_id, incident_id, stix_id, modified, date_added)
        VALUES (
          NEW.partner_id, NEW.alert_id, NEW.incident_id,
          'incident--' || uuid_generate_v5('6f1b2e3a-7c4d-5e8f-9a0b-1c2d3e4f5a6b'::uuid, NEW.incident_id::text)::text,
          COALESCE((NEW.event #>> '{data,incident,updatedAt}')::timestamptz, NEW.created_at),
          clock_timestamp()
        )
        ON CONFLICT (alert_id) DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "trg_deliveries_taxii_collection" AFTER INSERT ON "deliveries"
      FOR EACH ROW EXECUTE FUNCTION "taxii_record_collection_object"()`);
    await queryRunner.query(`INSERT INTO taxii_collection_objects (partner_id, alert_id, incident_id, stix_id, modified, date_added)
      SELECT partner_id, alert_id, incident_id,
             'incident--' || uuid_generate_v5('6f1b2e3a-7c4d-5e8f-9a0b-1c2d3e4f5a6b'::uuid, incident_id::text)::text,
             COALESCE((event #>> '{data,incident,updatedAt}')::timestamptz, created_at), created_at
        FROM deliveries ORDER BY created_at, alert_id`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trg_deliveries_taxii_collection" ON "deliveries"`);
    await queryRunner.query(`DROP FUNCTION "taxii_record_collection_object"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_taxii_collection_objects_partner_seq"`);
    await queryRunner.query(`DROP INDEX "public"."ix_taxii_collection_objects_partner_stix_id"`);
    await queryRunner.query(`DROP INDEX "public"."ux_taxii_collection_objects_alert_id"`);
    await queryRunner.query(`DROP TABLE "taxii_collection_objects"`);
  }
}
