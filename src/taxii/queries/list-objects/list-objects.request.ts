import { isCalendarDate } from '../../../common/text-validators.js';
import type { ObjectFilter } from '../../taxii-collections.js';
import { badParameter } from '../../taxii-error.js';

/** Largest page a client may ask for; the default when it asks for none. */
export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 100;

const TIMESTAMP_FORM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** TAXII 2.1's timestamp form (UTC, seconds, at most microseconds) naming a day and time that exist (no 2026-02-30, no 25:61). */
const isTimestamp = (value: string): boolean => TIMESTAMP_FORM.test(value) && isCalendarDate(value);
const STIX_ID = /^[a-z0-9][a-z0-9-]{1,62}--[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const STIX_TYPE = /^[a-z0-9][a-z0-9-]{1,249}$/;

/** `type--uuid` (STIX 2.1 §2.9). */
export const isStixId = (value: string): boolean => STIX_ID.test(value);

/** Parsed TAXII 2.1 §3.4 query parameters of the objects, manifest and versions endpoints. */
export interface ObjectsRequest {
  filter: ObjectFilter;
  limit: number;
  /** Position decoded from `next`; null on the first page. */
  after: number | null;
}

/** `next` is opaque to clients: the base64url of the last position served. */
export const encodeNext = (position: number): string => Buffer.from(`p${position}`, 'utf8').toString('base64url');

function decodeNext(value: string): number {
  const decoded = /^[A-Za-z0-9_-]{1,40}$/.test(value) ? Buffer.from(value, 'base64url').toString('utf8') : '';
  const match = /^p(-?\d{1,15})$/.exec(decoded);
  if (!match) throw badParameter('next', 'next must be a value this server returned in an earlier page');
  return Number(match[1]);
}

/** A parameter's values: repeated parameters and comma-separated lists both count (TAXII 2.1 §3.4.2). */
function values(query: Record<string, unknown>, name: string): string[] {
  const raw = query[name];
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  if (!list.every((item) => typeof item === 'string')) throw badParameter(name, `${name} must be a string`);
  return (list).flatMap((item) => item.split(',')).map((item) => item.trim());
}

function single(query: Record<string, unknown>, name: string): string | undefined {
  const list = values(query, name);
  if (list.length > 1) throw badParameter(name, `${name} may be given once`);
  return list[0];
}

/**
 * Parses `added_after`, `limit`, `next`, `match[id]`, `match[type]`, `match[version]`, `match[spec_version]`
 * (`fixed` filters, e.g. the object id of `/objects/{id}/`, are added by the caller). `match[version]` defaults to
 * `last` (§3.4.2); `defaultVersion` overrides that (the versions endpoint lists `all`).
 * Errors: 400 TAXII error naming the parameter (`details.field`).
 */
export function parseObjectsRequest(query: Record<string, unknown>, defaultVersion: 'last' | 'all' = 'last'): ObjectsRequest {
  const known = new Set(['added_after', 'limit', 'next', 'match[id]', 'match[type]', 'match[version]', 'match[spec_version]']);
  const unknown = Object.keys(query).find((name) => !known.has(name));
  if (unknown) throw badParameter(unknown, `Unsupported query parameter ${unknown}`);
  const addedAfter = single(query, 'added_after');
  if (addedAfter !== undefined && !isTimestamp(addedAfter)) throw badParameter('added_after', 'added_after must be an RFC 3339 timestamp in UTC (Z)');
  const limitText = single(query, 'limit');
  const limit = limitText === undefined ? DEFAULT_PAGE_LIMIT : Number(limitText);
  if (!/^\d{1,5}$/.test(limitText ?? '1') || !Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw badParameter('limit', `limit must be an integer in 1..${MAX_PAGE_LIMIT}`);
  }
  const next = single(query, 'next');
  const ids = values(query, 'match[id]');
  if (ids.some((id) => !STIX_ID.test(id))) throw badParameter('match[id]', 'match[id] must be STIX identifiers (type--uuid)');
  const types = values(query, 'match[type]');
  if (types.some((type) => !STIX_TYPE.test(type))) throw badParameter('match[type]', 'match[type] must be STIX object type names');
  const versionValues = values(query, 'match[version]');
  const keywords = versionValues.filter((value): value is 'first' | 'last' | 'all' => ['first', 'last', 'all'].includes(value));
  const timestamps = versionValues.filter((value) => !['first', 'last', 'all'].includes(value));
  if (timestamps.some((value) => !isTimestamp(value))) {
    throw badParameter('match[version]', 'match[version] must be first, last, all or RFC 3339 timestamps in UTC');
  }
  const specVersions = values(query, 'match[spec_version]');
  return {
    filter: {
      addedAfter,
      ids,
      types,
      versions: versionValues.length === 0 ? { keywords: [defaultVersion], timestamps: [] } : { keywords, timestamps },
      specVersions,
    },
    limit,
    after: next === undefined ? null : decodeNext(next),
  };
}
