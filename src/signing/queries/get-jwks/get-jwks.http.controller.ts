import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../../auth/auth.decorators.js';
import { AlertSigner, type PublishedJwk } from '../../alert-signer.service.js';

@ApiTags('keys')
@Public()
@Controller('.well-known')
export class GetJwksHttpController {
  constructor(private readonly signer: AlertSigner) {}

  /** The JWK set (RFC 7517 §5) that verifies this single window's alert signatures. Public; cacheable 5 minutes. */
  @Get('jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  @Header('Content-Type', 'application/jwk-set+json')
  jwks(): Promise<{ keys: PublishedJwk[] }> {
    return this.signer.jwks();
  }
}
