import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `incident_classifications.incident_tlp`: the incident's TLP marking at the row's version, so the history withholds
 * rows of a RED version from viewers `mayView` refuses even after the marking was widened (list-classifications).
 * Rows stored before: the marking of the incident event of that version (outbox_messages keeps every one), else the
 * incident's marking when the row is of its current version; null (unknown) otherwise, which readers treat as RED.
 */
export class ClassificationVersionMarking1799600000001 implements MigrationInterface {
    name = 'ClassificationVersionMarking1799600000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incident_classifications" ADD "incident_tlp" character varying(12)`);
        await queryRunner.query(
            `UPDATE "incident_classifications" c SET "incident_tlp" = (
               SELECT o.payload #>> '{data,incident,tlp}' FROM "outbox_messages" o
                WHERE o.aggregate_id = c.incident_id AND (o.payload #>> '{data,incident,version}')::int = c.incident_version
                ORDER BY o.id DESC LIMIT 1)`,
        );
        await queryRunner.query(
            `UPDATE "incident_classifications" c SET "incident_tlp" = i.tlp FROM "incidents" i
              WHERE c.incident_tlp IS NULL AND i.id = c.incident_id AND i.version = c.incident_version`,
        );
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incident_classifications" DROP COLUMN "incident_tlp"`);
    }
}
