import { TLP_MARKINGS } from '@app/contracts';
import { AISW_INCIDENT_EXTENSION_SCHEMA } from './aisw-incident-extension.schema.js';
import {
  AISW_INCIDENT_EXTENSION_ID,
  STIX_PRODUCT_IDENTITY_ID,
  stixJurisdictionIdentityId,
  TLP_2_EXTENSION_ID,
  TLP_2_MARKING_IDS,
} from './stix-ids.js';

/** A STIX 2.1 object as JSON (SDO or meta object); shapes are checked by stix-objects.schema.ts in tests. */
export type StixObject = Record<string, unknown> & { type: string; id: string; spec_version: '2.1' };

/** When the static objects below were first published; it is also their TAXII `date_added`. */
export const STATIC_OBJECTS_PUBLISHED = '2026-01-01T00:00:00.000Z';

/** The TLP 2.0 marking definitions exactly as OASIS publishes them (TLP 2.0 extension examples). */
export function tlpMarkingDefinitions(): StixObject[] {
  return TLP_MARKINGS.map((tlp) => ({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP_2_MARKING_IDS[tlp],
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${tlp}`,
    extensions: { [TLP_2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: tlp.toLowerCase() } },
  }));
}

/**
 * The objects every collection starts with: the product's identity, this jurisdiction's single window identity
 * (`created_by_ref` of the incidents), the extension definition of our classification properties (STIX 2.1 §7.3,
 * `property-extension`, JSON Schema at `AISW_INCIDENT_EXTENSION_SCHEMA.$id`, served by the app) and the five TLP 2.0
 * marking definitions.
 */
export function staticStixObjects(jurisdiction: string): StixObject[] {
  const created = STATIC_OBJECTS_PUBLISHED;
  return [
    {
      type: 'identity',
      spec_version: '2.1',
      id: STIX_PRODUCT_IDENTITY_ID,
      created,
      modified: created,
      name: 'AI Risk Single Window',
      description: 'Publisher of the AI Risk Single Window STIX extension for AI incident classification.',
      identity_class: 'organization',
    },
    {
      type: 'identity',
      spec_version: '2.1',
      id: stixJurisdictionIdentityId(jurisdiction),
      created,
      modified: created,
      name: `AI Risk Single Window (${jurisdiction})`,
      identity_class: 'organization',
      sectors: ['government-national'],
    },
    {
      type: 'extension-definition',
      spec_version: '2.1',
      id: AISW_INCIDENT_EXTENSION_ID,
      created_by_ref: STIX_PRODUCT_IDENTITY_ID,
      created,
      modified: created,
      name: 'AI Risk Single Window incident classification',
      description:
        'Classification of an AI incident on the mechanism, magnitude and source axes of the AI risk taxonomy, with ' +
        'severity, urgency, harm types, red-line flags and the alert (CAP msgType, version) that carried it.',
      schema: AISW_INCIDENT_EXTENSION_SCHEMA.$id,
      version: '1.0.0',
      extension_types: ['property-extension'],
    },
    ...tlpMarkingDefinitions(),
  ];
}
