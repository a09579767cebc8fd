import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertData } from '@app/contracts';
import type { Principal } from '../auth/api-keys.service.js';
import type { Environment } from '../config/environment.js';
import { withdrawnLaterSql } from '../dissemination/withdrawn-versions.js';
import { mayViewAlertSql } from '../incidents/lock-incident.js';
import { toStixIncident } from './stix/incident-stix-object.js';
import { STATIC_OBJECTS_PUBLISHED, staticStixObjects, type StixObject } from './stix/static-objects.js';
import { TaxiiError } from './taxii-error.js';

/** A TAXII collection: one per partner, id = the partner's id. */
export interface TaxiiCollection {
  id: string;
  title: string;
  description: string;
}

/** `match[version]` of TAXII 2.1 §3.4.2: `first`, `last`, `all`, or exact `modified` timestamps. */
export interface VersionMatch {
  keywords: Array<'first' | 'last' | 'all'>;
  timestamps: string[];
}

/** The filters of TAXII 2.1 §3.4: every list is OR within, AND across; empty means no filter. */
export interface ObjectFilter {
  addedAfter?: string;
  ids: string[];
  types: string[];
  versions: VersionMatch;
  specVersions: string[];
}

/** One object version in a collection, with its TAXII `date_added` (RFC 3339, microseconds). */
export interface CollectionEntry {
  position: number;
  dateAdded: string;
  version: string;
  object: StixObject;
}

export interface CollectionPage {
  entries: CollectionEntry[];
  more: boolean;
  /** Position after the last entry, for `next`; undefined when `more` is false. */
  nextPosition?: number;
}

const STATIC_DATE_ADDED = STATIC_OBJECTS_PUBLISHED.replace('.000Z', '.000000Z');

/**
 * Reads the TAXII collections: the static objects (identities, extension definition, TLP markings) at positions
 * -N..-1, then every alert version the partner was sent, in `taxii_collection_objects.seq` order (commit order; see
 * the migration 1796600000000-TaxiiCollections). A page is a keyset range over positions, so a client following
 * `next` sees each object version exactly once even while alerts arrive.
 */
@Injectable()
export class TaxiiCollections {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** Admins see every partner's collection (without the RED content they may not view, `page`); a partner key only its own. */
  async visibleTo(principal: Principal): Promise<TaxiiCollection[]> {
    const rows = await this.dataSource.query<Array<{ id: string; slug: string; name: string; country: string }>>(
      `SELECT id, slug, name, country FROM partners WHERE ($1::uuid IS NULL OR id = $1::uuid) ORDER BY created_at, id`,
      [principal.role === 'admin' ? null : principal.partnerId],
    );
    return rows.map((row) => ({
      id: row.id,
      title: `Alerts for ${row.name}`,
      description: `AI incident alerts sent to partner ${row.slug} (${row.country}), as STIX 2.1 incident objects, one version per alert.`,
    }));
  }

  /** Errors: 404 TAXII error when the collection does not exist or is not the caller's (TAXII 2.1 §5.2). */
  async get(principal: Principal, collectionId: string): Promise<TaxiiCollection> {
    const found = /^[0-9a-f-]{36}$/i.test(collectionId)
      ? (await this.visibleTo(principal)).find((collection) => collection.id === collectionId.toLowerCase())
      : undefined;
    if (!found) throw new TaxiiError(404, 'Collection not found', `No collection ${collectionId} is visible to this API key`);
    return found;
  }

  /**
   * Up to `limit` entries after `after` (a position; null = from the start) that pass `filter`; one more tells `more`.
   * `reader` is who reads: the partner whose collection it is gets every alert it was sent (a RED one only reached the
   * partners named on it); anyone else (an admin) only the versions whose content it may view as GET /incidents/{id}
   * (lock-incident.ts mayViewAlert: never a TLP:RED incident it did not file, nor a RED version of one amended since).
   */
  async page(collection: TaxiiCollection, filter: ObjectFilter, limit: number, after: number | null, reader: Principal): Promise<CollectionPage> {
    const start = after ?? -Infinity;
    const statics = this.staticEntries()
      .filter((entry) => entry.position > start && staticEntryMatches(entry, filter))
      .slice(0, limit + 1);
    const remaining = limit + 1 - statics.length;
    const viewer = reader.role === 'partner' && reader.partnerId === collection.id ? null : reader.keyId;
    const dynamic = remaining > 0 ? await this.alertEntries(collection.id, filter, Math.max(start, 0), remaining, viewer) : [];
    const entries = [...statics, ...dynamic];
    const more = entries.length > limit;
    const shown = entries.slice(0, limit);
    return { entries: shown, more, nextPosition: more ? shown[shown.length - 1].position : undefined };
  }

  private staticEntries(): CollectionEntry[] {
    const objects = staticStixObjects(this.config.get('JURISDICTION', { infer: true }));
    return objects.map((object, index) => ({
      position: index - objects.length,
      dateAdded: STATIC_DATE_ADDED,
      version: String(object.modified ?? object.created),
      object,
    }));
  }

  /**
   * `viewer`: the key id whose visibility limits the versions (mayViewAlertSql), or null for the collection's partner.
   * Versions a withdrawal Cancel since superseded for the partner (withdrawn-versions.ts) are left out for everyone.
   */
  private async alertEntries(partnerId: string, filter: ObjectFilter, after: number, limit: number, viewer: string | null): Promise<CollectionEntry[]> {
    if (filter.types.length > 0 && !filter.types.includes('incident')) return [];
    if (filter.specVersions.length > 0 && !filter.specVersions.includes('2.1')) return [];
    const params: unknown[] = [partnerId, after, limit];
    const where: string[] = ['t.partner_id = $1', 't.seq > $2'];
    const param = (value: unknown): string => `$${params.push(value)}`;
    if (viewer !== null) where.push(mayViewAlertSql('i', 'd', param(viewer)));
    // A version a withdrawal Cancel told the partner to delete is no longer served (the Cancel's own object is).
    where.push(`NOT ${withdrawnLaterSql('d')}`);
    if (filter.addedAfter) where.push(`t.date_added > ${param(filter.addedAfter)}::timestamptz`);
    if (filter.ids.length > 0) where.push(`t.stix_id = ANY(${param(filter.ids)}::varchar[])`);
    const { keywords, timestamps } = filter.versions;
    if (!keywords.includes('all')) {
      const versionClauses: string[] = [];
      // `last`/`first`: no later/earlier version of the same object in this collection (TAXII 2.1 §3.4.2).
      if (keywords.includes('last')) versionClauses.push(`NOT EXISTS (SELECT 1 FROM taxii_collection_objects o WHERE o.partner_id = t.partner_id AND o.stix_id = t.stix_id AND o.modified > t.modified)`);
      if (keywords.includes('first')) versionClauses.push(`NOT EXISTS (SELECT 1 FROM taxii_collection_objects o WHERE o.partner_id = t.partner_id AND o.stix_id = t.stix_id AND o.modified < t.modified)`);
      if (timestamps.length > 0) versionClauses.push(`t.modified = ANY(${param(timestamps)}::timestamptz[])`);
      where.push(`(${versionClauses.join(' OR ')})`);
    }
    const rows = await this.dataSource.query<Array<{ seq: string; date_added: string; alert: AlertData }>>(
      `SELECT t.seq, to_char(t.date_added AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS date_added, d.event -> 'data' AS alert
         FROM taxii_collection_objects t JOIN deliveries d ON d.alert_id = t.alert_id JOIN incidents i ON i.id = t.incident_id
        WHERE ${where.join(' AND ')}
        ORDER BY t.seq LIMIT $3`,
      params,
    );
    return rows.map((row) => {
      const object = toStixIncident(row.alert);
      return { position: Number(row.seq), dateAdded: row.date_added, version: String(object.modified), object };
    });
  }
}

function staticEntryMatches(entry: CollectionEntry, filter: ObjectFilter): boolean {
  const { object } = entry;
  if (filter.addedAfter && !(Date.parse(entry.dateAdded) > Date.parse(filter.addedAfter))) return false;
  if (filter.ids.length > 0 && !filter.ids.includes(object.id)) return false;
  if (filter.types.length > 0 && !filter.types.includes(object.type)) return false;
  if (filter.specVersions.length > 0 && !filter.specVersions.includes(object.spec_version)) return false;
  const { keywords, timestamps } = filter.versions;
  // Each static object has one version, which is its first, last and every version.
  if (keywords.length > 0) return true;
  return timestamps.some((timestamp) => Date.parse(timestamp) === Date.parse(entry.version));
}
