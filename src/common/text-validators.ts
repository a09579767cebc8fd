import { registerDecorator, type ValidationOptions } from 'class-validator';

// No C0/C1 control characters other than tab, line feed and carriage return, no unpaired surrogates (invalid UTF-16
// from JSON \uD800 escapes, which PostgreSQL would store as U+FFFD and lose, or reject as NUL), and no bidirectional
// embeddings, overrides or isolates (U+202A–U+202E, U+2066–U+2069): invisible, they make text display in another order
// than it is stored ("Trojan Source", CVE-2021-42574; `Invoice \u202Egpj.exe` shows as `Invoice exe.jpg`). Right-to-left
// letters (Arabic, Hebrew) and the implicit marks U+200E/U+200F/U+061C stay accepted: they cannot reorder what follows.
const BIDI_CONTROLS = '\u202A-\u202E\u2066-\u2069';
/** The plain-text rule as a `u`-flag regular expression source (also used by JSON Schemas validated with Ajv). */
export const PLAIN_TEXT_PATTERN = `^(?:[\\t\\n\\r]|[^\\p{Cc}\\p{Cs}${BIDI_CONTROLS}])*$`;
const PLAIN_TEXT = new RegExp(PLAIN_TEXT_PATTERN, 'u');
// Something a reader can see: not only white space, format characters (zero-width space, BOM, bidi marks) or marks.
const VISIBLE = /[^\s\p{Cf}\p{M}]/u;

/**
 * String of plain text: no control characters except tab and line breaks, no bidirectional embedding, override or
 * isolate characters (U+202A–U+202E, U+2066–U+2069), no unpaired surrogates. Non-strings are left to @IsString. With
 * `{ visible: true }` it must also contain at least one visible character. Errors: one message naming the property.
 */
export function IsPlainText(options: { visible?: boolean } = {}, validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: options.visible
          ? '$property must be plain text with at least one visible character (no control characters, bidirectional overrides or unpaired surrogates)'
          : '$property must be plain text (no control characters, bidirectional overrides or unpaired surrogates)',
        ...validationOptions,
      },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return true;
          if (!PLAIN_TEXT.test(value)) return false;
          return !options.visible || VISIBLE.test(value);
        },
      },
    });
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;

/**
 * True when `value` is an RFC 3339 calendar date (`YYYY-MM-DD`) or date-time with seconds optional and a zone (`Z` or
 * ±hh:mm) — not ISO 8601's week, ordinal or basic forms — naming a day and time that exist (no 2019-02-30, no 25:61):
 * what PostgreSQL can take as a timestamptz without "date/time field value out of range".
 */
export function isCalendarDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = CALENDAR_DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const validDay = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  const validTime = match[4] === undefined || (Number(match[4]) < 24 && Number(match[5]) < 60 && Number(match[6] ?? 0) < 60);
  return validDay && validTime && !Number.isNaN(Date.parse(value));
}

/** Property that isCalendarDate accepts. Errors: one message naming the property. */
export function IsCalendarDate(validationOptions?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a date YYYY-MM-DD or a date-time YYYY-MM-DDThh:mm[:ss]Z (RFC 3339)', ...validationOptions },
      validator: { validate: isCalendarDate },
    });
}
