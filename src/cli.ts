import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CLASSIFIER_VERSION } from '@app/taxonomy';
import { ApiKeyEntity, ROLES, type Role } from './auth/api-key.entity.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { AuditLog } from './audit/audit-log.service.js';
import { verifyAuditChain } from './audit/verify-audit-chain.js';
import { backfillClassifications } from './classification/backfill/backfill-classifications.js';
import { validateEnvironment, type Environment } from './config/environment.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { DataEncryptionModule } from './data-encryption/data-encryption.module.js';
import { DataKeyring } from './data-encryption/data-keyring.js';
import { reencryptSecrets } from './data-encryption/reencrypt-secrets.js';
import { ensureDatabase } from './database/ensure-database.js';
import { rebuildIncidentSearch } from './read-models/incident-search.projection.js';
import { rebuildTrendCounts } from './read-models/trend-counts.js';
import { CqrsModule } from '@nestjs/cqrs';
import { FileIncidentHandler } from './incidents/commands/file-incident/file-incident.handler.js';
import { ImportIncidentsHandler } from './incidents/commands/import-incidents/import-incidents.handler.js';
import { importIncidentsFile } from './incidents/commands/import-incidents/import-incidents.cli.js';

const USAGE = `Usage: node dist/src/cli.js api-keys:issue --role <regulator|analyst|admin> --name <text>
       node dist/src/cli.js classification:backfill [--batch 500]
       node dist/src/cli.js read-models:rebuild [--batch 1000] [--model incident_search|trend_counts]
       node dist/src/cli.js audit:verify
       node dist/src/cli.js data-keys:reencrypt
       node dist/src/cli.js incidents:import <file> [--format aiid-csv|aiid-json|oecd-json] [--country XX]
                            [--reporting-organisation <text>] [--tlp CLEAR|GREEN|AMBER|AMBER+STRICT|RED]
api-keys:issue issues an API key and prints {"id","key","role"} as JSON; the key is shown only this once.
classification:backfill re-classifies stored incidents whose newest result is from an older classifier version, in
batches of --batch (1..10000), printing progress; rerun it to resume after an interruption.
read-models:rebuild re-projects every incident into the incident_search read model (search, CSV export, trends) in
batches of --batch (1..10000), then recounts the trend_counts read model (GET /trends, surges) from it in one
transaction, one key (total, dimension or pair of dimensions) at a time, printing progress; --model rebuilds only
the one named. Safe while the app runs.
audit:verify walks the audit log's hash chain and prints "N entries verified" and the head hash (exit 0), or the
first broken link's seq and why (exit 1). api-keys:issue, classification:backfill and incidents:import are recorded in
the audit log.
data-keys:reencrypt re-wraps every secret stored in PostgreSQL (alert-signing private keys, partner webhook secrets,
peers' inbound webhook secrets and API keys) under the first key of AISW_DATA_ENCRYPTION_KEYS, printing counts per
table as JSON; after it, older key ids may be
dropped from the list. Exit 1 naming the row when a secret does not open (key id not configured, tampered).
incidents:import files AI Incident Database CSV/JSON or OECD-style records (format from --format, else .csv/.json),
each row on its own, through the path of POST /incidents:batch; prints one line per row (accepted, duplicate or
rejected with the bad fields) and a JSON summary; exit code 1 when any row was rejected. --country fills records
that name none (AIID never does). Re-running it with the same file files nothing twice. Give it the app's
KAFKA_TOPIC_PREFIX, JURISDICTION and DEFAULT_TLP: its outbox rows name the topic the app's relay publishes to.
All create the database and run migrations first if needed (DATABASE_URL).`;

// ConfigModule.forRoot below validates while the module is declared, where a throw would end in a stack trace: refuse
// bad configuration (e.g. production without AISW_DATA_ENCRYPTION_KEYS) first, with the same message and exit 1.
try {
  validateEnvironment({ ...process.env });
} catch (error) {
  console.error(`cli failed: ${(error as Error).message}`);
  process.exit(1);
}

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, validate: validateEnvironment, ignoreEnvFile: true }),
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>) => ({
        ...dataSourceOptions(config.get('DATABASE_URL', { infer: true })),
        migrationsRun: true,
      }),
    }),
    TypeOrmModule.forFeature([ApiKeyEntity]),
    DataEncryptionModule,
  ],
  providers: [ApiKeysService, AuditLog],
})
class CliModule {}

/** Audit entry of a state change made from the command line (no API key: actor role `operator`). */
const cliAuditRecord = (command: string, resourceType: string, resourceId: string | null) => ({
  action: `CLI ${command}`,
  resourceType,
  resourceId,
  outcomeStatus: 200,
  actorKeyId: null,
  actorRole: 'operator',
  correlationId: null,
});

/** Creates the database if missing, runs `work` in an application context of `module`, and closes it. */
async function withCliContext(module: Type, work: (context: INestApplicationContext) => Promise<number>): Promise<number> {
  await ensureDatabase(validateEnvironment({ ...process.env }).DATABASE_URL);
  const context = await NestFactory.createApplicationContext(module, { logger: ['error'] });
  try {
    return await work(context);
  } finally {
    await context.close();
  }
}

/** `--batch` as an integer in 1..10000 (`fallback` when absent), or null after printing the usage error. */
function batchSizeOf(option: string | undefined, fallback: number): number | null {
  const batchSize = option === undefined ? fallback : Number(option);
  if (Number.isInteger(batchSize) && batchSize >= 1 && batchSize <= 10_000) return batchSize;
  console.error(`--batch must be an integer in 1..10000\n\n${USAGE}`);
  return null;
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      batch: { type: 'string' },
      model: { type: 'string' },
      help: { type: 'boolean' },
      format: { type: 'string' },
      country: { type: 'string' },
      'reporting-organisation': { type: 'string' },
      tlp: { type: 'string' },
    },
  });
  if (!values.help && positionals[0] === 'incidents:import') return importIncidents(positionals[1], values);
  if (!values.help && positionals[0] === 'classification:backfill') return backfill(values.batch);
  if (!values.help && positionals[0] === 'read-models:rebuild') return rebuildReadModels(values.batch, values.model);
  if (!values.help && positionals[0] === 'audit:verify') return verifyAudit();
  if (!values.help && positionals[0] === 'data-keys:reencrypt') return reencrypt();
  if (values.help || positionals[0] !== 'api-keys:issue') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role) || role === 'partner' || !values.name || values.name.length > 200) {
    console.error(`--role must be regulator, analyst or admin (partner keys come with onboarding); --name 1..200 chars\n\n${USAGE}`);
    return 2;
  }
  const name = values.name;
  return withCliContext(CliModule, async (context) => {
    const issued = await context.get(ApiKeysService).issue({ role, name });
    await context.get(AuditLog).record(cliAuditRecord('api-keys:issue', 'api-keys', issued.id));
    console.log(JSON.stringify({ ...issued, role }));
    return 0;
  });
}

async function backfill(batchOption: string | undefined): Promise<number> {
  const batchSize = batchSizeOf(batchOption, 500);
  if (batchSize === null) return 2;
  return withCliContext(CliModule, async (context) => {
    console.log(`classification:backfill to classifier ${CLASSIFIER_VERSION}, batches of ${batchSize}`);
    const result = await backfillClassifications(context.get<DataSource>(getDataSourceToken()), {
      batchSize,
      onProgress: ({ done, total, ratePerSecond }) => console.log(`${done}/${total}, ${ratePerSecond.toFixed(1)} per second`),
    });
    await context.get(AuditLog).record(cliAuditRecord('classification:backfill', 'incidents', null));
    console.log(`done: ${result.done} re-classified, ${result.skipped} skipped (newer classifier), of ${result.total}`);
    return 0;
  });
}

const READ_MODELS = ['incident_search', 'trend_counts'] as const;

async function rebuildReadModels(batchOption: string | undefined, model: string | undefined): Promise<number> {
  const batchSize = batchSizeOf(batchOption, 1000);
  if (batchSize === null) return 2;
  if (model !== undefined && !(READ_MODELS as readonly string[]).includes(model)) {
    console.error(`--model must be one of ${READ_MODELS.join(', ')}\n\n${USAGE}`);
    return 2;
  }
  return withCliContext(CliModule, async (context) => {
    const dataSource = context.get<DataSource>(getDataSourceToken());
    if (model !== 'trend_counts') {
      console.log(`read-models:rebuild incident_search, batches of ${batchSize}`);
      const result = await rebuildIncidentSearch(dataSource, {
        batchSize,
        onProgress: ({ projected, total, ratePerSecond }) => console.log(`${projected}/${total}, ${ratePerSecond.toFixed(1)} per second`),
      });
      console.log(`done: ${result.projected} incidents projected`);
    }
    if (model !== 'incident_search') {
      console.log('read-models:rebuild trend_counts');
      const result = await rebuildTrendCounts(dataSource, ({ keys, totalKeys, rows, seconds }) =>
        console.log(`${keys}/${totalKeys} keys, ${rows} count rows, ${seconds.toFixed(1)} s`),
      );
      console.log(`done: ${result.rows} count rows in ${result.seconds.toFixed(1)} s`);
    }
    return 0;
  });
}

async function verifyAudit(): Promise<number> {
  return withCliContext(CliModule, async (context) => {
    const report = await verifyAuditChain(context.get<DataSource>(getDataSourceToken()));
    if (report.broken) {
      console.log(`audit chain broken at seq ${report.broken.seq}: ${report.broken.reason} (${report.verified} entries before it verified)`);
      return 1;
    }
    console.log(`${report.verified} entries verified; head hash ${report.headHash ?? 'none (empty log)'}`);
    return 0;
  });
}

async function reencrypt(): Promise<number> {
  return withCliContext(CliModule, async (context) => {
    const report = await reencryptSecrets(context.get<DataSource>(getDataSourceToken()), context.get(DataKeyring));
    await context.get(AuditLog).record(cliAuditRecord('data-keys:reencrypt', 'data-keys', report.currentKeyId));
    console.log(JSON.stringify(report));
    return 0;
  });
}

/** Nest context of incidents:import: the CLI's database and configuration, plus the command handlers it files through. */
@Module({ imports: [CliModule, CqrsModule.forRoot()], providers: [FileIncidentHandler, ImportIncidentsHandler] })
class ImportCliModule {}

async function importIncidents(
  file: string | undefined,
  values: { format?: string; country?: string; 'reporting-organisation'?: string; tlp?: string },
): Promise<number> {
  if (!file) {
    console.error(`incidents:import needs a file\n\n${USAGE}`);
    return 2;
  }
  return withCliContext(ImportCliModule, async (context) => {
    const exitCode = await importIncidentsFile(context, file, {
      format: values.format,
      country: values.country,
      reportingOrganisation: values['reporting-organisation'],
      tlp: values.tlp,
    });
    await context.get(AuditLog).record(cliAuditRecord('incidents:import', 'incidents', null));
    return exitCode;
  });
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`cli failed: ${(error as Error).message}`);
  return 1;
});
