import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeyEntity, ROLES, type Role } from './auth/api-key.entity.js';
import { ApiKeysService } from './auth/api-keys.service.js';
import { validateEnvironment, type Environment } from './config/environment.js';
import { dataSourceOptions } from './database/data-source-options.js';
import { ensureDatabase } from './database/ensure-database.js';

const USAGE = `Usage: node dist/src/cli.js api-keys:issue --role <regulator|analyst|admin> --name <text>
Issues an API key and prints {"id","key","role"} as JSON; the key is shown only this once.
Creates the database and runs migrations first if needed (DATABASE_URL).`;

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
  ],
  providers: [ApiKeysService],
})
class CliModule {}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help || positionals[0] !== 'api-keys:issue') {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const role = values.role as Role | undefined;
  if (!role || !ROLES.includes(role) || role === 'partner' || !values.name || values.name.length > 200) {
    console.error(`--role must be regulator, analyst or admin (partner keys come with onboarding); --name 1..200 chars\n\n${USAGE}`);
    return 2;
  }
  await ensureDatabase(validateEnvironment({ ...process.env }).DATABASE_URL);
  const context = await NestFactory.createApplicationContext(CliModule, { logger: ['error'] });
  try {
    const issued = await context.get(ApiKeysService).issue({ role, name: values.name });
    console.log(JSON.stringify({ ...issued, role }));
    return 0;
  } finally {
    await context.close();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`cli failed: ${(error as Error).message}`);
  return 1;
});
