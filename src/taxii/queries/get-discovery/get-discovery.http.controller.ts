import { Controller, Get, Req } from '@nestjs/common';
import type { Request } from 'express';
import { TAXII_API_ROOT_PATH, TAXII_BASE_PATH, TaxiiEndpoint } from '../../taxii-endpoint.decorator.js';
import { TAXII_MEDIA_TYPE } from '../../taxii-error.js';

/** Largest request body the API root accepts (it is read-only; the app's body limit). */
const MAX_CONTENT_LENGTH = 256 * 1024;

@TaxiiEndpoint()
@Controller()
export class GetDiscoveryHttpController {
  /** TAXII 2.1 §4.1 discovery: the one API root, as an absolute URL on the host the client called. */
  @Get(`${TAXII_BASE_PATH}/`)
  discovery(@Req() request: Request): Record<string, unknown> {
    const apiRoot = `${request.protocol}://${request.get('host') ?? 'localhost'}/${TAXII_API_ROOT_PATH}/`;
    return {
      title: 'AI Risk Single Window TAXII 2.1 server',
      description: 'AI incident alerts as STIX 2.1 incident objects, one collection per partner single window.',
      default: apiRoot,
      api_roots: [apiRoot],
    };
  }

  /** TAXII 2.1 §4.2 API root information. */
  @Get(`${TAXII_API_ROOT_PATH}/`)
  apiRoot(): Record<string, unknown> {
    return {
      title: 'AI incident alerts',
      description: 'Read-only: each partner collection holds every alert version that partner was sent.',
      versions: [TAXII_MEDIA_TYPE],
      max_content_length: MAX_CONTENT_LENGTH,
    };
  }
}
