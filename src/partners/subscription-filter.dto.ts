import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO31661Alpha2,
  IsOptional,
  ValidateIf,
  ValidatorConstraint,
  Validate,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { SUBSCRIPTION_FILTER_PARTS, type SubscriptionEntity } from './subscription.entity.js';
import { subscriptionIdentity } from './subscription-identity.js';
import { HARM_TYPES, MAGNITUDES, MECHANISMS, RED_LINE_FLAGS, RISK_SOURCES, SECTORS, SEVERITIES, UNDETERMINED, URGENCIES } from '@app/taxonomy';

/** A list may be omitted (unchanged / empty) or [] (any value) but not null. */
const ListIfGiven = (): PropertyDecorator => ValidateIf((_, value) => value !== undefined);

/** A filter list names each code once (`["misuse", "misuse"]`, or `["gb", "GB"]` for countries, is refused: 400 naming the list). */
const NoRepeats = (identify: (value: unknown) => unknown = (value) => value): PropertyDecorator =>
  ArrayUnique(identify, { message: ({ property }) => `${property} must not name a value twice` });

/** Message of a non-boolean `all`; BooleanIfGivenConstraint and ExplicitAllConstraint both give it. */
const allMustBeBoolean = (property: string): string => `${property} must be a boolean (true or false), not a string or number`;

/** `all` omitted or a boolean; a constraint, not `ValidateIf`, so a subclass can still validate an omitted `all`. */
@ValidatorConstraint({ name: 'booleanIfGiven' })
class BooleanIfGivenConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return value === undefined || typeof value === 'boolean';
  }

  defaultMessage({ property }: ValidationArguments): string {
    return allMustBeBoolean(property);
  }
}

/** Words of the 400s about `all`, shared by new filters and PATCH (update-subscription.handler.ts). */
export const ALL_REQUIRED = `this filter gives no part that narrows it, so it would take every alert: send all: true to subscribe to everything, or give a part (${SUBSCRIPTION_FILTER_PARTS.join(', ')})`;
export const ALL_WITH_PARTS = 'all: true takes every alert; send it without filter parts (trendSignals aside)';

/**
 * A subscription filter over the taxonomy vocabulary (libs/taxonomy; GET /taxonomy lists the codes). Every list is
 * "any of"; an omitted or empty list matches every value; all given parts must match. Unknown codes answer 400
 * naming the field. Routing rule: src/dissemination/routing-rules.ts `subscriptionMatches`. Used as is by PATCH (the
 * given parts change); a new filter is a NewSubscriptionFilterDto, which requires `all: true` to take everything.
 */
export class SubscriptionFilterDto {
  @ApiPropertyOptional({
    type: Boolean,
    description:
      'true: take every alert (no other filter part may be given; trendSignals may). A new filter that narrows nothing must say ' +
      'all: true (else 400 naming all); on PATCH, all: true clears every part, and a change that leaves a filter narrowing ' +
      'nothing must say it too. Reads show all: true for a subscription that takes every alert',
  })
  @Validate(BooleanIfGivenConstraint) // no ValidateIf/IsOptional: they would also skip NewSubscriptionFilterDto's check
  all?: boolean;

  @ApiPropertyOptional({ enum: [...MECHANISMS, UNDETERMINED], isArray: true })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(3)
  @IsIn([...MECHANISMS, UNDETERMINED], { each: true })
  mechanisms?: string[];

  @ApiPropertyOptional({ enum: [...MAGNITUDES, UNDETERMINED], isArray: true })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(3)
  @IsIn([...MAGNITUDES, UNDETERMINED], { each: true })
  magnitudes?: string[];

  @ApiPropertyOptional({ enum: [...RISK_SOURCES, UNDETERMINED], isArray: true })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(3)
  @IsIn([...RISK_SOURCES, UNDETERMINED], { each: true })
  sources?: string[];

  @ApiPropertyOptional({ type: [String], description: 'ISO 3166-1 alpha-2 codes of the country where the incident occurred', maxItems: 250 })
  @ListIfGiven()
  @IsArray()
  @NoRepeats((country) => (typeof country === 'string' ? country.toUpperCase() : country))
  @ArrayMaxSize(250)
  @IsISO31661Alpha2({ each: true })
  countries?: string[];

  @ApiPropertyOptional({ enum: SECTORS, isArray: true, description: "The filer's sector, else the one the classifier found in the text" })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(SECTORS.length)
  @IsIn(SECTORS, { each: true })
  sectors?: string[];

  @ApiPropertyOptional({
    enum: SEVERITIES,
    nullable: true,
    description: 'Severity at or above this (negligible < minor < moderate < severe < critical); an undetermined severity does not match; null = any',
  })
  @IsOptional()
  @IsIn(SEVERITIES)
  minSeverity?: string | null;

  @ApiPropertyOptional({ enum: HARM_TYPES, isArray: true, description: 'Matches when the incident shows any of these harm types' })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(HARM_TYPES.length)
  @IsIn(HARM_TYPES, { each: true })
  harmTypes?: string[];

  @ApiPropertyOptional({ enum: URGENCIES, isArray: true, description: 'Alert urgency (TAXONOMY.md urgency rule)' })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(URGENCIES.length)
  @IsIn(URGENCIES, { each: true })
  urgencies?: string[];

  @ApiPropertyOptional({ enum: RED_LINE_FLAGS, isArray: true, description: 'Matches when the incident shows any of these red lines' })
  @ListIfGiven()
  @IsArray()
  @NoRepeats()
  @ArrayMaxSize(RED_LINE_FLAGS.length)
  @IsIn(RED_LINE_FLAGS, { each: true })
  redLineFlags?: string[];

  @ApiPropertyOptional({
    type: Boolean,
    default: false,
    description:
      'Also receive surge alerts (org.aisw.surge-alert.v1, routine, when the single window sends them): a surge of a category ' +
      'matches when the list of that category accepts its value and no other part narrows the filter (docs/signals.md)',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  trendSignals?: boolean;
}

/** The stored columns of a filter: omitted lists become [] (any), countries upper-case. */
export function subscriptionColumns(filter: SubscriptionFilterDto): Omit<SubscriptionEntity, 'id' | 'partnerId' | 'createdAt' | 'updatedAt'> {
  return {
    mechanisms: filter.mechanisms ?? [],
    magnitudes: filter.magnitudes ?? [],
    sources: filter.sources ?? [],
    countries: (filter.countries ?? []).map((country) => country.toUpperCase()),
    sectors: filter.sectors ?? [],
    minSeverity: filter.minSeverity ?? null,
    harmTypes: filter.harmTypes ?? [],
    urgencies: filter.urgencies ?? [],
    redLineFlags: filter.redLineFlags ?? [],
    trendSignals: filter.trendSignals ?? false,
  };
}

/**
 * `all` of a new filter: a boolean when given, required true when the filter narrows nothing, refused with filter
 * parts. It checks the type itself: class-validator drops the inherited BooleanIfGivenConstraint for a property the
 * subclass validates with a constraint of its own, so `"yes"` or `0` would otherwise pass as "not true".
 */
@ValidatorConstraint({ name: 'explicitAll' })
class ExplicitAllConstraint implements ValidatorConstraintInterface {
  validate(all: unknown, { object }: ValidationArguments): boolean {
    if (all !== undefined && typeof all !== 'boolean') return false;
    // `{"mechanism": [...]}` (a misspelt part) is refused by name as an unknown property; "narrows nothing" would only
    // add noise about `all` to that 400.
    if (all === undefined && Object.keys(object).some((key) => !FILTER_FIELDS.has(key))) return true;
    return narrowsNothing(object) ? all === true : all !== true;
  }

  defaultMessage({ object, property, value }: ValidationArguments): string {
    if (value !== undefined && typeof value !== 'boolean') return allMustBeBoolean(property);
    return narrowsNothing(object) ? ALL_REQUIRED : ALL_WITH_PARTS;
  }
}

/** The fields of a filter in a request body: its parts, `all` and `trendSignals`. */
const FILTER_FIELDS = new Set<string>([...SUBSCRIPTION_FILTER_PARTS, 'all', 'trendSignals']);

/** Like `takesEveryAlert`, over a request body whose values may still be invalid (those count as narrowing). */
const narrowsNothing = (filter: object): boolean =>
  SUBSCRIPTION_FILTER_PARTS.every((part) => {
    const value = (filter as Record<string, unknown>)[part];
    return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
  });

/**
 * A new subscription (POST /partners/{id}/subscriptions, each of `subscriptions` at onboarding): as
 * SubscriptionFilterDto, but one that narrows nothing (`{}`, `{ "trendSignals": true }`) is refused with 400 naming
 * `all` unless it says `all: true`, so subscribing to everything is always explicit; `all: true` with a filter part
 * is refused too. Stored subscriptions are read as before (`all` is derived, not stored).
 */
export class NewSubscriptionFilterDto extends SubscriptionFilterDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Required true for a filter that narrows nothing (subscribe to everything); refused with filter parts' })
  @Validate(ExplicitAllConstraint)
  declare all?: boolean;
}

/**
 * `subscriptions` at onboarding: no filter given twice (same parts, lists in any order), 400 naming `subscriptions`.
 * Items that are not valid filters yet are left to their own errors.
 */
@ValidatorConstraint({ name: 'distinctSubscriptions' })
export class DistinctSubscriptionsConstraint implements ValidatorConstraintInterface {
  validate(filters: unknown): boolean {
    return repeatedFilter(filters) === null;
  }

  defaultMessage({ value }: ValidationArguments): string {
    const [first, second] = repeatedFilter(value) ?? [0, 0];
    return `subscriptions.${first} and subscriptions.${second} are the same filter; give each filter once`;
  }
}

/** The positions of the first two identical filters of `filters`, or null. */
function repeatedFilter(filters: unknown): [number, number] | null {
  if (!Array.isArray(filters)) return null;
  const seen = new Map<string, number>();
  for (const [index, filter] of filters.entries()) {
    let identity: string;
    try {
      identity = subscriptionIdentity(subscriptionColumns(filter as SubscriptionFilterDto));
    } catch {
      continue; // not a filter (its own errors name it)
    }
    const earlier = seen.get(identity);
    if (earlier !== undefined) return [earlier, index];
    seen.set(identity, index);
  }
  return null;
}
