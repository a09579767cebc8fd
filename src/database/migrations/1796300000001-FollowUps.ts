import type { MigrationInterface, QueryRunner } from "typeorm";

/** Follow-ups and requests for assistance sent with acknowledgements, and the filer's own follow-ups. */

export class FollowUps1796300000001 implements MigrationInterface {
    name = 'FollowUps1796300000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "follow_ups" ("id" uuid NOT NULL, "incident_id" uuid NOT NULL, "origin" character varying(10) NOT NULL, "origin_key" uuid NOT NULL, "partner_id" uuid, "alert_id" uuid, "version" integer, "message_id" character varying(240) NOT NULL, "kind" character varying(20) NOT NULL, "text" text NOT NULL, "fields" jsonb, "urgency" character varying(10), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "answer" text, "answered_at" TIMESTAMP WITH TIME ZONE, "answered_by" character varying(200), CONSTRAINT "PK_d510aabdff2ec7fdc67a1092157" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_follow_ups_message" ON "follow_ups"  ("origin_key", "message_id") `);
        await queryRunner.query(`CREATE INDEX "ix_follow_ups_incident_keyset" ON "follow_ups"  ("incident_id", "created_at", "id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "public"."ix_follow_ups_incident_keyset"`);
        await queryRunner.query(`DROP INDEX "public"."ux_follow_ups_message"`);
        await queryRunner.query(`DROP TABLE "follow_ups"`);
    }

}
