/** Urgency of a request for assistance, in the words of alert urgency (TAXONOMY.md: flash, priority, routine). */
export type AssistanceUrgency = 'flash' | 'priority' | 'routine';

/** Structured values a follow-up may carry next to its text (e.g. `{ "affectedUsers": 1200, "systemWithdrawn": true }`). */
export type FollowUpFields = Record<string, string | number | boolean>;

/** Follow-up information a partner sends back with an acknowledgement. */
export interface FollowUpInformation {
  /** Plain text, 1..4000 characters. */
  text: string;
  /** At most 20 fields; names `^[A-Za-z][A-Za-z0-9_]{0,63}$`, string values at most 500 characters. */
  fields?: FollowUpFields;
}

/** A request for assistance a partner sends back with an acknowledgement. */
export interface AssistanceRequest {
  /** What is asked, plain text, 1..4000 characters. */
  request: string;
  urgency: AssistanceUrgency;
}

/**
 * Data of an `org.aisw.alert.acknowledgement.v1` CloudEvent, which a partner produces to its acknowledgement topic
 * (`partnerAcksTopic`), or the body of `POST /alerts/{alertId}/ack` without `alertId`. The first acknowledgement of an
 * alert sets its time and note; a follow-up or request for assistance is stored with every acknowledgement that
 * carries one (once per CloudEvents `id`).
 */
export interface AcknowledgementData {
  /** The acknowledged alert (`data.alertId` of the alert; CloudEvents `subject` of the acknowledgement). */
  alertId: string;
  /** Free text, at most 2000 characters. */
  note?: string;
  followUp?: FollowUpInformation;
  assistanceRequest?: AssistanceRequest;
}

/** Bounds shared by the JSON Schema, the REST DTO and the partner SDK. */
export const ACKNOWLEDGEMENT_LIMITS = {
  noteLength: 2000,
  textLength: 4000,
  fieldCount: 20,
  fieldNamePattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$',
  fieldValueLength: 500,
} as const;
