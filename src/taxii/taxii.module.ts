import { Module } from '@nestjs/common';
import { GetDiscoveryHttpController } from './queries/get-discovery/get-discovery.http.controller.js';
import { GetExtensionSchemaHttpController } from './queries/get-extension-schema/get-extension-schema.http.controller.js';
import { ListCollectionsHttpController } from './queries/list-collections/list-collections.http.controller.js';
import { ListObjectsHandler } from './queries/list-objects/list-objects.handler.js';
import { ListObjectsHttpController } from './queries/list-objects/list-objects.http.controller.js';
import { TaxiiCollections } from './taxii-collections.js';

/** TAXII 2.1 read-only server over the alert log (docs/taxii.md). */
@Module({
  controllers: [GetDiscoveryHttpController, ListCollectionsHttpController, ListObjectsHttpController, GetExtensionSchemaHttpController],
  providers: [TaxiiCollections, ListObjectsHandler],
})
export class TaxiiModule {}
