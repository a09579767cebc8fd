import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Puts the UTC month of `occurred_at` and the filter dimensions in front of the three text indexes of `incident_search`
 * (multi-column GIN with btree_gin), so a date-sorted search with words reads the matches of one month at a time from
 * the indexes (list-incidents.handler.ts walks the months newest first) and its filters are tested inside the index,
 * not on the heap. A GIN scan intersects the month's and the filters' posting lists with the words' ones, skipping
 * through the long lists (GIN "fast scan"), so the cost follows the month's rows, not the words' frequency over the
 * whole store. Queries without a month condition use the same indexes as before (a multi-column GIN index serves a
 * condition on any of its columns), so the single-column ones are replaced, not kept beside: a write adds the month's
 * and the dimensions' entries (11 small ones per index) to the text entries it adds anyway.
 * `aisw_utc_month(t)` = year × 100 + month of t in UTC (202608 for August 2026): IMMUTABLE, the time zone is fixed.
 * Rebuilding the three indexes on 1,000,000 incidents took 7–8 minutes on the benchmark machine at load ≈ 8
 * (docs/benchmarks.md); writes to `incident_search` wait meanwhile. btree_gin is a trusted contrib extension (like
 * pg_trgm): the database owner may create it.
 */
export class SearchIndexesByMonth1798900000000 implements MigrationInterface {
    name = 'SearchIndexesByMonth1798900000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
        await queryRunner.query(`CREATE FUNCTION "aisw_utc_month"(t timestamptz) RETURNS integer LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT (date_part('year', t AT TIME ZONE 'UTC') * 100 + date_part('month', t AT TIME ZONE 'UTC'))::integer
        $$`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_text_trgm"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_vector"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_cjk_bigrams"`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_month_text_trgm" ON "incident_search" USING gin ("aisw_utc_month"("occurred_at"), "mechanism", "magnitude", "source", "sector", "country", "severity", "urgency", "lifecycle_stage", "tlp", "harm_types", "search_text" gin_trgm_ops)`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_month_vector" ON "incident_search" USING gin ("aisw_utc_month"("occurred_at"), "mechanism", "magnitude", "source", "sector", "country", "severity", "urgency", "lifecycle_stage", "tlp", "harm_types", "search_vector")`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_month_cjk_bigrams" ON "incident_search" USING gin ("aisw_utc_month"("occurred_at"), "mechanism", "magnitude", "source", "sector", "country", "severity", "urgency", "lifecycle_stage", "tlp", "harm_types", "aisw_cjk_bigrams"("search_text"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_month_cjk_bigrams"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_month_vector"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_month_text_trgm"`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_cjk_bigrams" ON "incident_search" USING gin ("aisw_cjk_bigrams"("search_text"))`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_vector" ON "incident_search" USING gin ("search_vector")`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_text_trgm" ON "incident_search" USING gin ("search_text" gin_trgm_ops)`);
        await queryRunner.query(`DROP FUNCTION "aisw_utc_month"(timestamptz)`);
    }

}
