import type { MigrationInterface, QueryRunner } from "typeorm";

/** Ed25519 alert-signing keys (JWK set at /.well-known/jwks.json). */

export class AlertSigningKeys1795971832657 implements MigrationInterface {
    name = 'AlertSigningKeys1795971832657'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "signing_keys" ("kid" character varying(100) NOT NULL, "public_jwk" jsonb NOT NULL, "private_key_pem" text NOT NULL, "status" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "retired_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_13362ac3e792c69417e1a53d355" PRIMARY KEY ("kid"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_signing_keys_active" ON "signing_keys"  ("status") WHERE "status" = 'active'`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ux_signing_keys_active"`);
        await queryRunner.query(`DROP TABLE "signing_keys"`);
    }

}
