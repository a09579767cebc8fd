import type { IncidentClassification } from '@app/taxonomy';
import type { IncidentSnapshot } from './incident-filed.event.js';

/** Message types as in OASIS CAP 1.2 §3.2.1 `msgType`. Only `Alert` is produced until versioning lands. */
export type AlertMessageType = 'Alert' | 'Update' | 'Cancel';

/**
 * Data of an `org.aisw.alert.v1` CloudEvent: what a partner single window receives about an incident.
 * `alertId` is deterministic in (incident, partner, version), so a re-routed or re-sent alert keeps its id.
 */
export interface AlertData {
  alertId: string;
  msgType: AlertMessageType;
  version: number;
  partnerId: string;
  sentAt: string;
  incident: IncidentSnapshot;
  classification: IncidentClassification;
}
