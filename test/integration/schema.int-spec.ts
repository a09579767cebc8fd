import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options.js';
import { ensureDatabase } from '../../src/database/ensure-database.js';
import { databaseUrl } from '../support/test-environment.js';

/** The migrations are the schema: they match the entities exactly (no drift) and revert cleanly. */
/** Every table the migrations create (the TypeORM migrations table aside), in name order. */
const TABLES = [
  'acknowledgement_messages',
  'alert_recipients',
  'api_keys',
  'audit_log',
  'classification_overrides',
  'deliveries',
  'delivery_attempts',
  'follow_ups',
  'foreign_incidents',
  'incident_classifications',
  'incident_links',
  'incident_name_keys',
  'incident_search',
  'incidents',
  'outbox_messages',
  'partner_webhook_secrets',
  'partners',
  'peer_messages',
  'peers',
  'signing_keys',
  'subscriptions',
  'surge_signals',
  'taxii_collection_objects',
  'trend_count_deltas',
  'trend_counts',
];

describe('database migrations', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = databaseUrl(`${process.env.AISW_TEST_DATABASE}_schema`);
    await ensureDatabase(url);
    dataSource = new DataSource(dataSourceOptions(url));
    await dataSource.initialize();
  });

  afterAll(() => dataSource?.destroy());

  const tables = async (): Promise<string[]> =>
    (
      await dataSource.query<Array<{ tablename: string }>>(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY 1`,
      )
    ).map((row) => row.tablename);

  it('creates every table, and the entities need no further change (what migration:generate would find)', async () => {
    await dataSource.runMigrations();
    expect(await tables()).toEqual(TABLES);
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('reverts every migration to an empty schema and migrates up again', async () => {
    for (let step = 0; step < dataSource.migrations.length; step += 1) await dataSource.undoLastMigration();
    expect(await tables()).toEqual([]);
    await dataSource.runMigrations();
    expect(await tables()).toEqual(TABLES);
  });

  it('clears the stale suspension reason of partners resumed before resuming cleared it, and keeps a removed one', async () => {
    // Back to before ClearResumedPartnersStatusReason1799300000000 (the migrations after it undone too).
    const after = dataSource.migrations.length - dataSource.migrations.findIndex((migration) => migration.name === 'ClearResumedPartnersStatusReason1799300000000');
    for (let step = 0; step < after; step += 1) await dataSource.undoLastMigration();
    const partner = (slug: string, status: string, reason: string) =>
      dataSource.query(
        `INSERT INTO partners (id, slug, name, country, kafka_topic, status, status_reason) VALUES (gen_random_uuid(), $1, $1, 'GB', $1, $2, $3)`,
        [slug, status, reason],
      );
    await partner('resumed', 'active', 'endpoint migration');
    await partner('suspended', 'suspended', 'maintenance');
    await partner('removed', 'removed', 'agreement ended');
    await dataSource.runMigrations();
    const reasons = await dataSource.query<Array<{ slug: string; status_reason: string | null }>>(`SELECT slug, status_reason FROM partners ORDER BY slug`);
    expect(reasons).toEqual([
      { slug: 'removed', status_reason: 'agreement ended' },
      { slug: 'resumed', status_reason: null },
      { slug: 'suspended', status_reason: 'maintenance' },
    ]);
  });
});
