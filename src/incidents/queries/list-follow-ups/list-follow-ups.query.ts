import { Query } from '@nestjs/cqrs';
import type { AssistanceUrgency, FollowUpFields } from '@app/contracts';
import type { Principal } from '../../../auth/api-keys.service.js';
import type { FollowUpKind, FollowUpOrigin } from '../../../dissemination/follow-up.entity.js';

/** A follow-up or request for assistance as the filer sees it. */
export interface FollowUpView {
  id: string;
  /** `partner` (sent with an acknowledgement) or `filer` (the filer's own, sent as an Update alert). */
  origin: FollowUpOrigin;
  kind: FollowUpKind;
  partnerId: string | null;
  partnerName: string | null;
  /** The acknowledged alert a partner's follow-up came with. */
  alertId: string | null;
  /** The incident version the filer's follow-up produced. */
  version: number | null;
  text: string;
  fields: FollowUpFields | null;
  /** Urgency of a request for assistance. */
  urgency: AssistanceUrgency | null;
  createdAt: string;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
}

export interface FollowUpsPage {
  items: FollowUpView[];
  /** Pass as `after` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** Row shape of `FOLLOW_UP_COLUMNS` (snake case, as PostgreSQL returns it). */
export interface FollowUpRow {
  id: string;
  origin: FollowUpOrigin;
  kind: FollowUpKind;
  partner_id: string | null;
  partner_name: string | null;
  alert_id: string | null;
  version: number | null;
  text: string;
  fields: FollowUpFields | null;
  urgency: AssistanceUrgency | null;
  created_at: Date;
  answer: string | null;
  answered_at: Date | null;
  answered_by: string | null;
}

/** SELECT list of `follow_ups f LEFT JOIN partners p ON p.id = f.partner_id` giving a FollowUpRow. */
export const FOLLOW_UP_COLUMNS =
  'f.id, f.origin, f.kind, f.partner_id, p.name AS partner_name, f.alert_id, f.version, f.text, f.fields, f.urgency, f.created_at, f.answer, f.answered_at, f.answered_by';

export const toFollowUpView = (row: FollowUpRow): FollowUpView => ({
  id: row.id,
  origin: row.origin,
  kind: row.kind,
  partnerId: row.partner_id,
  partnerName: row.partner_name,
  alertId: row.alert_id,
  version: row.version,
  text: row.text,
  fields: row.fields,
  urgency: row.urgency,
  createdAt: row.created_at.toISOString(),
  answer: row.answer,
  answeredAt: row.answered_at?.toISOString() ?? null,
  answeredBy: row.answered_by,
});

/** One keyset page of an incident's follow-ups, oldest first, for its filing regulator or an admin. */
export class ListFollowUpsQuery extends Query<FollowUpsPage> {
  constructor(
    readonly incidentId: string,
    readonly principal: Principal,
    readonly limit: number,
    readonly after: string | undefined,
  ) {
    super();
  }
}
