import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Review of classifications (issue 3): analysts' per-axis decisions (`classification_overrides`; reviewed labels are
 * stored as `review:<n>` rows of `incident_classifications`) and the filer's proposed labels on the incident.
 */

export class ClassificationReviews1795973641278 implements MigrationInterface {
    name = 'ClassificationReviews1795973641278'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "classification_overrides" ("id" uuid NOT NULL, "incident_id" uuid NOT NULL, "review_number" integer NOT NULL, "axis" character varying(20) NOT NULL, "from_label" character varying(20) NOT NULL, "to_label" character varying(20) NOT NULL, "machine_classifier_version" character varying(40) NOT NULL, "reason" character varying(2000) NOT NULL, "reviewed_by_key_id" uuid NOT NULL, "reviewed_by_name" character varying(200) NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_3fd2ec0d7fdaff2632c2a5bd63b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_classification_overrides_review_axis" ON "classification_overrides"  ("incident_id", "review_number", "axis") `);
        await queryRunner.query(`ALTER TABLE "incidents" ADD "proposed_labels" jsonb`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "proposed_labels"`);
        await queryRunner.query(`DROP INDEX "public"."ux_classification_overrides_review_axis"`);
        await queryRunner.query(`DROP TABLE "classification_overrides"`);
    }

}
