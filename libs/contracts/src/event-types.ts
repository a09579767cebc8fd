/** CloudEvents 1.0 `type` attributes (reverse-DNS, versioned), per CloudEvents spec §3.1.1 "type". */
export const EventTypes = {
  incidentFiled: 'org.aisw.incident.filed.v1',
  incidentAmended: 'org.aisw.incident.amended.v1',
  incidentRetracted: 'org.aisw.incident.retracted.v1',
  alert: 'org.aisw.alert.v1',
  /** A surge signal was stored for the first time (internal, incident events topic; libs/contracts surge-alert.ts). */
  surgeDetected: 'org.aisw.surge.detected.v1',
  /** A routine alert about a surge signal, sent to partners that opted in (`trendSignals`). */
  surgeAlert: 'org.aisw.surge-alert.v1',
  /** A partner acknowledges an alert on its acknowledgement topic (libs/contracts acknowledgement.ts). */
  acknowledgement: 'org.aisw.alert.acknowledgement.v1',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/** Kafka header names carried next to the CloudEvents `ce_*` headers. */
export const CorrelationHeaders = {
  correlationId: 'correlation_id',
  causationId: 'causation_id',
} as const;
