import { EventTypes, type AlertMessageType, type IncidentEventData, type IncidentSnapshot } from '@app/contracts';
import type { IncidentClassification } from '@app/taxonomy';

/** The parts of a subscription the router reads; an empty list matches every value. */
export interface SubscriptionFilter {
  mechanisms: string[];
  magnitudes: string[];
  sources: string[];
  countries: string[];
  sectors: string[];
}

/** A partner as the router sees it. */
export interface RoutablePartner {
  id: string;
  slug: string;
  kafkaTopic: string;
  status: 'active' | 'suspended';
  subscriptions: SubscriptionFilter[];
}

const accepts = (allowed: string[], value: string | null): boolean =>
  allowed.length === 0 || (value !== null && allowed.includes(value));

/** True when every list of the filter accepts the incident (labels from the incident's classification). */
export function subscriptionMatches(filter: SubscriptionFilter, event: IncidentEventData): boolean {
  const { incident, classification } = event;
  return (
    accepts(filter.mechanisms, classification.mechanism.label) &&
    accepts(filter.magnitudes, classification.magnitude.label) &&
    accepts(filter.sources, classification.source.label) &&
    accepts(filter.countries, incident.country) &&
    accepts(filter.sectors, incident.sector)
  );
}

/**
 * Whether TLP 2.0 (FIRST, 2022) lets `partner` hold the incident. CLEAR, GREEN, AMBER and AMBER+STRICT may go to
 * partner single windows (agencies with a need to know; only CLEAR also reaches the public feed); RED goes only to
 * the partners the filer named as recipients.
 */
export function tlpAllowsPartner(event: IncidentEventData, partner: RoutablePartner): boolean {
  return event.incident.tlp !== 'RED' || (event.recipients ?? []).includes(partner.slug);
}

/**
 * The partners an incident's alert goes to: active partners that TLP allows and that either were named as
 * recipients by the filer or have a subscription that matches. Result is ordered by slug (deterministic).
 */
export function selectRecipients(event: IncidentEventData, partners: RoutablePartner[]): RoutablePartner[] {
  const named = new Set(event.recipients ?? []);
  return partners
    .filter((partner) => partner.status === 'active' && tlpAllowsPartner(event, partner))
    .filter((partner) => named.has(partner.slug) || partner.subscriptions.some((filter) => subscriptionMatches(filter, event)))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}

/** One alert the router will send: to whom, which CAP message type, and why (for Update and Cancel). */
export interface PlannedAlert {
  partner: RoutablePartner;
  msgType: AlertMessageType;
  note?: string;
}

/**
 * Which partners get which alert for an incident event (the exchange semantics; CAP 1.2 msgType):
 * - filed: `Alert` to the recipients `selectRecipients` picks.
 * - amended: `Update` to every active partner that was sent an earlier version (it already holds the incident),
 *   `Alert` to active partners that match (or are named) now for the first time, and `Cancel` to earlier recipients
 *   the new TLP no longer allows (e.g. RED without naming them): narrowed sharing propagates.
 * - retracted: `Cancel` to every partner that was sent any earlier version, suspended or not, matching or not.
 * @param earlierRecipients ids of partners that were sent an earlier version of this incident
 * @returns planned alerts ordered by partner slug; empty for other event types
 */
export function planAlerts(
  eventType: string,
  event: IncidentEventData,
  partners: RoutablePartner[],
  earlierRecipients: ReadonlySet<string>,
): PlannedAlert[] {
  const bySlug = [...partners].sort((a, b) => a.slug.localeCompare(b.slug));
  switch (eventType) {
    case EventTypes.incidentFiled:
      return selectRecipients(event, partners).map((partner) => ({ partner, msgType: 'Alert' }));
    case EventTypes.incidentRetracted:
      return bySlug
        .filter((partner) => earlierRecipients.has(partner.id))
        .map((partner) => ({ partner, msgType: 'Cancel', note: event.reason ?? 'incident retracted by the filer' }));
    case EventTypes.incidentAmended: {
      const matching = new Set(selectRecipients(event, partners).map((partner) => partner.id));
      return bySlug.flatMap((partner): PlannedAlert[] => {
        const earlier = earlierRecipients.has(partner.id);
        if (earlier && !tlpAllowsPartner(event, partner)) {
          return [{ partner, msgType: 'Cancel', note: `sharing narrowed to TLP:${event.incident.tlp}` }];
        }
        if (earlier && partner.status === 'active') return [{ partner, msgType: 'Update', note: event.reason ?? 'incident amended' }];
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
 * The content a `Cancel` carries to a partner that may no longer hold the incident (sharing narrowed, e.g. to RED):
 * identifiers, dates, version and marking only. The current text and classification are left out, since they may be
 * exactly what the partner is no longer allowed to see. Partners that may still hold it get the full content.
 */
export function withdrawnContent(
  incident: IncidentSnapshot,
  classification: IncidentClassification,
): { incident: IncidentSnapshot; classification: IncidentClassification } {
  return {
    incident: {
      ...incident,
      title: 'Withdrawn: this incident may no longer be shared with you',
      description: 'The originating single window narrowed the sharing of this incident. Delete the earlier versions you hold.',
      sector: null,
      aiSystemName: null,
      developer: null,
      deployer: null,
      harmDescription: null,
      sourceUrls: [],
    },
    classification: {
      classifierVersion: classification.classifierVersion,
      mechanism: withdrawnAxis(),
      magnitude: withdrawnAxis(),
      source: withdrawnAxis(),
    },
  };
}
