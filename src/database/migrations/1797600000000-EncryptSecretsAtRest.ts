import type { MigrationInterface, QueryRunner } from 'typeorm';
import { validateEnvironment } from '../../config/environment.js';
import { DataKeyring } from '../../data-encryption/data-keyring.js';

/** The keyring of this process (AISW_DATA_ENCRYPTION_KEYS / _FILE in the environment, as the app and CLI read them). */
export const processKeyring = (): DataKeyring => DataKeyring.load(validateEnvironment({ ...process.env }));

/**
 * Replaces column `from` of `table` by column `to` (SQL type `type`), writing `convert(value, row id)` for every
 * non-null value, then drops `from`. Ends NOT NULL when `notNull`.
 */
async function replaceColumn(
  queryRunner: QueryRunner,
  { table, id, from, to, type, notNull }: { table: string; id: string; from: string; to: string; type: string; notNull: boolean },
  convert: (value: string, rowId: string) => string,
): Promise<void> {
  await queryRunner.query(`ALTER TABLE "${table}" ADD "${to}" ${type}`);
  const rows = (await queryRunner.query(`SELECT "${id}" AS id, "${from}" AS value FROM "${table}" WHERE "${from}" IS NOT NULL`)) as Array<{ id: string; value: string }>;
  for (const row of rows) {
    await queryRunner.query(`UPDATE "${table}" SET "${to}" = $2 WHERE "${id}" = $1`, [row.id, convert(row.value, row.id)]);
  }
  if (notNull) await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "${to}" SET NOT NULL`);
  await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "${from}"`);
}

/**
 * Secrets at rest: alert-signing private keys and partner webhook secrets move from plain-text columns
 * (`private_key_pem`, `secret`) to sealed ones (`private_key_sealed`, `secret_sealed`; DataKeyring envelope encryption
 * under the current key of AISW_DATA_ENCRYPTION_KEYS, read from the process environment). Existing rows are sealed in
 * this migration's transaction, then the plain-text columns are dropped. `down` opens them back into plain text.
 */
export class EncryptSecretsAtRest1797600000000 implements MigrationInterface {
  name = 'EncryptSecretsAtRest1797600000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const keyring = processKeyring();
    await replaceColumn(queryRunner, { table: 'signing_keys', id: 'kid', from: 'private_key_pem', to: 'private_key_sealed', type: 'text', notNull: true },
      (pem, kid) => keyring.seal(pem, `signing_keys:${kid}`));
    await replaceColumn(queryRunner, { table: 'partner_webhook_secrets', id: 'id', from: 'secret', to: 'secret_sealed', type: 'text', notNull: false },
      (secret, id) => keyring.seal(secret, `partner_webhook_secrets:${id}`));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const keyring = processKeyring();
    await replaceColumn(queryRunner, { table: 'partner_webhook_secrets', id: 'id', from: 'secret_sealed', to: 'secret', type: 'character varying(200)', notNull: false },
      (sealed, id) => keyring.open(sealed, `partner_webhook_secrets:${id}`));
    await replaceColumn(queryRunner, { table: 'signing_keys', id: 'kid', from: 'private_key_sealed', to: 'private_key_pem', type: 'text', notNull: true },
      (sealed, kid) => keyring.open(sealed, `signing_keys:${kid}`));
  }
}
