import type { TlpMarking } from './incident-filed.event.js';

/** Surge categories (docs/signals.md): the three taxonomy axes, harm type, sector and country. */
export const SURGE_DIMENSIONS = ['mechanism', 'magnitude', 'source', 'harmType', 'sector', 'country'] as const;
export type SurgeDimension = (typeof SURGE_DIMENSIONS)[number];

/** TLP markings a surge alert may carry: RED has no recipient list for a statistical signal, so it is not offered. */
export const SURGE_ALERT_TLP_MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'] as const satisfies readonly TlpMarking[];
export type SurgeAlertTlp = (typeof SURGE_ALERT_TLP_MARKINGS)[number];

/** The EARS figures of one surge (src/signals/ears.ts): counts per ISO week, the statistic and the method id. */
export interface SurgeFigures {
  count: number;
  expected: number;
  sd: number;
  statistic: number;
  threshold: number;
  method: string;
}

/**
 * One stored surge signal (table `surge_signals`): in the ISO week [weekStart, weekEnd) (UTC, Monday 00:00) `count`
 * incidents of `dimension` = `value` exceeded the CDC EARS threshold. `expected` is the baseline mean and `sd` the
 * baseline standard deviation used (floored at the method's minimum), `statistic` the C2 value, `threshold` its signal
 * level, `method` the method id with its parameters (`EARS-C2(baseline=7,guard=2,threshold=3,minSd=1)`).
 * Counted on the shared view (TLP:RED incidents excluded); `detectedAt` = when it was first stored (RFC 3339).
 * Source: Hutwagner et al., J Urban Health 2003;80(2 Suppl 1):i89–i96 (docs/signals.md).
 */
export interface SurgeSignalSnapshot extends SurgeFigures {
  id: string;
  dimension: SurgeDimension;
  value: string;
  weekStart: string;
  weekEnd: string;
  detectedAt: string;
}

/** Data of the internal `org.aisw.surge.detected.v1` event the signal recorder writes to the outbox. */
export interface SurgeDetectedEventData {
  signal: SurgeSignalSnapshot;
  /** Marking the alerts will carry (config SURGE_ALERTS_TLP when the signal was stored). */
  tlp: SurgeAlertTlp;
}

/**
 * Data of an `org.aisw.surge-alert.v1` CloudEvent (JSON Schema: schemas/surge-alert-v1.schema.ts): a routine alert
 * telling a partner that a category of incidents surged. `alertId` is deterministic in (signal, partner), so a
 * re-routed or re-sent alert keeps its id. It is about a statistic, not an incident: no incident text is carried.
 */
export interface SurgeAlertData {
  alertId: string;
  msgType: 'Alert';
  urgency: 'routine';
  tlp: SurgeAlertTlp;
  partnerId: string;
  sentAt: string;
  signal: SurgeSignalSnapshot;
}
