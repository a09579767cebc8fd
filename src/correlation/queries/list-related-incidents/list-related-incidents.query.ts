import { Query } from '@nestjs/cqrs';
import type { LinkReason } from '../../link-score.js';

/** One incident linked to the asked one: enough to recognise it, the score and which signals matched. */
export interface RelatedIncidentView {
  incidentId: string;
  title: string;
  occurredAt: string;
  country: string;
  language: 'en' | 'zh';
  /** The jurisdiction whose single window the related incident was filed with (a peer's for foreign incidents). */
  originJurisdiction: string;
  score: number;
  reasons: LinkReason[];
  computedAt: string;
}

export interface RelatedIncidentsView {
  incidentId: string;
  /** The score from which incidents are linked (CORRELATION_THRESHOLD). */
  threshold: number;
  /** Best first; only incidents the caller may see. */
  items: RelatedIncidentView[];
}

/** Incidents linked to one incident as likely reports of the same event, within the caller's visibility. */
export class ListRelatedIncidentsQuery extends Query<RelatedIncidentsView> {
  constructor(
    readonly incidentId: string,
    /** Who asks: a TLP:RED incident, asked or related, is visible only to the key that filed it (lock-incident.ts mayView). */
    readonly viewerKeyId: string,
  ) {
    super();
  }
}
