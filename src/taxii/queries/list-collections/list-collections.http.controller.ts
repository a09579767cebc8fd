import { Controller, Get, Param } from '@nestjs/common';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal } from '../../../auth/auth.decorators.js';
import { STIX_MEDIA_TYPE } from '../../taxii-error.js';
import { TaxiiCollections, type TaxiiCollection } from '../../taxii-collections.js';
import { TAXII_API_ROOT_PATH, TaxiiEndpoint } from '../../taxii-endpoint.decorator.js';

const resource = (collection: TaxiiCollection): Record<string, unknown> => ({
  ...collection,
  can_read: true,
  can_write: false,
  media_types: [STIX_MEDIA_TYPE],
});

@TaxiiEndpoint()
@Controller(`${TAXII_API_ROOT_PATH}/collections`)
export class ListCollectionsHttpController {
  constructor(private readonly collections: TaxiiCollections) {}

  /** TAXII 2.1 §5.1: the caller's collections (a partner: its own; an admin: every partner's). */
  @Get('/')
  async list(@CurrentPrincipal() principal: Principal): Promise<Record<string, unknown>> {
    const collections = await this.collections.visibleTo(principal);
    return collections.length > 0 ? { collections: collections.map(resource) } : {};
  }

  /** TAXII 2.1 §5.2. Errors: 404 when the collection is unknown or not the caller's. */
  @Get(':collectionId/')
  async get(@CurrentPrincipal() principal: Principal, @Param('collectionId') collectionId: string): Promise<Record<string, unknown>> {
    return resource(await this.collections.get(principal, collectionId));
  }
}
