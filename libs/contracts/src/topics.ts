/**
 * Kafka topic names. A prefix (config `KAFKA_TOPIC_PREFIX`) lets several deployments or test runs share a broker.
 * Change together with docs/asyncapi.yaml.
 */
export const incidentEventsTopic = (prefix: string): string => `${prefix}.incident-events.v1`;

/** Partitions of a partner alerts topic: one, so a partner reads its alerts in the order they were routed. */
export const PARTNER_ALERTS_PARTITIONS = 1;

/** One topic per partner single window, created at onboarding; `partnerSlug` is [a-z0-9-]{1,60}. */
export const partnerAlertsTopic = (prefix: string, partnerSlug: string): string =>
  `${prefix}.partner.${partnerSlug}.alerts.v1`;


/** Partitions of a partner acknowledgement topic: one, so a partner's acknowledgements are applied in the order sent. */
export const PARTNER_ACKS_PARTITIONS = 1;

/**
 * One acknowledgement topic per partner single window. The topic names the partner: the app applies a message only to
 * that partner's alerts, and in production only that partner's Kafka principal may write it (ACL; docs/partner-integration.md).
 */
export const partnerAcksTopic = (prefix: string, partnerSlug: string): string =>
  `${prefix}.partner.${partnerSlug}.acks.v1`;

/** The partner slug a `partnerAcksTopic(prefix, slug)` name carries; undefined for any other topic. */
export function partnerSlugOfAcksTopic(prefix: string, topic: string): string | undefined {
  const head = `${prefix}.partner.`;
  const tail = '.acks.v1';
  if (!topic.startsWith(head) || !topic.endsWith(tail)) return undefined;
  const slug = topic.slice(head.length, topic.length - tail.length);
  return /^[a-z0-9-]{1,60}$/.test(slug) ? slug : undefined;
}
