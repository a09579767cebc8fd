import { registerDecorator, type ValidationOptions } from 'class-validator';

/** Why the WHATWG URL parser (Node's `URL`, every browser and fetch) refuses a URL, e.g. one with an IPv6 zone id. */
export const NOT_WHATWG_URL = 'not a URL the WHATWG URL Standard accepts (which deliveries use); an IPv6 zone id such as %25eth0 never is';
/** Why a URL with userinfo is refused: whoever reads it would see the credentials. */
export const URL_WITH_CREDENTIALS = 'a URL may not carry credentials (user:password@ before the host): they would be stored and shown in plain text';

/**
 * The refusal of `url` on its form alone, or null: not parseable by the WHATWG URL parser (RFC 3986 validators accept
 * an IPv6 zone id `[fe80::1%25eth0]`, the WHATWG parser never does), or carrying a user name or password. Says nothing
 * about where the URL points (DestinationGuard.refusalOf adds that for URLs this window calls).
 */
export function urlFormRefusal(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return NOT_WHATWG_URL;
  }
  return parsed.username !== '' || parsed.password !== '' ? URL_WITH_CREDENTIALS : null;
}

/**
 * A list of URLs each of which passes urlFormRefusal (a list of others' URLs passed on as text, like an incident's
 * `sourceUrls`: forwarded to partners, so no credentials and nothing their parsers refuse; private addresses are fine,
 * nothing fetches them). Non-arrays and non-strings are left to @IsArray / @IsUrl. Errors: one line per refused element,
 * `sourceUrls.1: <refusal>`, which the app's validation pipe reports under the field `sourceUrls.1` (validation.ts).
 */
export function EachUrlOfSharableForm(validationOptions?: ValidationOptions): PropertyDecorator {
  const refusals = (value: unknown, property: string): string[] =>
    Array.isArray(value)
      ? value.flatMap((url: unknown, index) => {
          const refusal = typeof url === 'string' ? urlFormRefusal(url) : null;
          return refusal ? [`${property}.${index}: ${refusal}`] : [];
        })
      : [];
  return (target, propertyName) =>
    registerDecorator({
      name: 'eachUrlOfSharableForm',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: (args) => refusals(args.value, args.property).join('\n'), ...validationOptions },
      validator: { validate: (value: unknown) => refusals(value, propertyName as string).length === 0 },
    });
}
