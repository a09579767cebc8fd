import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TaxiiCollections, type CollectionPage } from '../../taxii-collections.js';
import { ListObjectsQuery } from './list-objects.query.js';

/** Checks the caller may read the collection (404 otherwise), then reads one keyset page of what it may view. */
@QueryHandler(ListObjectsQuery)
export class ListObjectsHandler implements IQueryHandler<ListObjectsQuery> {
  constructor(private readonly collections: TaxiiCollections) {}

  async execute({ principal, collectionId, request }: ListObjectsQuery): Promise<CollectionPage> {
    const collection = await this.collections.get(principal, collectionId);
    return this.collections.page(collection, request.filter, request.limit, request.after, principal);
  }
}
