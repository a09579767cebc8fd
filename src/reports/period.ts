/** A reporting period: a calendar year, quarter or month, [start, end) in UTC. */
export interface ReportPeriod {
  /** As asked: `2026`, `2026-Q3` or `2026-11`. */
  code: string;
  kind: 'year' | 'quarter' | 'month';
  start: Date;
  /** Exclusive: the next period's start. */
  end: Date;
}

/** `YYYY`, `YYYY-Qn` (n 1–4) or `YYYY-MM` (01–12); years 1950–2100 (incidents occur from 1950). */
export const PERIOD_PATTERN = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;
const FIRST_YEAR = 1950;
const LAST_YEAR = 2100;

/**
 * Parses a period code: `2026` → year 2026, `2026-Q3` → July–September 2026, `2026-11` → November 2026 (UTC).
 * Returns undefined for anything else, including years outside 1950–2100.
 */
export function parsePeriod(code: string): ReportPeriod | undefined {
  const match = PERIOD_PATTERN.exec(code);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return undefined;
  if (match[2]) {
    const month = (Number(match[2]) - 1) * 3;
    return { code, kind: 'quarter', start: utc(year, month), end: utc(year, month + 3) };
  }
  if (match[3]) {
    const month = Number(match[3]) - 1;
    return { code, kind: 'month', start: utc(year, month), end: utc(year, month + 1) };
  }
  return { code, kind: 'year', start: utc(year, 0), end: utc(year + 1, 0) };
}

/** The period of the same kind just before `period`: 2026-Q1 → 2025-Q4, 2026-01 → 2025-12, 2026 → 2025. */
export function previousPeriod(period: ReportPeriod): ReportPeriod {
  const start = period.start;
  const year = start.getUTCFullYear();
  const month = start.getUTCMonth();
  if (period.kind === 'year') return { code: String(year - 1), kind: 'year', start: utc(year - 1, 0), end: start };
  if (period.kind === 'quarter') {
    const previous = utc(year, month - 3);
    return { code: `${previous.getUTCFullYear()}-Q${previous.getUTCMonth() / 3 + 1}`, kind: 'quarter', start: previous, end: start };
  }
  const previous = utc(year, month - 1);
  return { code: `${previous.getUTCFullYear()}-${String(previous.getUTCMonth() + 1).padStart(2, '0')}`, kind: 'month', start: previous, end: start };
}

const utc = (year: number, month: number): Date => new Date(Date.UTC(year, month, 1));
