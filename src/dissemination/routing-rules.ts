import { EventTypes, type AlertMessageType, type IncidentEventData, type IncidentSnapshot, type SurgeDimension, type SurgeSignalSnapshot } from '@app/contracts';
import { SEVERITIES, UNDETERMINED, type IncidentClassification, type Severity } from '@app/taxonomy';
import { urgencyOf } from '../escalation/ack-deadlines.js';
import { onwardSharingAllows } from '../federation/onward-sharing.js';
import type { PartnerStatus } from '../partners/partner.entity.js';

/**
 * The parts of a subscription the router reads. Every list is "any of" and an empty list matches every value;
 * `minSeverity` null matches every severity. All given parts must match (AND across parts).
 */
export interface SubscriptionFilter {
  mechanisms: string[];
  magnitudes: string[];
  sources: string[];
  countries: string[];
  sectors: string[];
  /** SEVERITIES code: the incident's severity must be at or above it; an undetermined severity does not match. */
  minSeverity: string | null;
  harmTypes: string[];
  urgencies: string[];
  redLineFlags: string[];
  /** Opt-in to surge alerts (`subscriptionMatchesSurge`). */
  trendSignals: boolean;
}

/** A partner as the router sees it. */
export interface RoutablePartner {
  id: string;
  slug: string;
  kafkaTopic: string;
  status: PartnerStatus;
  subscriptions: SubscriptionFilter[];
}

const accepts = (allowed: string[], value: string | null | undefined): boolean =>
  allowed.length === 0 || (value !== null && value !== undefined && allowed.includes(value));

const acceptsAny = (allowed: string[], values: string[]): boolean =>
  allowed.length === 0 || values.some((value) => allowed.includes(value));

const severityRank = (label: string | null | undefined): number => SEVERITIES.indexOf(label as Severity);

/** The incident's sector: the filer's, else the one the classifier found in the text (undetermined = none). */
function sectorOf(event: IncidentEventData): string | null {
  const fromText = event.classification.sector?.label;
  return event.incident.sector ?? (fromText && fromText !== UNDETERMINED ? fromText : null);
}

/**
 * True when every part of the filter accepts the incident: the three axes, harm types, severity, urgency and red
 * lines from the incident's classification (TAXONOMY.md); country and sector from the filing (sector falls back to
 * the classifier's). A classification from before classifier 0.2.0 has no harm types, severity or red lines, so a
 * filter on those does not match it; its urgency counts as `routine` (src/escalation/ack-deadlines.ts).
 */
export function subscriptionMatches(filter: SubscriptionFilter, event: IncidentEventData): boolean {
  const { incident, classification } = event;
  return (
    accepts(filter.mechanisms, classification.mechanism.label) &&
    accepts(filter.magnitudes, classification.magnitude.label) &&
    accepts(filter.sources, classification.source.label) &&
    accepts(filter.countries, incident.country) &&
    accepts(filter.sectors, sectorOf(event)) &&
    (filter.minSeverity === null ||
      (severityRank(classification.severity?.label) >= 0 && severityRank(classification.severity?.label) >= severityRank(filter.minSeverity))) &&
    acceptsAny(filter.harmTypes, (classification.harmTypes ?? []).map((harm) => harm.type)) &&
    accepts(filter.urgencies, urgencyOf(classification)) &&
    acceptsAny(filter.redLineFlags, (classification.redLineFlags ?? []).map((redLine) => redLine.flag))
  );
}

/** The list of a subscription filter that speaks about each surge dimension. */
const SURGE_FILTER_LIST = {
  mechanism: 'mechanisms',
  magnitude: 'magnitudes',
  source: 'sources',
  harmType: 'harmTypes',
  sector: 'sectors',
  country: 'countries',
} as const satisfies Record<SurgeDimension, keyof SubscriptionFilter>;

/**
 * True when a subscription takes the surge alert of `signal`: it opted in (`trendSignals`), its list for the surge's
 * category accepts the value (empty = any), and every other part is open. A surge of one category is counted over all
 * incidents, so it says nothing about the other parts: as with `subscriptionMatches` (all given parts must match), a
 * filter narrowed by another list or by minSeverity or redLineFlags does not match it. Surge alerts are routine, so an
 * `urgencies` list must include `routine`. (`{ countries: ['DE'], trendSignals: true }` gets country=DE surges only.)
 */
export function subscriptionMatchesSurge(filter: SubscriptionFilter, signal: Pick<SurgeSignalSnapshot, 'dimension' | 'value'>): boolean {
  const own = SURGE_FILTER_LIST[signal.dimension];
  const others = Object.values(SURGE_FILTER_LIST).filter((list) => list !== own);
  return (
    filter.trendSignals &&
    accepts(filter[own], signal.value) &&
    others.every((list) => filter[list].length === 0) &&
    filter.minSeverity === null &&
    filter.redLineFlags.length === 0 &&
    accepts(filter.urgencies, 'routine')
  );
}

/** Partners not removed with a subscription that takes the surge alert of `signal` (`subscriptionMatchesSurge`), by slug. */
export function selectSurgeRecipients(signal: Pick<SurgeSignalSnapshot, 'dimension' | 'value'>, partners: RoutablePartner[]): RoutablePartner[] {
  return partners
    .filter((partner) => partner.status !== 'removed' && partner.subscriptions.some((filter) => subscriptionMatchesSurge(filter, signal)))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/**
 * Whether TLP 2.0 (FIRST, 2022) lets `partner` hold the incident. CLEAR, GREEN, AMBER and AMBER+STRICT may go to
 * partner single windows (agencies with a need to know; only CLEAR also reaches the public feed); RED goes only to
 * the partners the filer named as recipients. A foreign incident (received from a peer single window) also obeys the
 * onward-sharing rule (src/federation/onward-sharing.ts): never back to its origin, AMBER and RED never on, CLEAR and
 * GREEN only when the originator allowed it; an amendment that narrows it sends a `Cancel` like any narrowing.
 */
export function tlpAllowsPartner(event: IncidentEventData, partner: RoutablePartner): boolean {
  if (!onwardSharingAllows(event, partner.id)) return false;
  return event.incident.tlp !== 'RED' || (event.recipients ?? []).includes(partner.slug);
}

/**
 * The partners an incident's alert goes to: partners not removed that TLP allows and that either were named as
 * recipients by the filer or have a subscription that matches. Suspended partners are included: their alerts are
 * routed and recorded, and the webhook dispatcher holds them until the partner is resumed. Ordered by slug.
 */
export function selectRecipients(event: IncidentEventData, partners: RoutablePartner[]): RoutablePartner[] {
  const named = new Set(event.recipients ?? []);
  return partners
    .filter((partner) => partner.status !== 'removed' && tlpAllowsPartner(event, partner))
    .filter((partner) => named.has(partner.slug) || partner.subscriptions.some((filter) => subscriptionMatches(filter, event)))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/**
 * One alert the router will send: to whom, which CAP message type, and why (for Update and Cancel). `withdrawn`: a
 * `Cancel` to a partner the incident's marking no longer allows, carrying identifiers only (`withdrawnContent`).
 */
export interface PlannedAlert {
  partner: RoutablePartner;
  msgType: AlertMessageType;
  note?: string;
  withdrawn?: boolean;
}

/**
 * Which partners get which alert for an incident event (the exchange semantics; CAP 1.2 msgType):
 * - filed: `Alert` to the recipients `selectRecipients` picks.
 * - amended: `Update` to every partner not removed that was sent an earlier version and that TLP allows, `Alert` to
 *   partners not removed that match (or are named) now for the first time, and a withdrawal `Cancel` to earlier
 *   recipients the new TLP no longer allows (e.g. RED without naming them): narrowed sharing propagates.
 * - retracted: `Cancel` to every partner that was sent any earlier version, whatever its status or subscriptions; to
 *   one TLP no longer allows, a withdrawal `Cancel`.
 * A partner whose latest alert was a withdrawal `Cancel` (`withdrawn`) holds nothing: CAP's Cancel cancelled every
 * earlier message it was sent, so it gets no further `Cancel` (neither for later amendments nor for the retraction)
 * until an amendment allows it again (then an `Update`). A withdrawal `Cancel` carries identifiers only and our words
 * as note (`sharing narrowed to TLP:RED`, `incident retracted by the filer`), never the filer's reason. A `Cancel` planned for a removed partner is recorded as a `cancelled`
 * delivery (not sent), so the filer sees that the retraction could not reach it; a suspended partner's alerts are
 * held and sent on resume.
 * @param earlierRecipients ids of partners that were sent an earlier version of this incident
 * @param withdrawn ids of partners whose latest earlier version was a withdrawal `Cancel`
 * @returns planned alerts ordered by partner slug; empty for other event types
 */
export function planAlerts(
  eventType: string,
  event: IncidentEventData,
  partners: RoutablePartner[],
  earlierRecipients: ReadonlySet<string>,
  withdrawn: ReadonlySet<string> = new Set(),
): PlannedAlert[] {
  const bySlug = [...partners].sort((a, b) => a.slug.localeCompare(b.slug));
  const withdrawal = (partner: RoutablePartner, note: string): PlannedAlert[] =>
    withdrawn.has(partner.id) ? [] : [{ partner, msgType: 'Cancel', note, withdrawn: true }];
  const retracted = 'incident retracted by the filer';
  switch (eventType) {
    case EventTypes.incidentFiled:
      return selectRecipients(event, partners).map((partner) => ({ partner, msgType: 'Alert' }));
    case EventTypes.incidentRetracted:
      return bySlug
        .filter((partner) => earlierRecipients.has(partner.id))
        .flatMap((partner): PlannedAlert[] =>
          tlpAllowsPartner(event, partner) && !withdrawn.has(partner.id)
            ? [{ partner, msgType: 'Cancel', note: event.reason ?? retracted }]
            : withdrawal(partner, retracted),
        );
    case EventTypes.incidentAmended: {
      const matching = new Set(selectRecipients(event, partners).map((partner) => partner.id));
      return bySlug.flatMap((partner): PlannedAlert[] => {
        const earlier = earlierRecipients.has(partner.id);
        if (earlier && !tlpAllowsPartner(event, partner)) return withdrawal(partner, `sharing narrowed to TLP:${event.incident.tlp}`);
        if (earlier && partner.status !== 'removed') return [{ partner, msgType: 'Update', note: event.reason ?? 'incident amended' }];
        if (!earlier && matching.has(partner.id)) return [{ partner, msgType: 'Alert' }];
        return [];
      });
    }
    default:
      return [];
  }
}

const withdrawnAxis = (): { label: 'undetermined'; confidence: number; evidence: [] } => ({ label: 'undetermined', confidence: 0, evidence: [] });

/**
 * The content of a withdrawal `Cancel` (sharing narrowed, e.g. to RED, or recipients narrowed): identifiers only. It
 * keeps the incident id, version, marking, status, origin jurisdiction and the filing and update times (none of them
 * content), and fills the other members the alert JSON Schema requires (`/schemas/alert/v1.json`) with neutral values:
 * our withdrawal text as title and description (language `en`), `reportingOrganisation` "withheld", `country` "ZZ"
 * (ISO 3166-1 user-assigned: unknown), `occurredAt` = `filedAt`, every optional field null or empty, onward sharing
 * off, and an undetermined classification. Nothing of the current version is carried, since it may be exactly what
 * the partner may no longer see.
 */
export function withdrawnContent(
  incident: IncidentSnapshot,
  classification: IncidentClassification,
): { incident: IncidentSnapshot; classification: IncidentClassification } {
  return {
    incident: {
      id: incident.id,
      title: 'Withdrawn: this incident may no longer be shared with you',
      description: 'The originating single window narrowed the sharing of this incident. Delete the earlier versions you hold.',
      occurredAt: incident.filedAt,
      country: 'ZZ',
      language: 'en',
      sector: null,
      reportingOrganisation: 'withheld',
      aiSystemName: null,
      developer: null,
      deployer: null,
      harmDescription: null,
      sourceUrls: [],
      tlp: incident.tlp,
      originJurisdiction: incident.originJurisdiction,
      filedAt: incident.filedAt,
      version: incident.version,
      status: incident.status,
      updatedAt: incident.updatedAt,
      onwardSharing: false,
    },
    classification: {
      classifierVersion: classification.classifierVersion,
      mechanism: withdrawnAxis(),
      magnitude: withdrawnAxis(),
      source: withdrawnAxis(),
    },
  };
}
