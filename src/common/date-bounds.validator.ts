import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Date string not earlier than `earliest` (ISO 8601 date). Non-dates are left to @IsISO8601. */
export function IsNotBefore(earliest: string, options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: `$property must not be before ${earliest}`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) >= Date.parse(earliest),
      },
    });
}

/** Date string not later than the time of validation (plus one day of clock and time-zone slack). */
export function IsNotAfterNow(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotAfterNow',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must not be in the future', ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value !== 'string' || Number.isNaN(Date.parse(value)) || Date.parse(value) <= Date.now() + 86_400_000,
      },
    });
}
