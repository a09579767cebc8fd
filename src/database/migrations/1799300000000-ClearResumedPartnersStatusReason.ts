import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Data only: resuming a partner now clears its suspension reason (resume-partner.handler.ts), so GET /partners shows
 * no stale reason; this clears the reasons that partners resumed before that change still carry (`status` active).
 * Removed partners keep theirs. `down` changes nothing: the cleared reasons cannot be told apart afterwards, and the
 * schema is the same either way.
 */
export class ClearResumedPartnersStatusReason1799300000000 implements MigrationInterface {
    name = 'ClearResumedPartnersStatusReason1799300000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`UPDATE "partners" SET "status_reason" = NULL WHERE "status" = 'active' AND "status_reason" IS NOT NULL`);
    }

    public async down(): Promise<void> {
        // Nothing to undo in the schema; see above.
    }
}
