import { Query } from '@nestjs/cqrs';
import type { ForeignOrigin, IncidentSnapshot } from '@app/contracts';
import type { IncidentClassification } from '@app/taxonomy';
import type { FollowUpView } from '../list-follow-ups/list-follow-ups.query.js';

/** Per-partner dissemination state of one incident's alert. */
export interface PartnerDeliveryView {
  partnerId: string;
  partnerName: string;
  alertId: string;
  version: number;
  /** CAP 1.2 msgType of this alert version: Alert, Update or Cancel. */
  msgType: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  acknowledgedAt: string | null;
  acknowledgementNote: string | null;
  /** When the acknowledgement is (next) due; null once escalations are exhausted or for rows older than deadlines. */
  ackDueAt: string | null;
  /** When the alert first went past its deadline unacknowledged (src/escalation); null if it never did. */
  overdueAt: string | null;
  /** How many times the missing acknowledgement escalated (each a re-send to a webhook partner). */
  escalations: number;
  /** Follow-ups and requests for assistance the partner sent with acknowledgements of this alert, oldest first. */
  followUps: FollowUpView[];
}

/** One analyst review: who decided what on which axes, and why (table `classification_overrides`). */
export interface ReviewView {
  reviewNumber: number;
  reviewedAt: string;
  reviewedBy: { keyId: string; name: string };
  axes: Array<{ axis: string; fromLabel: string; toLabel: string; reason: string; machineClassifierVersion: string }>;
}

export interface IncidentView {
  incident: IncidentSnapshot;
  /**
   * The classification in force: the newest row, i.e. the machine result, or after a review the machine result with
   * the reviewed labels overlaid and a `review` member naming the machine's labels (labels-in-force.ts).
   */
  classification: IncidentClassification | null;
  /** Present when a review is in force: the newest machine result, unchanged, with its evidence. */
  machineClassification?: IncidentClassification;
  /** Every review, oldest first (empty when never reviewed). */
  reviews: ReviewView[];
  deliveries: PartnerDeliveryView[];
  /**
   * Incidents linked as likely reports of the same event (src/correlation; GET /incidents/{id}/related has their
   * titles), best first, only those the caller may see: `{ incidentId, originJurisdiction, score, signals }`.
   */
  related: Array<{ incidentId: string; originJurisdiction: string; score: number; signals: string[] }>;
  /**
   * Present for a foreign incident (received from a peer single window, src/federation): the peer, the originator's
   * jurisdiction, incident id, and the newest alert applied with its version. Such an incident is changed only by the
   * originator's alerts.
   */
  foreignOrigin?: ForeignOrigin;
}

/** Read one incident with its newest classification and per-partner delivery status. */
export class GetIncidentQuery extends Query<IncidentView> {
  constructor(readonly incidentId: string,
    /** Who asks: a TLP:RED incident is only shown to the key that filed it (lock-incident.ts mayView). */
    readonly viewerKeyId: string,
  ) {
    super();
  }
}
