import type { DataSource } from 'typeorm';
import type { DataKeyring } from './data-keyring.js';

/** Tables holding sealed secrets: primary key column, sealed column, and the context prefix bound into each value. */
const SEALED_COLUMNS = [
  { table: 'signing_keys', id: 'kid', column: 'private_key_sealed', context: 'signing_keys' },
  { table: 'partner_webhook_secrets', id: 'id', column: 'secret_sealed', context: 'partner_webhook_secrets' },
] as const;

/** Outcome of `reencryptSecrets`, per table: re-wrapped under the current key, or already under it. */
export interface ReencryptReport {
  currentKeyId: string;
  tables: Array<{ table: string; rewrapped: number; alreadyCurrent: number }>;
}

/**
 * Re-wraps every sealed secret whose data key is wrapped under an older key id, so that id can be dropped from
 * AISW_DATA_ENCRYPTION_KEYS (CLI `data-keys:reencrypt`). Each row is re-wrapped in its own statement under a row lock
 * (the value is not re-encrypted: envelope encryption only replaces the wrapped data key). Safe to run while the app
 * runs and to re-run. Errors: DataDecryptionError naming the first row whose key id is not configured or that fails
 * authentication; rows before it stay re-wrapped.
 */
export async function reencryptSecrets(dataSource: DataSource, keyring: DataKeyring): Promise<ReencryptReport> {
  const current = keyring.currentKeyId;
  const tables: ReencryptReport['tables'] = [];
  for (const { table, id, column, context } of SEALED_COLUMNS) {
    // split_part(v1.<key id>.…, '.', 2) is the key id the value is wrapped under.
    const stale = await dataSource.query<Array<{ id: string }>>(
      `SELECT "${id}" AS id FROM "${table}" WHERE "${column}" IS NOT NULL AND split_part("${column}", '.', 2) <> $1`,
      [current],
    );
    for (const row of stale) {
      await dataSource.transaction(async (manager) => {
        const [locked] = await manager.query<Array<{ sealed: string | null }>>(`SELECT "${column}" AS sealed FROM "${table}" WHERE "${id}" = $1 FOR UPDATE`, [row.id]);
        if (!locked?.sealed) return; // retired or removed meanwhile
        try {
          const rewrapped = keyring.rewrap(locked.sealed, `${context}:${row.id}`);
          await manager.query(`UPDATE "${table}" SET "${column}" = $2 WHERE "${id}" = $1`, [row.id, rewrapped]);
        } catch (error) {
          (error as Error).message = `${table} ${row.id}: ${(error as Error).message}`;
          throw error;
        }
      });
    }
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "${table}" WHERE "${column}" IS NOT NULL`);
    tables.push({ table, rewrapped: stale.length, alreadyCurrent: n - stale.length });
  }
  return { currentKeyId: current, tables };
}
