import { parse as parseCsv } from 'csv-parse/sync';

/** Import formats: AI Incident Database CSV (`incidents.csv` of its snapshots) and JSON, and OECD AIM-style records. */
export const IMPORT_FORMATS = ['aiid-csv', 'aiid-json', 'oecd-json'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One source record, before it becomes a filing: where it came from and its fields as the source names them. */
export interface SourceRecord {
  /** 1-based: the CSV line the record starts on, or the position in the JSON array. */
  row: number;
  fields: Record<string, unknown>;
}

/** What the filer supplies for fields a source lacks (AIID and OECD exports name no country). */
export interface ImportDefaults {
  country?: string;
  reportingOrganisation?: string;
  tlp?: string;
}

/** A record mapped to a `POST /incidents` body, with the stable source id its idempotency key is built from. */
export interface MappedRecord {
  row: number;
  /** `aiid:<incident_id>` or `oecd:<id>`; null when the record has no id (the row is then refused). */
  sourceId: string | null;
  filing: Record<string, unknown>;
}

/** Thrown when a CSV document cannot be parsed at all (the whole batch is refused, naming the line). */
export class MalformedImportError extends Error {}

/**
 * Parses an AIID `incidents.csv` (header `_id,incident_id,date,reports,Alleged deployer of AI system,...`) with
 * csv-parse: RFC 4180 quoting, BOM tolerated, every record must have the header's column count.
 * Errors: MalformedImportError naming the line.
 */
export function parseAiidCsv(content: string): SourceRecord[] {
  try {
    const records = parseCsv<{ record: Record<string, string>; info: { lines: number } }>(content, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      info: true,
    });
    return records.map(({ record, info }) => ({ row: info.lines, fields: record }));
  } catch (error) {
    throw new MalformedImportError(`csv is not a well-formed CSV document (RFC 4180): ${csvProblem(error, headerLength(content))}`);
  }
}

/** How many fields the header line of a CSV document has; undefined when even that line cannot be read. */
function headerLength(content: string): number | undefined {
  try {
    const [header]: string[][] = parseCsv(content, { bom: true, to_line: 1 });
    return header?.length;
  } catch {
    return undefined;
  }
}

/** What csv-parse's CsvError carries: its code, the line it stopped at, and the column (header name or index). */
interface CsvErrorContext {
  code?: string;
  lines?: number;
  column?: string | number | null;
  record?: unknown[];
}

/**
 * csv-parse's error (CsvError, node_modules/csv-parse/lib/api/index.js) in our words, naming the line and, where
 * known, the column, so a filer can find the fault; its own text ("Quote Not Closed: the parsing is finished with an
 * opening quote…") is not shown.
 */
export function csvProblem(error: unknown, headerFields?: number): string {
  const { code, lines, column, record } = (error ?? {}) as CsvErrorContext;
  const at = `line ${lines ?? '?'}${typeof column === 'string' ? `, column ${column}` : typeof column === 'number' ? `, field ${column + 1}` : ''}`;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted value is never closed: the document ends inside it (${at}); close the quote, and double a quote inside a value ("")`;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `${at}: a closing quote must be followed by a comma or the end of the line; double a quote inside a quoted value ("")`;
    case 'INVALID_OPENING_QUOTE':
      return `${at}: a quote inside a value that does not start with one; quote the whole value and double the quote ("")`;
    case 'CSV_RECORD_INCONSISTENT_COLUMNS':
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
      return `line ${lines ?? '?'} has ${record?.length ?? 'a different number of'} fields, the header ${headerFields ?? 'another number'}; every row needs one field per header column`;
    default:
      return `${at}: not readable as CSV`;
  }
}

/** JSON records keep their array position as the row number. */
export const jsonRecords = (records: Array<Record<string, unknown>>): SourceRecord[] => records.map((fields, index) => ({ row: index + 1, fields }));

const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** English country name (lower case) → ISO 3166-1 alpha-2, from the runtime's CLDR data. */
const COUNTRY_BY_NAME = new Map(
  [...LETTERS].flatMap((first) =>
    [...LETTERS].map((second) => `${first}${second}`).flatMap((code) => {
      const name = REGION_NAMES.of(code);
      return name && name !== code ? [[name.toLowerCase(), code] as const] : [];
    }),
  ),
);

/** A source's country (ISO code or English name) as ISO 3166-1 alpha-2, else the filer's default. */
function countryOf(value: unknown, defaults: ImportDefaults): string | undefined {
  const text = typeof value === 'string' ? value.trim() : '';
  if (/^[A-Za-z]{2}$/.test(text)) return text.toUpperCase();
  return COUNTRY_BY_NAME.get(text.toLowerCase()) ?? defaults.country;
}

/** AIID entity slugs (`keolis-north-america`) as names (`Keolis North America`), joined; undefined when none. */
function entityNames(value: unknown): string | undefined {
  let list: unknown = value;
  if (typeof value === 'string') {
    try {
      list = value.trim().startsWith('[') ? JSON.parse(value) : value.split(',');
    } catch {
      list = [value];
    }
  }
  if (!Array.isArray(list)) return undefined;
  const names = list
    .filter((item): item is string => typeof item === 'string' && item.trim() !== '')
    .map((slug) => slug.trim().split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(' '));
  return names.length > 0 ? names.join(', ').slice(0, 200) : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : typeof value === 'number' ? String(value) : undefined);
const pick = (fields: Record<string, unknown>, ...names: string[]): unknown => names.map((name) => fields[name]).find((value) => value !== undefined && value !== null);

/** Drops undefined entries, so the filing validator sees only what the record gave. */
const defined = (entries: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(entries).filter(([, value]) => value !== undefined));

/**
 * An AIID incident (CSV columns, or the JSON export's `AllegedDeployerOfAISystem`-style keys) as a filing: title,
 * description, `date` → occurredAt, alleged developer and deployer, harmed parties in harmDescription, the
 * incident's AIID page as source URL; language English. Country, reporting organisation and TLP come from
 * `defaults` (AIID records carry none).
 */
export function mapAiidRecord(record: SourceRecord, defaults: ImportDefaults): MappedRecord {
  const { fields } = record;
  const id = text(fields.incident_id);
  const harmed = entityNames(pick(fields, 'Alleged harmed or nearly harmed parties', 'AllegedHarmedOrNearlyHarmedParties'));
  return {
    row: record.row,
    sourceId: id && /^\d{1,9}$/.test(id) ? `aiid:${id}` : null,
    filing: defined({
      title: text(fields.title),
      description: text(fields.description),
      occurredAt: text(fields.date),
      country: countryOf(fields.country, defaults),
      language: 'en',
      reportingOrganisation: defaults.reportingOrganisation ?? 'AI Incident Database (import)',
      developer: entityNames(pick(fields, 'Alleged developer of AI system', 'AllegedDeveloperOfAISystem')),
      deployer: entityNames(pick(fields, 'Alleged deployer of AI system', 'AllegedDeployerOfAISystem')),
      harmDescription: harmed ? `Alleged harmed or nearly harmed parties: ${harmed}.` : undefined,
      sourceUrls: id && /^\d{1,9}$/.test(id) ? [`https://incidentdatabase.ai/cite/${id}/`] : undefined,
      tlp: defaults.tlp,
    }),
  };
}

/**
 * An OECD AI Incidents Monitor record (`id`, `title`, `date`, `summary`, `companies`, `country`, optional `url`)
 * as a filing; the record's AIM page is the source URL. Country from the record when it names one, else `defaults`.
 */
export function mapOecdRecord(record: SourceRecord, defaults: ImportDefaults): MappedRecord {
  const { fields } = record;
  const id = text(fields.id);
  const url = text(fields.url);
  const valid = id !== undefined && /^[A-Za-z0-9._-]{1,100}$/.test(id);
  return {
    row: record.row,
    sourceId: valid ? `oecd:${id}` : null,
    filing: defined({
      title: text(fields.title),
      description: text(pick(fields, 'summary', 'description')),
      occurredAt: text(fields.date),
      country: countryOf(fields.country, defaults),
      language: 'en',
      reportingOrganisation: defaults.reportingOrganisation ?? 'OECD AI Incidents Monitor (import)',
      developer: text(fields.companies)?.slice(0, 200),
      sourceUrls: url ? [url] : valid ? [`https://oecd.ai/en/incidents/${id}`] : undefined,
      tlp: defaults.tlp,
    }),
  };
}

/** Parses and maps a batch in one of the IMPORT_FORMATS. Errors: MalformedImportError for unparseable CSV. */
export function mapRecords(format: ImportFormat, input: { csv?: string; records?: Array<Record<string, unknown>> }, defaults: ImportDefaults): MappedRecord[] {
  const records = format === 'aiid-csv' ? parseAiidCsv(input.csv ?? '') : jsonRecords(input.records ?? []);
  return records.map((record) => (format === 'oecd-json' ? mapOecdRecord(record, defaults) : mapAiidRecord(record, defaults)));
}
