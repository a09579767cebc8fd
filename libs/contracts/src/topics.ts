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

