import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * `acknowledgement_messages`: each `Idempotency-Key` a partner used on `POST /alerts/{id}/ack` with the hash of its
 * request, so the key reused with another body is refused (422) instead of half-applied (AcknowledgementMessageEntity).
 */
export class AcknowledgementMessages1799810000001 implements MigrationInterface {
    name = 'AcknowledgementMessages1799810000001'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "acknowledgement_messages" ("partner_id" uuid NOT NULL, "message_id" character varying(240) NOT NULL, "alert_id" uuid NOT NULL, "request_hash" character(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_acknowledgement_messages" PRIMARY KEY ("partner_id", "message_id"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "acknowledgement_messages"`);
    }
}
