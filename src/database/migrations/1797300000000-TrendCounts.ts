import type { MigrationInterface, QueryRunner } from 'typeorm';
import { fillTrendCounts } from '../../read-models/trend-counts.js';

/** Columns of `incident_search` a delta copies: what trends count, group and filter on. */
const COUNTED_COLUMNS = ['occurred_at', 'mechanism', 'magnitude', 'source', 'harm_types', 'sector', 'country', 'severity', 'urgency', 'lifecycle_stage', 'tlp'];
const rowOf = (record: 'OLD' | 'NEW') => COUNTED_COLUMNS.map((column) => `${record}.${column}`).join(', ');

/**
 * Read model `trend_counts` of GET /trends and the surge detector (src/read-models/trend-counts.ts): pre-aggregated
 * counts per day, ISO week and month for the total, each dimension value and each pair of values, over the incidents
 * every analyst may see (active, not TLP:RED). A row trigger on `incident_search` appends each change's old (-1) and
 * new (+1) contribution to `trend_count_deltas` in the writer's transaction (a TRUNCATE of incident_search empties
 * both); the app folds the deltas in. A partial index finds a principal's own TLP:RED incidents, which only their
 * filer counts. Fills the counts from the existing incidents (the code of `read-models:rebuild`).
 */
export class TrendCounts1797300000000 implements MigrationInterface {
  name = 'TrendCounts1797300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "trend_counts" ("grain" character(1) NOT NULL, "dims" smallint NOT NULL, "bucket" date NOT NULL, "a" text NOT NULL, "b" text NOT NULL, "n" integer NOT NULL,
         CONSTRAINT "pk_trend_counts" PRIMARY KEY ("grain", "dims", "bucket", "a", "b") INCLUDE ("n"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "trend_count_deltas" ("id" bigserial NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "sign" smallint NOT NULL,
         "mechanism" character varying(20) NOT NULL, "magnitude" character varying(20) NOT NULL, "source" character varying(20) NOT NULL,
         "harm_types" text array NOT NULL, "sector" character varying(40) NOT NULL, "country" character(2) NOT NULL,
         "severity" character varying(20) NOT NULL, "urgency" character varying(20) NOT NULL, "lifecycle_stage" character varying(30) NOT NULL,
         "tlp" character varying(12) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
         CONSTRAINT "pk_trend_count_deltas" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_trend_count_deltas_occurred_at" ON "trend_count_deltas" ("occurred_at")`);
    await queryRunner.query(`CREATE INDEX "ix_incident_search_red_filer" ON "incident_search" ("filed_by_key_id", "occurred_at") WHERE tlp = 'RED'`);
    const columns = `occurred_at, sign, ${COUNTED_COLUMNS.slice(1).join(', ')}`;
    await queryRunner.query(`CREATE FUNCTION "trend_count_deltas_capture"() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_counted boolean := false;
        new_counted boolean := false;
      BEGIN
        IF TG_OP <> 'INSERT' THEN old_counted := OLD.status = 'active' AND OLD.tlp <> 'RED'; END IF;
        IF TG_OP <> 'DELETE' THEN new_counted := NEW.status = 'active' AND NEW.tlp <> 'RED'; END IF;
        IF old_counted AND new_counted THEN
          IF ROW(${rowOf('OLD')}) IS NOT DISTINCT FROM ROW(${rowOf('NEW')}) THEN RETURN NULL; END IF;
        END IF;
        IF old_counted THEN
          INSERT INTO trend_count_deltas (${columns}) VALUES (OLD.occurred_at, -1, ${rowOf('OLD').split(', ').slice(1).join(', ')});
        END IF;
        IF new_counted THEN
          INSERT INTO trend_count_deltas (${columns}) VALUES (NEW.occurred_at, 1, ${rowOf('NEW').split(', ').slice(1).join(', ')});
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "trend_count_deltas_capture" AFTER INSERT OR UPDATE OR DELETE ON "incident_search" FOR EACH ROW EXECUTE FUNCTION "trend_count_deltas_capture"()`,
    );
    await queryRunner.query(`CREATE FUNCTION "trend_counts_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE trend_counts, trend_count_deltas;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`CREATE TRIGGER "trend_counts_truncate" AFTER TRUNCATE ON "incident_search" FOR EACH STATEMENT EXECUTE FUNCTION "trend_counts_truncate"()`);
    await fillTrendCounts((sql, params) => queryRunner.query(sql, params) as Promise<unknown>);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "trend_counts_truncate" ON "incident_search"`);
    await queryRunner.query(`DROP FUNCTION "trend_counts_truncate"()`);
    await queryRunner.query(`DROP TRIGGER "trend_count_deltas_capture" ON "incident_search"`);
    await queryRunner.query(`DROP FUNCTION "trend_count_deltas_capture"()`);
    await queryRunner.query(`DROP INDEX "public"."ix_incident_search_red_filer"`);
    await queryRunner.query(`DROP TABLE "trend_count_deltas"`);
    await queryRunner.query(`DROP TABLE "trend_counts"`);
  }
}
