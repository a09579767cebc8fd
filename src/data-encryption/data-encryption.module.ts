import { Global, Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { DataKeyring } from './data-keyring.js';

/**
 * Provides the `DataKeyring` (envelope encryption of secrets at rest) everywhere, loaded once from
 * AISW_DATA_ENCRYPTION_KEYS / AISW_DATA_ENCRYPTION_KEYS_FILE. Warns when the public development key stands in.
 */
@Global()
@Module({
  providers: [
    {
      provide: DataKeyring,
      inject: [ConfigService],
      useFactory: (config: ConfigService<Environment, true>): DataKeyring => {
        const keyring = DataKeyring.load({
          NODE_ENV: config.get('NODE_ENV', { infer: true }),
          AISW_DATA_ENCRYPTION_KEYS: config.get('AISW_DATA_ENCRYPTION_KEYS', { infer: true }),
          AISW_DATA_ENCRYPTION_KEYS_FILE: config.get('AISW_DATA_ENCRYPTION_KEYS_FILE', { infer: true }),
        });
        if (keyring.insecure) {
          new Logger('DataEncryption').warn(
            'AISW_DATA_ENCRYPTION_KEYS is not set: secrets in PostgreSQL are sealed with the PUBLIC development key. ' +
              'Set a key (npm run up makes one in .local/data-encryption-keys) and run `node dist/src/cli.js data-keys:reencrypt`.',
          );
        }
        return keyring;
      },
    },
  ],
  exports: [DataKeyring],
})
export class DataEncryptionModule {}
