import { Query } from '@nestjs/cqrs';
import type { IncidentSnapshot } from '@app/contracts';
import type { IncidentClassification } from '@app/taxonomy';

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
}

export interface IncidentView {
  incident: IncidentSnapshot;
  classification: IncidentClassification | null;
  deliveries: PartnerDeliveryView[];
}

/** Read one incident with its newest classification and per-partner delivery status. */
export class GetIncidentQuery extends Query<IncidentView> {
  constructor(readonly incidentId: string) {
    super();
  }
}
