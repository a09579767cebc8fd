import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Filing fields the filer marked personal: redacted whole before an alert or the public feed leaves the jurisdiction. */
export class PersonalFields1797000000000 implements MigrationInterface {
  name = 'PersonalFields1797000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incidents" ADD "personal_fields" text array NOT NULL DEFAULT '{}'`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "personal_fields"`);
  }
}
