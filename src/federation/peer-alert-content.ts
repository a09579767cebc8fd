import type { AlertData } from '@app/contracts';
import { EARLIEST_OCCURRED_AT, isAfterNow, isBefore } from '../common/date-bounds.validator.js';
import { urlFormRefusal } from '../common/url-form.js';
import { ONWARD_MARKINGS } from './onward-sharing.js';

/** One refused member of a peer alert, named by its dotted path in the CloudEvent (`data.incident.occurredAt`). */
export interface AlertContentProblem {
  field: string;
  messages: string[];
}

/**
 * Content rules a verified peer alert must meet beyond the alert JSON Schema, so a peer cannot file what a local filer
 * could not (docs/federation.md, "Receiving alerts"):
 * - `data.incident.originJurisdiction` equals the sending peer's jurisdiction (`senderJurisdiction`, from `source`,
 *   proven by the HMAC), or the alert is an onward-shared foreign incident: another jurisdiction, and for `Alert` /
 *   `Update` a TLP:CLEAR or TLP:GREEN incident whose originator allowed onward sharing (`onwardSharing: true`), the
 *   only ones a window sends on (onward-sharing.ts). It never equals this window's own jurisdiction (`ownJurisdiction`):
 *   nobody else speaks for incidents filed here.
 * - `data.incident.occurredAt` is within the bounds of a local filing (`POST /incidents`, date-bounds.validator.ts):
 *   not before EARLIEST_OCCURRED_AT (1950-01-01) and not in the future (`now` plus one day of slack).
 * - each of `data.incident.sourceUrls` (not checked on a Cancel) has the form a local filing needs (url-form.ts): no
 *   credentials, parseable by the WHATWG URL parser.
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
  if (isBefore(occurredAt, EARLIEST_OCCURRED_AT)) {
    problems.push({ field: 'data.incident.occurredAt', messages: [`must not be before ${EARLIEST_OCCURRED_AT}`] });
  } else if (isAfterNow(occurredAt, now.getTime())) {
    problems.push({ field: 'data.incident.occurredAt', messages: ['must not be in the future'] });
  }
  // A Cancel withdraws a copy whatever it held.
  (alert.msgType === 'Cancel' ? [] : (alert.incident.sourceUrls ?? [])).forEach((url, index) => {
    const refusal = urlFormRefusal(url);
    if (refusal) problems.push({ field: `data.incident.sourceUrls.${index}`, messages: [refusal] });
  });
  return problems;
}
