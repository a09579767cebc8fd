import type { MigrationInterface, QueryRunner } from "typeorm";

/** Federation between single windows (src/federation, docs/federation.md): peers, foreign incidents, messages owed to peers, and the onward-sharing rule of each incident. */

export class Federation1797100000000 implements MigrationInterface {
    name = 'Federation1797100000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "foreign_incidents" ("incident_id" uuid NOT NULL, "peer_id" uuid NOT NULL, "origin_jurisdiction" character(2) NOT NULL, "origin_incident_id" uuid NOT NULL, "origin_alert_id" uuid NOT NULL, "origin_version" integer NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e8d268f90b2a8197e111cfec3b5" PRIMARY KEY ("incident_id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_foreign_incidents_origin" ON "foreign_incidents"  ("peer_id", "origin_incident_id") `);
        await queryRunner.query(`CREATE TABLE "peer_messages" ("id" uuid NOT NULL, "peer_id" uuid NOT NULL, "incident_id" uuid NOT NULL, "alert_id" uuid NOT NULL, "kind" character varying(20) NOT NULL, "body" jsonb NOT NULL, "status" character varying(10) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "last_error" character varying(500), "sent_at" TIMESTAMP WITH TIME ZONE, "raised_by_key_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6649ea7a741d108fabcf80517a8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_peer_messages_alert_kind" ON "peer_messages"  ("peer_id", "alert_id", "kind") WHERE "kind" = 'acknowledgement'`);
        await queryRunner.query(`CREATE INDEX "ix_peer_messages_due" ON "peer_messages"  ("status", "next_attempt_at") `);
        await queryRunner.query(`CREATE TABLE "peers" ("partner_id" uuid NOT NULL, "base_url" character varying(2000) NOT NULL, "jwks_url" character varying(2000), "jwks" jsonb NOT NULL, "jwks_fetched_at" TIMESTAMP WITH TIME ZONE, "inbound_webhook_secrets" text array NOT NULL DEFAULT '{}', "peer_api_key" character varying(200), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b3bd2ade12b3551ba28b926484b" PRIMARY KEY ("partner_id"))`);
        await queryRunner.query(`ALTER TABLE "incidents" ADD "onward_sharing" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "incidents" DROP COLUMN "onward_sharing"`);
        await queryRunner.query(`DROP TABLE "peers"`);
        await queryRunner.query(`DROP INDEX "public"."ix_peer_messages_due"`);
        await queryRunner.query(`DROP INDEX "public"."ux_peer_messages_alert_kind"`);
        await queryRunner.query(`DROP TABLE "peer_messages"`);
        await queryRunner.query(`DROP INDEX "public"."ux_foreign_incidents_origin"`);
        await queryRunner.query(`DROP TABLE "foreign_incidents"`);
    }

}
