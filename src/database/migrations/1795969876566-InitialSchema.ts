import type { MigrationInterface, QueryRunner } from "typeorm";

/** Incidents, classifications, outbox, partners, subscriptions, deliveries and API keys. */

export class InitialSchema1795969876566 implements MigrationInterface {
    name = 'InitialSchema1795969876566'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_keys" ("id" uuid NOT NULL, "name" character varying(200) NOT NULL, "role" character varying(12) NOT NULL, "partner_id" uuid, "key_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_api_keys_key_hash" ON "api_keys"  ("key_hash") `);
        await queryRunner.query(`CREATE TABLE "delivery_attempts" ("id" BIGSERIAL NOT NULL, "alert_id" uuid NOT NULL, "attempted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status_code" integer, "latency_ms" integer NOT NULL, "outcome" character varying(12) NOT NULL, "error" character varying(500), CONSTRAINT "PK_41eba4eb5401d72860f7cd9a7ac" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_delivery_attempts_alert_id" ON "delivery_attempts"  ("alert_id") `);
        await queryRunner.query(`CREATE TABLE "deliveries" ("alert_id" uuid NOT NULL, "partner_id" uuid NOT NULL, "incident_id" uuid NOT NULL, "version" integer NOT NULL, "event" jsonb NOT NULL, "status" character varying(12) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, "lease_until" TIMESTAMP WITH TIME ZONE, "last_status_code" integer, "last_error" character varying(500), "delivered_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "acknowledgement_note" character varying(2000), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4123bd61df6aeeb5189cff3f938" PRIMARY KEY ("alert_id"))`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_due" ON "deliveries"  ("next_attempt_at") WHERE "status" = 'pending'`);
        await queryRunner.query(`CREATE INDEX "ix_deliveries_incident_id" ON "deliveries"  ("incident_id") `);
        await queryRunner.query(`CREATE TABLE "incident_classifications" ("incident_id" uuid NOT NULL, "classifier_version" character varying(40) NOT NULL, "mechanism" character varying(20) NOT NULL, "magnitude" character varying(20) NOT NULL, "source" character varying(20) NOT NULL, "result" jsonb NOT NULL, "classified_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ce2886a35b0c40da3e01b962655" PRIMARY KEY ("incident_id", "classifier_version"))`);
        await queryRunner.query(`CREATE INDEX "ix_incident_classifications_labels" ON "incident_classifications"  ("mechanism", "magnitude", "source") `);
        await queryRunner.query(`CREATE TABLE "incidents" ("id" uuid NOT NULL, "title" character varying(300) NOT NULL, "description" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "country" character(2) NOT NULL, "language" character varying(2) NOT NULL, "sector" character varying(40), "reporting_organisation" character varying(200) NOT NULL, "ai_system_name" character varying(200), "developer" character varying(200), "deployer" character varying(200), "harm_description" text, "source_urls" text array NOT NULL DEFAULT '{}', "tlp" character varying(12) NOT NULL, "origin_jurisdiction" character(2) NOT NULL, "filed_by_key_id" uuid NOT NULL, "idempotency_key" character varying(200), "request_hash" character(64) NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ccb34c01719889017e2246469f9" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "ux_incidents_filed_by_idempotency_key" ON "incidents"  ("filed_by_key_id", "idempotency_key") WHERE "idempotency_key" IS NOT NULL`);
        await queryRunner.query(`CREATE INDEX "ix_incidents_occurred_at" ON "incidents"  ("occurred_at") `);
        await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "event_type" character varying(100) NOT NULL, "aggregate_id" uuid NOT NULL, "topic" character varying(200) NOT NULL, "payload" jsonb NOT NULL, "correlation_id" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "published_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_outbox_messages_unpublished" ON "outbox_messages"  ("id") WHERE "published_at" IS NULL`);
        await queryRunner.query(`CREATE TABLE "partners" ("id" uuid NOT NULL, "slug" character varying(60) NOT NULL, "name" character varying(200) NOT NULL, "country" character(2) NOT NULL, "webhook_url" character varying(2000), "webhook_secret" character varying(200), "kafka_topic" character varying(249) NOT NULL, "status" character varying(12) NOT NULL DEFAULT 'active', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_ab4b5b2ac507ef7cdcbd512dbce" UNIQUE ("slug"), CONSTRAINT "PK_998645b20820e4ab99aeae03b41" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "subscriptions" ("id" uuid NOT NULL, "partner_id" uuid NOT NULL, "mechanisms" text array NOT NULL DEFAULT '{}', "magnitudes" text array NOT NULL DEFAULT '{}', "sources" text array NOT NULL DEFAULT '{}', "countries" text array NOT NULL DEFAULT '{}', "sectors" text array NOT NULL DEFAULT '{}', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a87248d73155605cf782be9ee5e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "ix_subscriptions_partner_id" ON "subscriptions"  ("partner_id") `);
        // Wakes the outbox relay at once (LISTEN outbox_messages); the relay also polls in case a NOTIFY is missed.
        await queryRunner.query(`CREATE FUNCTION "notify_outbox_message"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('outbox_messages', NEW.id::text); RETURN NULL; END $$`);
        await queryRunner.query(`CREATE TRIGGER "tr_outbox_messages_notify" AFTER INSERT ON "outbox_messages" FOR EACH ROW EXECUTE FUNCTION "notify_outbox_message"()`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TRIGGER "tr_outbox_messages_notify" ON "outbox_messages"`);
        await queryRunner.query(`DROP FUNCTION "notify_outbox_message"()`);
        await queryRunner.query(`DROP INDEX "public"."ix_subscriptions_partner_id"`);
        await queryRunner.query(`DROP TABLE "subscriptions"`);
        await queryRunner.query(`DROP TABLE "partners"`);
        await queryRunner.query(`DROP INDEX "public"."ix_outbox_messages_unpublished"`);
        await queryRunner.query(`DROP TABLE "outbox_messages"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incidents_occurred_at"`);
        await queryRunner.query(`DROP INDEX "public"."ux_incidents_filed_by_idempotency_key"`);
        await queryRunner.query(`DROP TABLE "incidents"`);
        await queryRunner.query(`DROP INDEX "public"."ix_incident_classifications_labels"`);
        await queryRunner.query(`DROP TABLE "incident_classifications"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_incident_id"`);
        await queryRunner.query(`DROP INDEX "public"."ix_deliveries_due"`);
        await queryRunner.query(`DROP TABLE "deliveries"`);
        await queryRunner.query(`DROP INDEX "public"."ix_delivery_attempts_alert_id"`);
        await queryRunner.query(`DROP TABLE "delivery_attempts"`);
        await queryRunner.query(`DROP INDEX "public"."ux_api_keys_key_hash"`);
        await queryRunner.query(`DROP TABLE "api_keys"`);
    }

}
