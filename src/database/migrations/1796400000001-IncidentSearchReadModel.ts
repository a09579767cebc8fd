import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Read model `incident_search` (src/read-models) for search, CSV export and trends: one denormalised row per incident
 * with its labels in force; pg_trgm GIN index for substring search in English and Chinese, tsvector GIN index for
 * English words, covering index for trends. Fills it from the existing incidents (the same SQL as `read-models:rebuild`).
 */
export class IncidentSearchReadModel1796400000001 implements MigrationInterface {
    name = 'IncidentSearchReadModel1796400000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
        await queryRunner.query(`CREATE TABLE "incident_search" ("incident_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "description" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "country" character(2) NOT NULL, "language" character varying(2) NOT NULL, "sector" character varying(40) NOT NULL, "tlp" character varying(12) NOT NULL, "status" character varying(12) NOT NULL, "version" integer NOT NULL, "reporting_organisation" character varying(200) NOT NULL, "filed_by_key_id" uuid NOT NULL, "mechanism" character varying(20) NOT NULL, "magnitude" character varying(20) NOT NULL, "source" character varying(20) NOT NULL, "harm_types" text array NOT NULL, "severity" character varying(20) NOT NULL, "urgency" character varying(20) NOT NULL, "lifecycle_stage" character varying(30) NOT NULL, "classifier_version" character varying(40) NOT NULL, "search_text" text NOT NULL, "search_vector" tsvector NOT NULL, "projected_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_d2f4aa7a087876e588d494b4ba7" PRIMARY KEY ("incident_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_occurred_at" ON "incident_search"  ("occurred_at", "incident_id") `);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_text_trgm" ON "incident_search" USING gin ("search_text" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_vector" ON "incident_search" USING gin ("search_vector")`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_trends" ON "incident_search" ("occurred_at") INCLUDE ("status", "tlp", "filed_by_key_id", "mechanism", "magnitude", "source", "sector", "country", "severity", "urgency", "lifecycle_stage", "harm_types")`);
        await queryRunner.query(`INSERT INTO incident_search (incident_id, title, description, occurred_at, filed_at, country, language, sector, tlp, status, version, reporting_organisation, filed_by_key_id, mechanism, magnitude, source, harm_types, severity, urgency, lifecycle_stage, classifier_version, search_text, search_vector, projected_at)
            SELECT i.id, i.title, i.description, i.occurred_at, i.filed_at, i.country, i.language, COALESCE(c.result->'sector'->>'label', i.sector, 'undetermined'), i.tlp, i.status, i.version, i.reporting_organisation, i.filed_by_key_id, c.mechanism, c.magnitude, c.source,
                   COALESCE(NULLIF(ARRAY(SELECT h->>'type' FROM jsonb_array_elements(COALESCE(c.result->'harmTypes', '[]'::jsonb)) h), '{}'), '{undetermined}'),
                   COALESCE(c.result->'severity'->>'label', 'undetermined'), COALESCE(c.result->'urgency'->>'label', 'undetermined'), COALESCE(c.result->'lifecycleStage'->>'paper', 'undetermined'),
                   c.classifier_version, lower(i.title || ' ' || i.description), to_tsvector('english', i.title || ' ' || i.description), now()
              FROM incidents i
              JOIN LATERAL (SELECT * FROM incident_classifications WHERE incident_id = i.id ORDER BY classified_at DESC LIMIT 1) c ON true`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_trends"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_vector"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_text_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_occurred_at"`);
        await queryRunner.query(`DROP TABLE "incident_search"`);
        // pg_trgm stays: other objects of this database may use it, and dropping an extension needs its owner.
    }

}
