import type { MigrationInterface, QueryRunner } from "typeorm";

/** Partners named by the filer as recipients (TLP:RED goes only to them). */

export class NamedRecipients1795974416448 implements MigrationInterface {
    name = 'NamedRecipients1795974416448'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incidents" ADD "recipients" text array NOT NULL DEFAULT '{}'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "recipients"`);
    }

}
