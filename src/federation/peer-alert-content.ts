import type { AlertData } from '@app/contracts';
import { ONWARD_MARKINGS } from './onward-sharing.js';

/** One refused member of a peer alert, named by its dotted path in the CloudEvent (`data.incident.occurredAt`). */
export interface AlertContentProblem {
  field: string;
  messages: string[];
}

/** Clock and time-zone slack of "not in the future", as for local filings (IsNotAfterNow, 1 day in ms). */
const FUTURE_SLACK_MS = 86_400_000;

/**
 * Content rules a verified peer alert must meet beyond the alert JSON Schema, so a peer cannot file what a local filer
 * could not (docs/federation.md, "Receiving alerts"):
 * - `data.incident.originJurisdiction` equals the sending peer's jurisdiction (`senderJurisdiction`, from `source`,
 *   proven by the HMAC), or the alert is an onward-shared foreign incident: another jurisdiction, and for `Alert` /
 *   `Update` a TLP:CLEAR or TLP:GREEN incident whose originator allowed onward sharing (`onwardSharing: true`), the
 *   only ones a window sends on (onward-sharing.ts). It never equals this window's own jurisdiction (`ownJurisdiction`):
 *   nobody else speaks for incidents filed here.
 * - `data.incident.occurredAt` is not in the future (`now` plus one day of slack, as `POST /incidents`).
 * Returns the problems, empty when the alert is acceptable. Unknown members are allowed by the schema (forward
 * compatibility) and dropped by the receiver, which stores only the members it knows.
 */
export function alertContentProblems(alert: AlertData, senderJurisdiction: string, ownJurisdiction: string, now: Date): AlertContentProblem[] {
  const problems: AlertContentProblem[] = [];
  const { originJurisdiction, tlp, onwardSharing, occurredAt } = alert.incident;
  if (originJurisdiction === ownJurisdiction) {
    problems.push({ field: 'data.incident.originJurisdiction', messages: [`must not be this window's own jurisdiction (${ownJurisdiction})`] });
  } else if (
    originJurisdiction !== senderJurisdiction &&
    alert.msgType !== 'Cancel' &&
    !(ONWARD_MARKINGS.has(tlp) && onwardSharing === true)
  ) {
    problems.push({
      field: 'data.incident.originJurisdiction',
      messages: [`must be the sending peer's jurisdiction (${senderJurisdiction}) unless the incident is a CLEAR or GREEN one its originator lets travel on`],
    });
  }
  const occurred = Date.parse(occurredAt);
  if (!Number.isNaN(occurred) && occurred > now.getTime() + FUTURE_SLACK_MS) {
    problems.push({ field: 'data.incident.occurredAt', messages: ['must not be in the future'] });
  }
  return problems;
}
