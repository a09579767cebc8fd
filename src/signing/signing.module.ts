import { Module } from '@nestjs/common';
import { AlertSigner } from './alert-signer.service.js';
import { RotateSigningKeyHttpController } from './commands/rotate-signing-key/rotate-signing-key.http.controller.js';
import { GetJwksHttpController } from './queries/get-jwks/get-jwks.http.controller.js';
import { GetAlertSchemaHttpController } from './queries/get-schema/get-alert-schema.http.controller.js';

@Module({
  controllers: [GetJwksHttpController, GetAlertSchemaHttpController, RotateSigningKeyHttpController],
  providers: [AlertSigner],
  exports: [AlertSigner],
})
export class SigningModule {}
