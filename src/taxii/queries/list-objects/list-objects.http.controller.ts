import { Controller, Get, Param, Query as QueryParams, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal } from '../../../auth/auth.decorators.js';
import type { CollectionPage } from '../../taxii-collections.js';
import { TAXII_API_ROOT_PATH, TaxiiEndpoint } from '../../taxii-endpoint.decorator.js';
import { STIX_MEDIA_TYPE, TaxiiError } from '../../taxii-error.js';
import { ListObjectsQuery } from './list-objects.query.js';
import { encodeNext, isStixId, parseObjectsRequest, type ObjectsRequest } from './list-objects.request.js';

type QueryString = Record<string, unknown>;

/**
 * TAXII 2.1 §5.3–5.8 read endpoints of one collection: objects (an envelope of STIX 2.1 objects), one object's
 * versions, its version list and the manifest. Query: `added_after`, `limit` (1..1000, default 100), `next`,
 * `match[id|type|version|spec_version]`. Answers carry `X-TAXII-Date-Added-First`/`-Last` (the first and last
 * `date_added` on the page, microseconds; the last is a safe `added_after` for the next poll).
 */
@TaxiiEndpoint()
@Controller(`${TAXII_API_ROOT_PATH}/collections/:collectionId`)
export class ListObjectsHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('objects/')
  async objects(
    @CurrentPrincipal() principal: Principal,
    @Param('collectionId') collectionId: string,
    @QueryParams() query: QueryString,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown>> {
    const page = await this.read(principal, collectionId, parseObjectsRequest(query), response);
    return envelope(page, 'objects', page.entries.map((entry) => entry.object));
  }

  /** Errors: 404 when the collection holds no version of the object that passes the filters. */
  @Get('objects/:objectId/')
  async object(
    @CurrentPrincipal() principal: Principal,
    @Param('collectionId') collectionId: string,
    @Param('objectId') objectId: string,
    @QueryParams() query: QueryString,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown>> {
    const request = withObjectId(parseObjectsRequest(query), objectId, query);
    const page = await this.read(principal, collectionId, request, response);
    if (page.entries.length === 0 && request.after === null) throw new TaxiiError(404, 'Object not found', `No object ${objectId} in this collection`);
    return envelope(page, 'objects', page.entries.map((entry) => entry.object));
  }

  /** The `modified` of every version of the object (`match[version]` is not accepted here, §5.8). */
  @Get('objects/:objectId/versions/')
  async versions(
    @CurrentPrincipal() principal: Principal,
    @Param('collectionId') collectionId: string,
    @Param('objectId') objectId: string,
    @QueryParams() query: QueryString,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown>> {
    if (query['match[version]'] !== undefined) throw new TaxiiError(400, 'Invalid query parameter', 'match[version] is not a filter of versions', { field: 'match[version]' });
    const request = withObjectId(parseObjectsRequest(query, 'all'), objectId, query);
    const page = await this.read(principal, collectionId, request, response);
    if (page.entries.length === 0 && request.after === null) throw new TaxiiError(404, 'Object not found', `No object ${objectId} in this collection`);
    return envelope(page, 'versions', page.entries.map((entry) => entry.version));
  }

  @Get('manifest/')
  async manifest(
    @CurrentPrincipal() principal: Principal,
    @Param('collectionId') collectionId: string,
    @QueryParams() query: QueryString,
    @Res({ passthrough: true }) response: Response,
  ): Promise<Record<string, unknown>> {
    const page = await this.read(principal, collectionId, parseObjectsRequest(query), response);
    const records = page.entries.map((entry) => ({ id: entry.object.id, date_added: entry.dateAdded, version: entry.version, media_type: STIX_MEDIA_TYPE }));
    return envelope(page, 'objects', records);
  }

  private async read(principal: Principal, collectionId: string, request: ObjectsRequest, response: Response): Promise<CollectionPage> {
    const page = await this.queryBus.execute(new ListObjectsQuery(principal, collectionId, request));
    if (page.entries.length > 0) {
      response.setHeader('X-TAXII-Date-Added-First', page.entries[0].dateAdded);
      response.setHeader('X-TAXII-Date-Added-Last', page.entries[page.entries.length - 1].dateAdded);
    }
    return page;
  }
}

/** The object id of the path is a filter too; `match[id]` is refused beside it, an id that is no STIX id is 404. */
function withObjectId(request: ObjectsRequest, objectId: string, query: QueryString): ObjectsRequest {
  if (query['match[id]'] !== undefined) throw new TaxiiError(400, 'Invalid query parameter', 'match[id] is not a filter of one object', { field: 'match[id]' });
  if (!isStixId(objectId)) throw new TaxiiError(404, 'Object not found', `No object ${objectId} in this collection`);
  return { ...request, filter: { ...request.filter, ids: [objectId] } };
}

/** TAXII 2.1 envelope (§3.7): `more`, `next` when there is more, and the items (left out when there are none). */
function envelope(page: CollectionPage, key: string, items: unknown[]): Record<string, unknown> {
  return {
    more: page.more,
    ...(page.nextPosition !== undefined ? { next: encodeNext(page.nextPosition) } : {}),
    ...(items.length > 0 ? { [key]: items } : {}),
  };
}
