import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only, hash-chained audit log (issue 6; src/audit). A trigger refuses UPDATE, DELETE and TRUNCATE on
 * `audit_log` for every role, the table owner included; only a superuser can disable it (ALTER TABLE ... DISABLE
 * TRIGGER), and `audit:verify` then finds the altered entry. In production the app should also connect as a role that
 * does not own the table and holds only SELECT and INSERT on it (README, "Audit log").
 */
export class AuditLog1796100000002 implements MigrationInterface {
  name = 'AuditLog1796100000002';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("seq" bigint NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "actor_key_id" uuid, "actor_role" character varying(20), "action" character varying(200) NOT NULL, "resource_type" character varying(40) NOT NULL, "resource_id" character varying(200), "outcome_status" integer NOT NULL, "correlation_id" character varying(100), "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, CONSTRAINT "PK_ce5b9b7d945cab0a6c604bafd9e" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "ux_audit_log_hash" ON "audit_log"  ("hash") `);
    await queryRunner.query(
      `CREATE FUNCTION "audit_log_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_append_only" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_append_only"()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."ux_audit_log_hash"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_append_only"()`);
  }
}
