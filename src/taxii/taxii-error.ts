/** TAXII 2.1 media types (§1.6.8). */
export const TAXII_MEDIA_TYPE = 'application/taxii+json;version=2.1';
export const STIX_MEDIA_TYPE = 'application/stix+json;version=2.1';

/**
 * An error answered in the TAXII 2.1 error message format (§3.6.1: `title`, `description`, `http_status`,
 * `error_code`, `details`) with the TAXII media type. `details.field` names the bad query parameter; `error_code`
 * carries the app's stable code where there is one (the same codes as problem+json answers).
 */
export class TaxiiError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly title: string,
    readonly description?: string,
    readonly details?: Record<string, unknown>,
    /** The app's stable error code (`AUTH.UNAUTHENTICATED`), as TAXII `error_code`. */
    readonly errorCode?: string,
  ) {
    super(description ?? title);
    this.name = 'TaxiiError';
  }
}

/** 400 for one bad query parameter. */
export const badParameter = (field: string, description: string): TaxiiError =>
  new TaxiiError(400, 'Invalid query parameter', description, { field });
