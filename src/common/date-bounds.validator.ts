import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Earliest `occurredAt` an incident may have, filed here (POST /incidents) or received from a peer (POST /federation/alerts). */
export const EARLIEST_OCCURRED_AT = '1950-01-01';

/** Clock and time-zone slack of "not in the future": one day, in ms. */
export const FUTURE_SLACK_MS = 86_400_000;

/** True when `value` is a date string earlier than `earliest` (ISO 8601 date); false for later ones and non-dates. */
export const isBefore = (value: unknown, earliest: string): boolean =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && Date.parse(value) < Date.parse(earliest);

/** True when `value` is a date string later than `now` plus FUTURE_SLACK_MS; false for earlier ones and non-dates. */
export const isAfterNow = (value: unknown, now: number = Date.now()): boolean =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value)) && Date.parse(value) > now + FUTURE_SLACK_MS;

/** Date string not earlier than `earliest` (ISO 8601 date). Non-dates are left to @IsISO8601. */
export function IsNotBefore(earliest: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must not be before ${earliest}`, ...options },
      validator: { validate: (value: unknown) => !isBefore(value, earliest) },
    });
}

/** Date string not later than the time of validation (plus FUTURE_SLACK_MS of clock and time-zone slack). */
export function IsNotAfterNow(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotAfterNow',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not be in the future', ...options },
      validator: { validate: (value: unknown) => !isAfterNow(value) },
    });
}
