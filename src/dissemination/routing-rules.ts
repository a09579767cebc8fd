import { EventTypes, type AlertMessageType, type IncidentEventData, type TlpMarking } from '@app/contracts';

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
 * TLP 2.0 (FIRST, 2022) as applied to partner agencies: CLEAR, GREEN, AMBER and AMBER+STRICT may go to partner
 * single windows (all are agencies with a need to know); RED goes only to recipients named by the filer, and
 * naming recipients arrives with the dissemination issue, so RED is never routed yet.
 */
export function tlpAllowsPartnerDelivery(tlp: TlpMarking): boolean {
  return tlp !== 'RED';
}

/**
 * The partners an incident's alert goes to: active, TLP allows it, and at least one subscription matches.
 * Result is ordered by slug (deterministic).
 */
export function selectRecipients(event: IncidentEventData, partners: RoutablePartner[]): RoutablePartner[] {
  if (!tlpAllowsPartnerDelivery(event.incident.tlp)) return [];
  return partners
    .filter((partner) => partner.status === 'active')
    .filter((partner) => partner.subscriptions.some((filter) => subscriptionMatches(filter, event)))
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
 *   `Alert` to active partners that match now for the first time, and `Cancel` to earlier recipients when the
 *   new TLP no longer allows partner delivery (narrowed sharing propagates).
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
      const allowed = tlpAllowsPartnerDelivery(event.incident.tlp);
      const matching = new Set(selectRecipients(event, partners).map((partner) => partner.id));
      return bySlug.flatMap((partner): PlannedAlert[] => {
        const earlier = earlierRecipients.has(partner.id);
        if (earlier && !allowed) {
          return [{ partner, msgType: 'Cancel', note: `sharing narrowed to TLP:${event.incident.tlp}` }];
        }
        if (earlier && partner.status === 'active') return [{ partner, msgType: 'Update', note: 'incident amended' }];
        if (!earlier && matching.has(partner.id)) return [{ partner, msgType: 'Alert' }];
        return [];
      });
    }
    default:
      return [];
  }
}
