import { Query } from '@nestjs/cqrs';
import type { Urgency } from '@app/taxonomy';

/** One alert past its acknowledgement deadline and still unacknowledged, as an admin sees it. */
export interface OverdueAlertView {
  alertId: string;
  partnerId: string;
  partnerName: string;
  incidentId: string;
  /**
   * Null when the caller may not view the incident's content (TLP:RED now or in this version, lock-incident.ts
   * mayViewAlert: only the filing regulator's key may), so the row stays for operations without the RED title.
   */
  incidentTitle: string | null;
  version: number;
  /** CAP 1.2 msgType: Alert, Update or Cancel. */
  msgType: string;
  /** From the alert's classification; `routine` when it names none. */
  urgency: Urgency;
  /** Delivery status (pending, delivered, dead, available) and the last webhook error, if any. */
  status: string;
  lastError: string | null;
  /** Next deadline, or null when escalations are exhausted (ESCALATION_MAX_RESENDS). */
  ackDueAt: string | null;
  overdueAt: string;
  escalations: number;
}

/** A page of overdue alerts, longest overdue first; `nextCursor` is null on the last page. */
export interface OverdueAlertsPage {
  items: OverdueAlertView[];
  nextCursor: string | null;
}

/** Alerts partners have not acknowledged by their deadline (src/escalation). */
export class ListOverdueAlertsQuery extends Query<OverdueAlertsPage> {
  constructor(
    readonly limit: number,
    readonly after: string | undefined,
    /** Who asks: the incident title shows only where GET /incidents/{id} would show it. */
    readonly viewerKeyId: string,
  ) {
    super();
  }
}
