import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * CJK character bigrams of `incident_search.search_text` with a GIN index, so a search for a two-character Chinese
 * word (which has no trigram for pg_trgm) finds its candidate rows from an index (incident-search.sql.ts). The
 * function's character ranges match CJK_BIGRAM in incident-search.sql.ts. Building the index on 1,000,000 incidents
 * took 30 s on the benchmark machine (docs/benchmarks.md); it blocks writes to `incident_search` meanwhile.
 */
export class CjkBigramSearchIndex1797400000001 implements MigrationInterface {
    name = 'CjkBigramSearchIndex1797400000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        // Distinct pairs of neighbouring characters inside runs of kana, Han (incl. extension A and compatibility
        // ideographs) and Hangul syllables. IMMUTABLE: the result depends on the text only (an index expression).
        await queryRunner.query(`CREATE FUNCTION "aisw_cjk_bigrams"(t text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
          SELECT COALESCE(array_agg(DISTINCT substr(r[1], i, 2)), '{}')
            FROM regexp_matches(t, '[\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff]{2,}', 'g') AS r,
                 generate_series(1, length(r[1]) - 1) AS i
        $$`);
        await queryRunner.query(`CREATE INDEX "ix_incident_search_cjk_bigrams" ON "incident_search" USING gin ("aisw_cjk_bigrams"("search_text"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_incident_search_cjk_bigrams"`);
        await queryRunner.query(`DROP FUNCTION "aisw_cjk_bigrams"(text)`);
    }

}
