import type { DataSource } from 'typeorm';
import type { DataKeyring } from './data-keyring.js';

/**
 * Columns holding sealed secrets: table, primary key column, sealed column (`array`: a text[] of sealed values), and
 * the context bound into each value of row `id` (array element `n`), as the code that seals them writes it.
 */
const SEALED_COLUMNS: ReadonlyArray<{ table: string; id: string; column: string; array?: true; context: (id: string, n: number) => string }> = [
  { table: 'signing_keys', id: 'kid', column: 'private_key_sealed', context: (kid) => `signing_keys:${kid}` },
  { table: 'partner_webhook_secrets', id: 'id', column: 'secret_sealed', context: (id) => `partner_webhook_secrets:${id}` },
  { table: 'peers', id: 'partner_id', column: 'inbound_webhook_secrets_sealed', array: true, context: (id, n) => `peers:${id}:inbound_webhook_secret:${n}` },
  { table: 'peers', id: 'partner_id', column: 'peer_api_key_sealed', context: (id) => `peers:${id}:peer_api_key` },
];

/** Outcome of `reencryptSecrets`, per table: re-wrapped under the current key, or already under it. */
export interface ReencryptReport {
  currentKeyId: string;
  /** Per sealed column (`table` is `<table>` or, for tables with several, `<table>.<column>`); array columns count rows. */
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
  for (const { table, id, column, array, context } of SEALED_COLUMNS) {
    const label = SEALED_COLUMNS.filter((entry) => entry.table === table).length > 1 ? `${table}.${column}` : table;
    // split_part(v1.<key id>.…, '.', 2) is the key id the value is wrapped under.
    const stale = await dataSource.query<Array<{ id: string }>>(
      array
        ? `SELECT "${id}" AS id FROM "${table}" WHERE EXISTS (SELECT 1 FROM unnest("${column}") AS v WHERE split_part(v, '.', 2) <> $1)`
        : `SELECT "${id}" AS id FROM "${table}" WHERE "${column}" IS NOT NULL AND split_part("${column}", '.', 2) <> $1`,
      [current],
    );
    for (const row of stale) {
      await dataSource.transaction(async (manager) => {
        const [locked] = await manager.query<Array<{ sealed: string | string[] | null }>>(`SELECT "${column}" AS sealed FROM "${table}" WHERE "${id}" = $1 FOR UPDATE`, [row.id]);
        if (!locked?.sealed) return; // retired or removed meanwhile
        try {
          const rewrapped = Array.isArray(locked.sealed)
            ? locked.sealed.map((value, n) => keyring.rewrap(value, context(row.id, n)))
            : keyring.rewrap(locked.sealed, context(row.id, 0));
          await manager.query(`UPDATE "${table}" SET "${column}" = $2 WHERE "${id}" = $1`, [row.id, rewrapped]);
        } catch (error) {
          (error as Error).message = `${label} ${row.id}: ${(error as Error).message}`;
          throw error;
        }
      });
    }
    const [{ n }] = await dataSource.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM "${table}" WHERE ${array ? `cardinality("${column}") > 0` : `"${column}" IS NOT NULL`}`,
    );
    tables.push({ table: label, rewrapped: stale.length, alreadyCurrent: n - stale.length });
  }
  return { currentKeyId: current, tables };
}
