import { XMLBuilder } from 'fast-xml-parser';
import type { AlertData, TlpMarking } from '@app/contracts';
import type { Sector, Severity, Undetermined, Urgency } from '@app/taxonomy';

/** OASIS CAP 1.2 XML namespace and media type (CAP 1.2 §3.2, IANA `application/cap+xml`). */
export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';
export const CAP_MEDIA_TYPE = 'application/cap+xml';

export type CapUrgency = 'Immediate' | 'Expected' | 'Future' | 'Past' | 'Unknown';
export type CapSeverity = 'Extreme' | 'Severe' | 'Moderate' | 'Minor' | 'Unknown';
export type CapCertainty = 'Observed' | 'Likely' | 'Possible' | 'Unlikely' | 'Unknown';

/**
 * Our urgency → CAP `urgency` (§3.2.2): flash (red line or existential: act now) → Immediate; priority (severe, or a
 * death) → Expected (within the next hour); routine → Future. A Cancel of a retracted incident → Past (no action).
 */
export const CAP_URGENCY: Record<Urgency, CapUrgency> = { flash: 'Immediate', priority: 'Expected', routine: 'Future' };

/** Our severity → CAP `severity`: critical → Extreme, severe → Severe, moderate → Moderate, minor and negligible → Minor. */
export const CAP_SEVERITY: Record<Severity | Undetermined, CapSeverity> = {
  critical: 'Extreme',
  severe: 'Severe',
  moderate: 'Moderate',
  minor: 'Minor',
  negligible: 'Minor',
  undetermined: 'Unknown',
};

/** OECD event type → CAP `certainty`: incident (harm occurred) → Observed; hazard (could plausibly occur) → Possible. */
export const CAP_CERTAINTY: Record<'incident' | 'hazard' | Undetermined, CapCertainty> = {
  incident: 'Observed',
  hazard: 'Possible',
  undetermined: 'Unknown',
};

/** Sector → CAP `category` (§3.2.2); sectors without a CAP counterpart are `Other`. */
const CAP_CATEGORY: Partial<Record<Sector, string>> = {
  healthcare: 'Health',
  autonomous_driving: 'Transport',
  transport: 'Transport',
  industry: 'Infra',
  public_services: 'Infra',
  military: 'Security',
  biometrics: 'Security',
};

/**
 * TLP 2.0 → CAP `scope` and `restriction` (§3.2.1): CLEAR → Public; GREEN, AMBER, AMBER+STRICT → Restricted with the
 * TLP 2.0 sharing rule as `restriction`; RED → Private, addressed to the recipient partner only (`addresses`).
 */
export function capScopeOf(tlp: TlpMarking): { scope: 'Public' | 'Restricted' | 'Private'; restriction?: string } {
  switch (tlp) {
    case 'CLEAR':
      return { scope: 'Public' };
    case 'GREEN':
      return { scope: 'Restricted', restriction: 'TLP:GREEN: recipients may share within their community, not publicly' };
    case 'AMBER':
      return { scope: 'Restricted', restriction: 'TLP:AMBER: recipients may share on a need-to-know basis within their organisation and its clients' };
    case 'AMBER+STRICT':
      return { scope: 'Restricted', restriction: 'TLP:AMBER+STRICT: recipients may share on a need-to-know basis within their organisation only' };
    case 'RED':
      return { scope: 'Private' };
  }
}

/** CAP date-time (§3.3.2): `YYYY-MM-DDThh:mm:ss-00:00` for UTC; no fractional seconds, no `Z`. */
export function capDateTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}-00:00`;
}

/** What the CAP message needs beyond the alert itself. */
export interface CapContext {
  /** CAP `sender`, e.g. `aisw:CN` (no spaces, commas, `<` or `&`). */
  sender: string;
  /** Recipient partner slug: `addresses` of a Private (TLP:RED) message. */
  recipient: string;
  /** `sent` of each earlier alert in `alert.references`, by alert id (for CAP `references` triples). */
  referencedSent: Map<string, string>;
}

const parameter = (valueName: string, value: string | number) => ({ valueName: `aisw:${valueName}`, value: String(value) });

/**
 * One alert version as an OASIS CAP 1.2 `<alert>` document (UTF-8 XML, namespace `CAP_NAMESPACE`), built with
 * fast-xml-parser's builder (which escapes text). `msgType` is the alert's Alert/Update/Cancel; `references` lists
 * the earlier versions as `sender,identifier,sent` triples; urgency, severity and certainty follow the tables above
 * (docs/taxii.md repeats them); classification labels travel as `aisw:*` `eventCode`s and `parameter`s.
 */
export function toCapXml(alert: AlertData, context: CapContext): string {
  const { incident, classification } = alert;
  const { scope, restriction } = capScopeOf(incident.tlp);
  const retracted = alert.msgType === 'Cancel' && incident.status === 'retracted';
  const references = alert.references
    .filter((id) => context.referencedSent.has(id))
    .map((id) => `${context.sender},${id},${capDateTime(context.referencedSent.get(id)!)}`);
  const urgency: CapUrgency = retracted ? 'Past' : CAP_URGENCY[classification.urgency?.label ?? 'routine'];
  const info = {
    language: incident.language === 'zh' ? 'zh-CN' : 'en-US',
    category: (incident.sector && CAP_CATEGORY[incident.sector as Sector]) ?? 'Other',
    event: 'AI incident',
    ...(alert.msgType === 'Cancel' ? {} : { responseType: 'Monitor' }),
    urgency,
    severity: CAP_SEVERITY[classification.severity?.label ?? 'undetermined'],
    certainty: CAP_CERTAINTY[classification.oecd?.label ?? 'undetermined'],
    eventCode: [
      parameter('mechanism', classification.mechanism.label),
      parameter('magnitude', classification.magnitude.label),
      parameter('source', classification.source.label),
    ],
    senderName: `AI Risk Single Window (${incident.originJurisdiction})`,
    headline: incident.title.slice(0, 160),
    description: incident.description,
    ...(alert.note ? { instruction: alert.note } : {}),
    ...(incident.sourceUrls[0] ? { web: incident.sourceUrls[0] } : {}),
    parameter: [
      parameter('incidentId', incident.id),
      parameter('incidentVersion', alert.version),
      parameter('tlp', incident.tlp),
      parameter('occurredAt', incident.occurredAt),
      ...(classification.urgency ? [parameter('urgency', classification.urgency.label)] : []),
      ...(classification.severity ? [parameter('severity', classification.severity.label)] : []),
      ...(classification.harmTypes ?? []).map((harm) => parameter('harmType', harm.type)),
      ...(classification.redLineFlags ?? []).map((flag) => parameter('redLineFlag', flag.flag)),
      parameter('classifierVersion', classification.classifierVersion),
    ],
    area: { areaDesc: `Country ${incident.country}`, geocode: { valueName: 'ISO3166-1', value: incident.country } },
  };
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    alert: {
      '@_xmlns': CAP_NAMESPACE,
      identifier: alert.alertId,
      sender: context.sender,
      sent: capDateTime(alert.sentAt),
      status: 'Actual',
      msgType: alert.msgType,
      source: `AI Risk Single Window ${incident.originJurisdiction}`,
      scope,
      ...(restriction ? { restriction } : {}),
      ...(scope === 'Private' ? { addresses: context.recipient } : {}),
      ...(references.length > 0 ? { references: references.join(' ') } : {}),
      incidents: incident.id,
      info,
    },
  };
  return new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true }).build(document);
}
