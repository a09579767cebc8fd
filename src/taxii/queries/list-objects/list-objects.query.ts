import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { CollectionPage } from '../../taxii-collections.js';
import type { ObjectsRequest } from './list-objects.request.js';

/** One page of a TAXII collection's object versions, as the objects, manifest and versions endpoints read it. */
export class ListObjectsQuery extends Query<CollectionPage> {
  constructor(
    readonly principal: Principal,
    readonly collectionId: string,
    readonly request: ObjectsRequest,
  ) {
    super();
  }
}
