import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { NoBodyFields } from '../../../common/validation.js';
import { AlertSigner } from '../../alert-signer.service.js';

@ApiTags('keys')
@ApiBearerAuth()
@Controller('signing-keys')
export class RotateSigningKeyHttpController {
  constructor(private readonly signer: AlertSigner) {}

  /** Makes a new active alert-signing key; the previous one stays in the JWK set for JWKS_RETENTION_DAYS. */
  @Post('rotate')
  @HttpCode(201)
  @Roles('admin')
  async rotate(@Body(NoBodyFields) _body: Record<string, unknown> | undefined): Promise<{ kid: string }> {
    return { kid: await this.signer.rotate() };
  }
}
