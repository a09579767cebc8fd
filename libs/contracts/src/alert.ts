import type { IncidentClassification } from '@app/taxonomy';
import type { IncidentSnapshot } from './incident-filed.event.js';

/**
 * Message types as in OASIS CAP 1.2 §3.2.1 `msgType`: `Alert` (first version to this partner), `Update` (the
 * incident was amended), `Cancel` (the incident was retracted, or its sharing narrowed so this partner may no
 * longer hold it).
 */
export type AlertMessageType = 'Alert' | 'Update' | 'Cancel';

/**
 * Data of an `org.aisw.alert.v1` CloudEvent: what a partner single window receives about an incident.
 * `alertId` is deterministic in (incident, partner, version), so a re-routed or re-sent alert keeps its id.
 */
export interface AlertData {
  alertId: string;
  msgType: AlertMessageType;
  /** The incident version this alert carries. */
  version: number;
  /** Alert ids of the earlier versions this partner was sent (CAP 1.2 `references`), oldest first. */
  references: string[];
  /** Why an `Update` or `Cancel` was sent (e.g. the retraction reason). */
  note?: string;
  partnerId: string;
  sentAt: string;
  incident: IncidentSnapshot;
  classification: IncidentClassification;
  /**
   * What the sending single window redacted before the alert left its jurisdiction, as counts per kind (`email`,
   * `phone`, `cnResidentId`, `usSsn`, `ukNino`, `iban`, `personalField`); never the values. Absent or empty: nothing.
   */
  redactions?: Record<string, number>;
}
