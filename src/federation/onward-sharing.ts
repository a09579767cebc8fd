import type { IncidentEventData, TlpMarking } from '@app/contracts';

/** Markings a foreign incident may travel on with (FIRST TLP 2.0: CLEAR has no limit, GREEN stays in the community). */
export const ONWARD_MARKINGS: ReadonlySet<TlpMarking> = new Set(['CLEAR', 'GREEN']);

/**
 * Whether this window may send an incident to `partnerId`, by the onward-sharing rule of foreign incidents
 * (docs/federation.md). A local incident (no `foreignOrigin`) is not limited here (its own TLP rule applies). A foreign
 * incident never goes back to the peer it came from, and never leaves this window unless its originator allowed it:
 * TLP:RED is for the named recipients only, TLP:AMBER and TLP:AMBER+STRICT for the recipient organisation (FIRST TLP
 * 2.0, "AMBER: limited disclosure, recipients can only spread this on a need-to-know basis within their organization
 * and its clients"), so those never travel on; TLP:CLEAR and TLP:GREEN go on only when the originator's alert says
 * `onwardSharing: true`. The marking itself is never changed (the copy keeps the originator's TLP).
 */
export function onwardSharingAllows(event: Pick<IncidentEventData, 'incident' | 'foreignOrigin'>, partnerId: string): boolean {
  const origin = event.foreignOrigin;
  if (!origin) return true;
  if (partnerId === origin.peerId) return false;
  return ONWARD_MARKINGS.has(event.incident.tlp) && event.incident.onwardSharing === true;
}
