import type { AlertData } from '@app/contracts';
import { AISW_INCIDENT_EXTENSION_ID, stixIncidentId, stixJurisdictionIdentityId, TLP_2_MARKING_IDS } from './stix-ids.js';
import type { StixObject } from './static-objects.js';

/** STIX timestamps carry milliseconds and `Z` (STIX 2.1 §3.2). */
const stixTimestamp = (iso: string): string => new Date(iso).toISOString();

/** Copies only the entries whose value is present (STIX optional properties are omitted, never null). */
function present(entries: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0)),
  );
}

/**
 * One alert version as a STIX 2.1 `incident` SDO (§4.8): id `incident--<uuidv5(incident id)>`; `created` = when the
 * incident was filed, `modified` = the version's `updatedAt` (so each alert version is one object version); a
 * `Cancel` is `revoked: true`; the TLP 2.0 marking in `object_marking_refs`; the incident id and the source URLs as
 * external references; our fields in the property extension `AISW_INCIDENT_EXTENSION_ID`.
 */
export function toStixIncident(alert: AlertData): StixObject {
  const { incident, classification } = alert;
  return {
    type: 'incident',
    spec_version: '2.1',
    id: stixIncidentId(incident.id),
    created_by_ref: stixJurisdictionIdentityId(incident.originJurisdiction),
    created: stixTimestamp(incident.filedAt),
    modified: stixTimestamp(incident.updatedAt),
    name: incident.title,
    description: incident.description,
    ...(alert.msgType === 'Cancel' ? { revoked: true } : {}),
    lang: incident.language,
    external_references: [
      { source_name: 'aisw', external_id: incident.id, description: `incident filed with the ${incident.originJurisdiction} single window` },
      ...incident.sourceUrls.map((url) => ({ source_name: 'source', url })),
    ],
    object_marking_refs: [TLP_2_MARKING_IDS[incident.tlp]],
    extensions: {
      [AISW_INCIDENT_EXTENSION_ID]: present({
        extension_type: 'property-extension',
        alert_id: alert.alertId,
        msg_type: alert.msgType,
        incident_version: alert.version,
        references: alert.references,
        note: alert.note,
        incident_id: incident.id,
        status: incident.status,
        occurred_at: stixTimestamp(incident.occurredAt),
        country: incident.country,
        origin_jurisdiction: incident.originJurisdiction,
        sector: incident.sector,
        reporting_organisation: incident.reportingOrganisation,
        ai_system_name: incident.aiSystemName,
        developer: incident.developer,
        deployer: incident.deployer,
        harm_description: incident.harmDescription,
        tlp: incident.tlp,
        classifier_version: classification.classifierVersion,
        mechanism: classification.mechanism.label,
        mechanism_confidence: classification.mechanism.confidence,
        magnitude: classification.magnitude.label,
        magnitude_confidence: classification.magnitude.confidence,
        risk_source: classification.source.label,
        risk_source_confidence: classification.source.confidence,
        harm_types: classification.harmTypes?.map((harm) => harm.type),
        severity: classification.severity?.label,
        urgency: classification.urgency?.label,
        red_line_flags: classification.redLineFlags?.map((flag) => flag.flag),
      }),
    },
  };
}
