import type { DataSource } from 'typeorm';
import type { Principal } from '../auth/api-keys.service.js';
import {
  filterConditions,
  INCIDENT_DIMENSIONS,
  INCIDENT_DIMENSION_NAMES,
  utcMonthKeysBetween,
  visibilityCondition,
  type IncidentDimension,
  type IncidentDimensionName,
  type IncidentFilters,
} from './incident-dimensions.js';

/**
 * Read model `trend_counts` (CQRS projection) behind `GET /trends` and the surge detector: pre-aggregated incident
 * counts per time bucket for the total, for each dimension value and for each pair of dimension values, over the
 * incidents every analyst may see (active, not TLP:RED). Grains: `d` (UTC day) for the total and single dimensions,
 * `w` (ISO week, Monday) and `m` (calendar month) for all keys; a pair's day grain would hold one row per day and
 * value pair (~17M rows at 1M incidents), so pair queries count their partial weeks from `incident_search`.
 *
 * Kept current in the writer's transaction: a trigger on `incident_search` (migration 1797300000000) appends the old
 * row's contribution (-1) and the new one (+1) to `trend_count_deltas` whenever a counted field changes; a job
 * (TrendCountsFolder) folds deltas into `trend_counts` every TREND_COUNTS_FOLD_INTERVAL_MS. A query reads
 * `trend_counts` plus the deltas not yet folded in one statement (one snapshot), so it sees a filing as soon as the
 * filing commits, whatever the fold job does. Appending deltas instead of upserting counters keeps filings of the
 * same day and label from waiting on one counter row's lock.
 */

export type TrendInterval = 'day' | 'week' | 'month' | 'quarter' | 'year';
type Grain = 'd' | 'w' | 'm';

/** Condition (alias `s`) of the incidents counted in `trend_counts`: what every analyst may see. */
const COUNTED = `s.status = 'active' AND s.tlp <> 'RED'`;

/** Key of a `trend_counts` row: none (the total), one dimension, or two in INCIDENT_DIMENSION_NAMES order. */
type Key = IncidentDimensionName[];

const order = (name: IncidentDimensionName): number => INCIDENT_DIMENSION_NAMES.indexOf(name);
const canonical = (names: Iterable<IncidentDimensionName>): Key => [...new Set(names)].sort((a, b) => order(a) - order(b));

/** `dims` column of a key: 0 the total, 1 + i one dimension, 16·(1 + i) + 1 + j a pair (i < j). */
export function keyCode(key: Key): number {
  if (key.length === 0) return 0;
  if (key.length === 1) return 1 + order(key[0]);
  return 16 * (1 + order(key[0])) + 1 + order(key[1]);
}

/** Every key stored: the total, each dimension, each pair. */
export const TREND_KEYS: Key[] = [
  [],
  ...INCIDENT_DIMENSION_NAMES.map((name) => [name]),
  ...INCIDENT_DIMENSION_NAMES.flatMap((first, i) => INCIDENT_DIMENSION_NAMES.slice(i + 1).map((second) => [first, second])),
];

const grainsOf = (key: Key): Grain[] => (key.length < 2 ? ['d', 'w', 'm'] : ['w', 'm']);

/** The dimension's value expression over alias `s` and the lateral join a multi-valued one needs (alias `m<suffix>`). */
function valueOf(name: IncidentDimensionName, suffix: string): { value: string; join: string } {
  const dimension: IncidentDimension = INCIDENT_DIMENSIONS[name];
  if (!dimension.multiValued) return { value: `${dimension.column}::text`, join: '' };
  return { value: `m${suffix}.value`, join: `CROSS JOIN LATERAL unnest(${dimension.column}) AS m${suffix}(value)` };
}

/** SELECT of one key's (a, b) values from the rows of alias `s` (incident_search or trend_count_deltas). */
function keyValues(key: Key): { a: string; b: string; joins: string } {
  const [first, second] = key.map((name, index) => valueOf(name, `k${index}`));
  return { a: first?.value ?? `''::text`, b: second?.value ?? `''::text`, joins: [first?.join ?? '', second?.join ?? ''].join(' ') };
}

/** Folds up to `$1` of the oldest deltas into `trend_counts` in one statement; returns `moved`, the deltas folded. */
export const FOLD_TREND_DELTAS_SQL = `
  WITH moved AS (
    DELETE FROM trend_count_deltas WHERE id IN (SELECT id FROM trend_count_deltas ORDER BY id LIMIT $1) RETURNING *
  ), keyed AS (
    SELECT (s.occurred_at AT TIME ZONE 'UTC')::date AS day, k.dims, k.a, k.b, s.sign
      FROM moved s CROSS JOIN LATERAL (
        ${TREND_KEYS.map((key) => {
          const { a, b, joins } = keyValues(key);
          return `SELECT ${keyCode(key)} AS dims, ${a} AS a, ${b} AS b FROM (SELECT 1) one ${joins}`;
        }).join('\n        UNION ALL ')}
      ) k
  ), grained AS (
    SELECT 'd' AS grain, day AS bucket, dims, a, b, sign FROM keyed WHERE dims < 16
    UNION ALL SELECT 'w', date_trunc('week', day)::date, dims, a, b, sign FROM keyed
    UNION ALL SELECT 'm', date_trunc('month', day)::date, dims, a, b, sign FROM keyed
  ), folded AS (
    INSERT INTO trend_counts (grain, dims, bucket, a, b, n)
    SELECT grain, dims, bucket, a, b, sum(sign) FROM grained GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (grain, dims, bucket, a, b) DO UPDATE SET n = trend_counts.n + EXCLUDED.n
    RETURNING 1
  )
  SELECT (SELECT count(*) FROM moved)::int AS moved, (SELECT count(*) FROM folded)::int AS rows`;

/** Advisory lock key shared by the fold job and the rebuild (a rebuild must not interleave with a fold). */
export const TREND_COUNTS_LOCK = 7_973_000_001;

/** Runs one SQL statement with parameters (a DataSource, an EntityManager or a QueryRunner `query`). */
export type Sql = (sql: string, params?: unknown[]) => Promise<unknown>;

/** Progress of a trend_counts rebuild after each key. */
export interface TrendRebuildProgress {
  keys: number;
  totalKeys: number;
  rows: number;
  seconds: number;
}

/**
 * Fills `trend_counts` from `incident_search` (which must be consistent with the caller's snapshot): one grouped scan
 * per key into a temporary table, then one insert per grain. The caller empties the table first. Used by the
 * migration that creates the read model and by rebuildTrendCounts.
 */
export async function fillTrendCounts(query: Sql, onProgress?: (progress: TrendRebuildProgress) => void): Promise<TrendRebuildProgress> {
  const started = performance.now();
  const progress: TrendRebuildProgress = { keys: 0, totalKeys: TREND_KEYS.length, rows: 0, seconds: 0 };
  await query(`CREATE TEMPORARY TABLE trend_rebuild (d date, w date NOT NULL, m date NOT NULL, a text NOT NULL, b text NOT NULL, n int NOT NULL) ON COMMIT DROP`);
  for (const key of TREND_KEYS) {
    const { a, b, joins } = keyValues(key);
    const grains = grainsOf(key);
    const at = `(s.occurred_at AT TIME ZONE 'UTC')`;
    // With a day grain the day determines week and month; without, group on (week, month): a week across a month
    // boundary gives two rows, summed per grain below.
    const day = grains.includes('d') ? `${at}::date` : 'NULL::date';
    await query(
      `INSERT INTO trend_rebuild SELECT ${day}, date_trunc('week', ${at})::date, date_trunc('month', ${at})::date, ${a}, ${b}, count(*)
         FROM incident_search s ${joins} WHERE ${COUNTED} GROUP BY 1, 2, 3, 4, 5`,
    );
    for (const grain of grains) {
      const column = { d: 'd', w: 'w', m: 'm' }[grain];
      const inserted = (await query(
        `WITH i AS (INSERT INTO trend_counts (grain, dims, bucket, a, b, n)
           SELECT '${grain}', ${keyCode(key)}, ${column}, a, b, sum(n) FROM trend_rebuild GROUP BY ${column}, a, b RETURNING 1)
         SELECT count(*)::int AS n FROM i`,
      )) as Array<{ n: number }>;
      progress.rows += inserted[0].n;
    }
    await query('TRUNCATE trend_rebuild');
    progress.keys += 1;
    progress.seconds = (performance.now() - started) / 1000;
    onProgress?.({ ...progress });
  }
  await query('DROP TABLE trend_rebuild');
  return progress;
}

/**
 * Rebuilds `trend_counts` from `incident_search`: in one REPEATABLE READ transaction (one snapshot), deletes the
 * deltas that snapshot sees (their changes are in incident_search) and every count, then fills the counts again.
 * Deltas committed meanwhile stay and are folded afterwards. Ends with VACUUM ANALYZE of the counts. Holds the fold lock throughout, so the fold job skips
 * its runs; queries keep answering from the old counts until the commit. Idempotent.
 */
export async function rebuildTrendCounts(dataSource: DataSource, onProgress?: (progress: TrendRebuildProgress) => void): Promise<TrendRebuildProgress> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // A session lock taken before the transaction starts, so its snapshot comes after any fold in progress.
    await runner.query('SELECT pg_advisory_lock($1)', [TREND_COUNTS_LOCK]);
    await runner.startTransaction('REPEATABLE READ');
    try {
      await runner.query('DELETE FROM trend_count_deltas');
      await runner.query('DELETE FROM trend_counts');
      const progress = await fillTrendCounts((sql, params) => runner.query(sql, params) as Promise<unknown>, onProgress);
      await runner.commitTransaction();
      // Statistics for the planner and a visibility map for index-only scans of the new rows.
      await runner.query('VACUUM ANALYZE trend_counts');
      return progress;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [TREND_COUNTS_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Folds pending deltas into `trend_counts`, `batchSize` at a time, until none is left; returns how many were folded.
 * Skips (returns 0) while another fold or a rebuild holds the lock.
 */
export async function foldTrendDeltas(dataSource: DataSource, batchSize = 10_000): Promise<number> {
  let folded = 0;
  // The fold statement is large to plan; most runs find nothing to fold.
  const [{ pending }] = await dataSource.query<Array<{ pending: boolean }>>('SELECT EXISTS (SELECT 1 FROM trend_count_deltas) AS pending');
  if (!pending) return 0;
  for (;;) {
    const moved = await dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [TREND_COUNTS_LOCK]);
      if (!locked) return 0;
      const [row] = await manager.query<Array<{ moved: number }>>(FOLD_TREND_DELTAS_SQL, [batchSize]);
      return row.moved;
    });
    folded += moved;
    if (moved < batchSize) return folded;
  }
}

/** One counted cell: the bucket start date (`YYYY-MM-DD`, UTC), the grouped values in request order, the count. */
export interface TrendCountRow {
  period: string;
  k0: string;
  k1?: string;
  n: number;
}

/** What to count: incidents the principal may see, occurred in [from, to], matching `filters`, per bucket and group. */
export interface TrendCountSpec {
  interval: TrendInterval;
  /** Zero, one or two dimensions to group by (none: one row per bucket with k0 = ''). */
  groupBy: IncidentDimensionName[];
  filters: IncidentFilters;
  from: Date;
  to: Date;
  principal: Principal;
}

/** A stretch of [from, to): counted from trend_counts at `grain`, or from incident_search (grain null). */
export interface TrendSegment {
  grain: Grain | null;
  from: Date;
  to: Date;
  /** `to` is included (the range's last segment: the request's `to` is inclusive). */
  toInclusive?: boolean;
}

const DAY_MS = 86_400_000;
const floorDay = (date: Date): Date => new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
const ceilDay = (date: Date): Date => new Date(Math.ceil(date.getTime() / DAY_MS) * DAY_MS);
/** First start of a `grain` unit at or after `date` (a UTC midnight), and last one at or before it. */
function alignUp(date: Date, grain: Grain): Date {
  const down = alignDown(date, grain);
  if (down.getTime() === date.getTime()) return date;
  if (grain === 'd') return new Date(down.getTime() + DAY_MS);
  if (grain === 'w') return new Date(down.getTime() + 7 * DAY_MS);
  return new Date(Date.UTC(down.getUTCFullYear(), down.getUTCMonth() + 1, 1));
}
function alignDown(date: Date, grain: Grain): Date {
  const day = floorDay(date);
  if (grain === 'd') return day;
  if (grain === 'w') return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 1));
}

/** `date_trunc(interval, date)` in UTC (ISO weeks start on Monday). */
export function bucketStart(interval: TrendInterval, date: Date): Date {
  if (interval === 'day') return alignDown(date, 'd');
  if (interval === 'week') return alignDown(date, 'w');
  const months = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  return new Date(Date.UTC(date.getUTCFullYear(), Math.floor(date.getUTCMonth() / months) * months, 1));
}

/** The start of the bucket after the one starting at `start`. */
export function nextBucketStart(interval: TrendInterval, start: Date): Date {
  if (interval === 'day') return new Date(start.getTime() + DAY_MS);
  if (interval === 'week') return new Date(start.getTime() + 7 * DAY_MS);
  const months = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1));
}

/** Every bucket [start, end) of `interval` from the one holding `from` to the one holding `to` (UTC). */
export function trendBuckets(interval: TrendInterval, from: Date, to: Date): Array<{ start: Date; end: Date }> {
  const buckets: Array<{ start: Date; end: Date }> = [];
  const last = bucketStart(interval, to).getTime();
  for (let start = bucketStart(interval, from); start.getTime() <= last; ) {
    const end = nextBucketStart(interval, start);
    buckets.push({ start, end });
    start = end;
  }
  return buckets;
}

/** Grains whose units never cross a bucket of `interval` (coarsest first). */
const UNITS: Record<TrendInterval, Grain[]> = { day: ['d'], week: ['w', 'd'], month: ['m', 'w', 'd'], quarter: ['m', 'w', 'd'], year: ['m', 'w', 'd'] };

/**
 * Splits [from, to] into stretches counted from `trend_counts` (whole units of the coarsest grain that fits, then
 * finer ones at the ends) and from `incident_search` (partial days at both ends, and what no stored grain covers).
 * A week inside a month's leftover days lies in that month, so it never crosses a month, quarter or year bucket.
 */
export function planSegments(interval: TrendInterval, from: Date, to: Date, grains: readonly Grain[]): TrendSegment[] {
  const lo = ceilDay(from);
  const hi = floorDay(to);
  if (lo >= hi) return [{ grain: null, from, to, toInclusive: true }];
  const segments: TrendSegment[] = [];
  if (from < lo) segments.push({ grain: null, from, to: lo });
  const cover = (start: Date, end: Date, units: Grain[]): void => {
    if (start >= end) return;
    const [unit, ...finer] = units;
    if (!unit) {
      segments.push({ grain: null, from: start, to: end });
      return;
    }
    const up = alignUp(start, unit);
    const down = alignDown(end, unit);
    if (up >= down) return cover(start, end, finer);
    cover(start, up, finer);
    segments.push({ grain: unit, from: up, to: down });
    cover(down, end, finer);
  };
  cover(lo, hi, UNITS[interval].filter((unit) => grains.includes(unit)));
  segments.push({ grain: null, from: hi, to, toInclusive: true });
  return segments;
}

/**
 * The key of `trend_counts` that answers the spec, or null when none does: group and filter dimensions together
 * must be at most two, and a harm type filter must not be combined with several values (an incident with two of
 * them counts once) nor with grouping by harm type (the grouping then also counts the other harm types of the
 * matching incidents).
 */
export function trendKeyFor(spec: Pick<TrendCountSpec, 'groupBy' | 'filters'>): Key | null {
  const filtered = INCIDENT_DIMENSION_NAMES.filter((name) => (spec.filters[name]?.length ?? 0) > 0);
  const key = canonical([...spec.groupBy, ...filtered]);
  if (key.length > 2) return null;
  const harm = spec.filters.harmType;
  if (harm && harm.length > 0 && (harm.length > 1 || spec.groupBy.includes('harmType'))) return null;
  return key;
}

const isoDate = (date: Date): string => date.toISOString().slice(0, 10);

/**
 * Counts what `spec` asks for, from `trend_counts` plus the unfolded deltas where a key answers it (trendKeyFor),
 * with the partial days at the range's ends and the principal's own TLP:RED incidents from `incident_search`; else
 * all from `incident_search`. Same answer either way: incidents the principal may see (visibilityCondition), active,
 * occurred in [from, to]; a harm type grouping counts an incident once per harm type. Rows with a zero count are
 * left out. One SQL statement, so one snapshot.
 */
export async function countTrend(dataSource: DataSource, spec: TrendCountSpec): Promise<TrendCountRow[]> {
  const key = trendKeyFor(spec);
  const segments = key ? planSegments(spec.interval, spec.from, spec.to, grainsOf(key)) : [{ grain: null, from: spec.from, to: spec.to, toInclusive: true }];
  const params: unknown[] = [spec.interval];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const pieces: string[] = [];
  const raw = segments.filter((segment) => segment.grain === null);
  const stored = segments.filter((segment) => segment.grain !== null);

  // Rows of incident_search or trend_count_deltas (alias s): group values, filters.
  const rowGroups = spec.groupBy.map((name, index) => valueOf(name, String(index)));
  const rowSelect = (weight: string) =>
    `date_trunc($1, s.occurred_at AT TIME ZONE 'UTC') AS p, ${rowGroups[0]?.value ?? `''::text`} AS k0, ${rowGroups[1]?.value ?? 'NULL::text'} AS k1, ${weight} AS n`;
  const rowJoins = rowGroups.map((group) => group.join).join(' ');
  const rowFilters = (): string[] => filterConditions(spec.filters, params);
  const range = (segment: TrendSegment) =>
    `s.occurred_at >= ${param(segment.from)}::timestamptz AND s.occurred_at ${segment.toInclusive ? '<=' : '<'} ${param(segment.to)}::timestamptz`;

  const filtered = Object.values(spec.filters).some((values) => values && values.length > 0);
  for (const segment of raw) {
    const conditions = [`s.status = 'active'`, visibilityCondition(spec.principal, params), ...rowFilters(), range(segment)];
    // Implied by the range, so it changes no count; with filters it lets the month-led GIN indexes (migration
    // 1798900000000) intersect each month with the filters (38 ms instead of 66–75 ms for a three-dimension view at
    // 1,000,000 incidents, docs/benchmarks.md); the planner still prefers the covering index when filters select much.
    if (filtered) conditions.push(`aisw_utc_month(s.occurred_at) = ANY(${param(utcMonthKeysBetween(segment.from, segment.to))}::int[])`);
    pieces.push(`SELECT ${rowSelect('1')} FROM incident_search s ${rowJoins} WHERE ${conditions.join(' AND ')}`);
  }
  if (key && stored.length > 0) {
    const column = (name: IncidentDimensionName) => (name === key[0] ? 't.a' : 't.b');
    const code = keyCode(key);
    for (const segment of stored) {
      const conditions = [`t.grain = '${segment.grain}'`, `t.dims = ${code}`, `t.bucket >= ${param(isoDate(segment.from))}::date`, `t.bucket < ${param(isoDate(segment.to))}::date`];
      for (const name of key) {
        const values = spec.filters[name];
        if (values && values.length > 0) conditions.push(`${column(name)} = ANY(${param(values)}::text[])`);
      }
      const k0 = spec.groupBy[0] ? column(spec.groupBy[0]) : `''::text`;
      const k1 = spec.groupBy[1] ? column(spec.groupBy[1]) : 'NULL::text';
      pieces.push(`SELECT date_trunc($1, t.bucket::timestamp) AS p, ${k0} AS k0, ${k1} AS k1, t.n FROM trend_counts t WHERE ${conditions.join(' AND ')}`);
    }
    // The stored stretches also take the deltas not folded yet and the principal's own TLP:RED incidents.
    const storedRanges = `(${stored.map(range).join(' OR ')})`;
    pieces.push(`SELECT ${rowSelect('s.sign')} FROM trend_count_deltas s ${rowJoins} WHERE ${[...rowFilters(), storedRanges].join(' AND ')}`);
    const own = [`s.tlp = 'RED'`, `s.filed_by_key_id = ${param(spec.principal.keyId)}::uuid`, `s.status = 'active'`, ...rowFilters(), storedRanges];
    pieces.push(`SELECT ${rowSelect('1')} FROM incident_search s ${rowJoins} WHERE ${own.join(' AND ')}`);
  }
  return dataSource.query<TrendCountRow[]>(
    `SELECT to_char(x.p, 'YYYY-MM-DD') AS period, x.k0, x.k1, sum(x.n)::int AS n
       FROM (${pieces.join('\n UNION ALL ')}) x GROUP BY x.p, x.k0, x.k1 HAVING sum(x.n) <> 0`,
    params,
  );
}
