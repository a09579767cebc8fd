import type { MigrationInterface, QueryRunner } from "typeorm";

/** Correlation of incidents reporting the same event (src/correlation): links with score and reasons, and normalised party names. */

export class IncidentCorrelation1797200000000 implements MigrationInterface {
    name = 'IncidentCorrelation1797200000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "incident_links" ("incident_id" uuid NOT NULL, "related_incident_id" uuid NOT NULL, "score" double precision NOT NULL, "reasons" jsonb NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c87be19ad15b3e2f6b71b92b64c" PRIMARY KEY ("incident_id", "related_incident_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_incident_links_related" ON "incident_links"  ("related_incident_id") `);
        await queryRunner.query(`CREATE TABLE "incident_name_keys" ("incident_id" uuid NOT NULL, "role" character varying(12) NOT NULL, "key" character varying(200) NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a6562701690a26ebecea3965bbe" PRIMARY KEY ("incident_id", "role", "key"))`);
        await queryRunner.query(`CREATE INDEX "ix_incident_name_keys_key" ON "incident_name_keys"  ("key") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_incident_name_keys_key"`);
        await queryRunner.query(`DROP TABLE "incident_name_keys"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_links_related"`);
        await queryRunner.query(`DROP TABLE "incident_links"`);
    }

}
