import { v5 as uuidv5 } from 'uuid';
import type { TlpMarking } from '@app/contracts';

// UUID namespace of this product's STIX incident ids (RFC 9562 §5.5). The migration 1796600000000-TaxiiCollections
// computes the same ids in SQL: change both together, and never change it once partners hold objects.
export const STIX_INCIDENT_NAMESPACE = '6f1b2e3a-7c4d-5e8f-9a0b-1c2d3e4f5a6b';
const STIX_IDENTITY_NAMESPACE = '0c7f4f5e-2a41-5d3b-8e6f-3b9d1a2c4e70';

/** `incident--<uuidv5(incident id)>`: one STIX object per incident; its versions are the alert versions. */
export function stixIncidentId(incidentId: string): string {
  return `incident--${uuidv5(incidentId, STIX_INCIDENT_NAMESPACE)}`;
}

/** The STIX `identity` of the single window of a jurisdiction (ISO 3166-1 alpha-2). */
export function stixJurisdictionIdentityId(jurisdiction: string): string {
  return `identity--${uuidv5(`aisw/${jurisdiction}`, STIX_IDENTITY_NAMESPACE)}`;
}

/** The identity that publishes the product's extension definition (the same in every jurisdiction). */
export const STIX_PRODUCT_IDENTITY_ID = 'identity--3f6c1d1e-9b7a-4c35-8f0e-5a2d7c9b1e44';

/** The extension definition of our incident classification properties (see aisw-incident-extension.ts). */
export const AISW_INCIDENT_EXTENSION_ID = 'extension-definition--8d2f5a34-1c6e-4b7f-9e3a-2f4c6d8b0a15';

/** OASIS TLP 2.0 extension (cti-stix-common-objects, extension-definition-specifications/tlp-2.0). */
export const TLP_2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The published TLP 2.0 marking-definition ids (same source); `created` is theirs: 2022-10-01. */
export const TLP_2_MARKING_IDS: Record<TlpMarking, string> = {
  CLEAR: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  GREEN: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  AMBER: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'AMBER+STRICT': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  RED: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
};
