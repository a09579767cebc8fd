import type { MigrationInterface, QueryRunner } from "typeorm";

/** Signal store: surges detected by the SurgeSignalRecorder (src/signals/surge-signal.entity.ts). */

export class SurgeSignals1796700000000 implements MigrationInterface {
    name = 'SurgeSignals1796700000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "surge_signals" ("id" uuid NOT NULL, "dimension" character varying(20) NOT NULL, "value" character varying(40) NOT NULL, "week_start" TIMESTAMP WITH TIME ZONE NOT NULL, "method" character varying(100) NOT NULL, "count" integer NOT NULL, "expected" double precision NOT NULL, "sd" double precision NOT NULL, "statistic" double precision NOT NULL, "threshold" double precision NOT NULL, "first_detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_detected_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3b91aefc534e420dc037b60df37" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_surge_signals_week_start" ON "surge_signals"  ("week_start") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_surge_signals_category_week" ON "surge_signals"  ("dimension", "value", "week_start", "method") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ux_surge_signals_category_week"`);
        await queryRunner.query(`DROP INDEX "public"."ix_surge_signals_week_start"`);
        await queryRunner.query(`DROP TABLE "surge_signals"`);
    }

}
