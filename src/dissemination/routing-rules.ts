import type { IncidentFiledEventData, TlpMarking } from '@app/contracts';

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
export function subscriptionMatches(filter: SubscriptionFilter, event: IncidentFiledEventData): boolean {
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
export function selectRecipients(event: IncidentFiledEventData, partners: RoutablePartner[]): RoutablePartner[] {
  if (!tlpAllowsPartnerDelivery(event.incident.tlp)) return [];
  return partners
    .filter((partner) => partner.status === 'active')
    .filter((partner) => partner.subscriptions.some((filter) => subscriptionMatches(filter, event)))
    .sort((a, b) => a.slug.localeCompare(b.slug));
}
