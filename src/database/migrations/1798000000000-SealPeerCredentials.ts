import type { MigrationInterface, QueryRunner } from 'typeorm';
import type { DataKeyring } from '../../data-encryption/data-keyring.js';
import { peerApiKeyContext, peerWebhookSecretContext } from '../../federation/peer.entity.js';
import { processKeyring } from './1797600000000-EncryptSecretsAtRest.js';

interface PeerCredentialsRow {
  id: string;
  secrets: string[];
  apiKey: string | null;
}

/**
 * Copies every `peers` row's credentials from the columns `from` to the columns `to` (created with the given SQL
 * types), converting each value with `convert(value, context)`, then drops `from`.
 */
async function replacePeerCredentials(
  queryRunner: QueryRunner,
  from: { secrets: string; apiKey: string },
  to: { secrets: string; apiKey: string; apiKeyType: string },
  convert: (value: string, context: string) => string,
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "peers" ADD "${to.secrets}" text array NOT NULL DEFAULT '{}'`);
  await queryRunner.query(`ALTER TABLE "peers" ADD "${to.apiKey}" ${to.apiKeyType}`);
  const rows = (await queryRunner.query(`SELECT "partner_id" AS id, "${from.secrets}" AS secrets, "${from.apiKey}" AS "apiKey" FROM "peers"`)) as PeerCredentialsRow[];
  for (const row of rows) {
    await queryRunner.query(`UPDATE "peers" SET "${to.secrets}" = $2, "${to.apiKey}" = $3 WHERE "partner_id" = $1`, [
      row.id,
      row.secrets.map((secret, n) => convert(secret, peerWebhookSecretContext(row.id, n))),
      row.apiKey === null ? null : convert(row.apiKey, peerApiKeyContext(row.id)),
    ]);
  }
  await queryRunner.query(`ALTER TABLE "peers" DROP COLUMN "${from.secrets}"`);
  await queryRunner.query(`ALTER TABLE "peers" DROP COLUMN "${from.apiKey}"`);
}

const PLAIN = { secrets: 'inbound_webhook_secrets', apiKey: 'peer_api_key', apiKeyType: 'character varying(200)' };
const SEALED = { secrets: 'inbound_webhook_secrets_sealed', apiKey: 'peer_api_key_sealed', apiKeyType: 'text' };

/**
 * Secrets at rest for federation: what a peer issued to this window (its inbound webhook secrets, its API key) moves
 * from plain-text columns to sealed ones (`inbound_webhook_secrets_sealed` text[], `peer_api_key_sealed` text;
 * DataKeyring envelope encryption under the current key of AISW_DATA_ENCRYPTION_KEYS from the process environment,
 * contexts `peers:<partner id>:inbound_webhook_secret:<n>` / `peers:<partner id>:peer_api_key`). Existing rows are
 * sealed in this migration's transaction. `down` opens them back into plain text.
 */
export class SealPeerCredentials1798000000000 implements MigrationInterface {
  name = 'SealPeerCredentials1798000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const keyring: DataKeyring = processKeyring();
    await replacePeerCredentials(queryRunner, PLAIN, SEALED, (value, context) => keyring.seal(value, context));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const keyring: DataKeyring = processKeyring();
    await replacePeerCredentials(queryRunner, SEALED, PLAIN, (value, context) => keyring.open(value, context));
  }
}
