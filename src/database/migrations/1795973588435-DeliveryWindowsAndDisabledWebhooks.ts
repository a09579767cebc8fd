import type { MigrationInterface, QueryRunner } from "typeorm";

/** Retry windows that an admin redelivery restarts; webhooks disabled after 410 Gone. */

export class DeliveryWindowsAndDisabledWebhooks1795973588435 implements MigrationInterface {
    name = 'DeliveryWindowsAndDisabledWebhooks1795973588435'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "deliveries" ADD "window_started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`);
        await queryRunner.query(`ALTER TABLE "partners" ADD "webhook_disabled_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "partners" DROP COLUMN "webhook_disabled_at"`);
        await queryRunner.query(`ALTER TABLE "deliveries" DROP COLUMN "window_started_at"`);
    }

}
