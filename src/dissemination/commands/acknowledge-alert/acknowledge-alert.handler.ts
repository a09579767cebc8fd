import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { AcknowledgementData } from '@app/contracts';
import { DomainError } from '../../../common/domain-error.js';
import { rowsOf } from '../../../database/rows-of.js';
import { AcknowledgementMessageEntity } from '../../acknowledgement-message.entity.js';
import { FollowUpEntity, type FollowUpKind } from '../../follow-up.entity.js';
import { AcknowledgeAlertCommand, type AcknowledgeAlertResult } from './acknowledge-alert.command.js';

/**
 * Records the acknowledgement on the partner's delivery (a delivery still being retried counts as delivered) and
 * stores its follow-up and request for assistance, in one transaction. Safe to repeat and in any order: the first
 * acknowledgement keeps its time and note, a follow-up is stored once per (partner, messageId).
 * Errors: ALERT.NOT_FOUND (404) when the alert does not exist or belongs to another partner (the two are not told
 * apart, so partners cannot probe each other's ids); ALERT.NO_INCIDENT (422) for a follow-up or request for
 * assistance on a surge alert, which is about a statistic, not an incident; ALERT.IDEMPOTENCY_KEY_REUSED (422) for an
 * `Idempotency-Key` the partner used before with another alert or body (`requestHash`). Every error stores nothing.
 */
@CommandHandler(AcknowledgeAlertCommand)
export class AcknowledgeAlertHandler implements ICommandHandler<AcknowledgeAlertCommand> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  execute({ partnerId, acknowledgement, messageId, requestHash }: AcknowledgeAlertCommand): Promise<AcknowledgeAlertResult> {
    const { alertId, note } = acknowledgement;
    return this.dataSource.transaction(async (manager) => {
      if (requestHash !== undefined) await claimMessage(manager, { partnerId, messageId, alertId, requestHash });
      const rows = rowsOf<{ acknowledged_at: Date; incident_id: string | null }>(await manager.query(
        `UPDATE deliveries
            SET acknowledged_at = COALESCE(acknowledged_at, now()),
                -- an acknowledgement proves receipt (e.g. through the partner's Kafka topic): stop webhook retries
                status = CASE WHEN status = 'pending' THEN 'delivered' ELSE status END,
                delivered_at = CASE WHEN status = 'pending' THEN now() ELSE delivered_at END,
                acknowledgement_note = CASE WHEN acknowledged_at IS NULL THEN $3 ELSE acknowledgement_note END
          WHERE alert_id = $1 AND partner_id = $2
          RETURNING acknowledged_at, incident_id`,
        [alertId, partnerId, note ?? null],
      ));
      if (rows.length === 0) throw new DomainError('ALERT.NOT_FOUND', `No alert ${alertId} for this partner`);
      const [{ acknowledged_at: acknowledgedAt, incident_id: incidentId }] = rows;
      if (incidentId === null) {
        // A surge alert has no incident to follow up on: refuse the follow-up (the transaction undoes the acknowledgement).
        if (acknowledgement.followUp || acknowledgement.assistanceRequest) {
          throw new DomainError('ALERT.NO_INCIDENT', `Alert ${alertId} is a surge alert: acknowledge it without followUp or assistanceRequest`);
        }
        return { alertId, acknowledgedAt: acknowledgedAt.toISOString(), followUpIds: [] };
      }
      const followUpIds = await storeFollowUps(manager, { partnerId, alertId, incidentId, messageId }, acknowledgement);
      return { alertId, acknowledgedAt: acknowledgedAt.toISOString(), followUpIds };
    });
  }
}

/**
 * Records the message's Idempotency-Key with its request hash, first of the transaction (as `POST /incidents` keeps
 * `request_hash` with its key). A key recorded before with the same hash is a repeat (the rest of the handler answers
 * the first result); with another hash it is refused. A concurrent first use waits on the primary key, then reads it.
 */
async function claimMessage(
  manager: EntityManager,
  message: { partnerId: string; messageId: string; alertId: string; requestHash: string },
): Promise<void> {
  const inserted = rowsOf(await manager.query(
    `INSERT INTO acknowledgement_messages (partner_id, message_id, alert_id, request_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (partner_id, message_id) DO NOTHING RETURNING 1`,
    [message.partnerId, message.messageId, message.alertId, message.requestHash],
  ));
  if (inserted.length > 0) return;
  const earlier = await manager.findOneByOrFail(AcknowledgementMessageEntity, { partnerId: message.partnerId, messageId: message.messageId });
  if (earlier.requestHash !== message.requestHash) {
    throw new DomainError('ALERT.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with another alert or request body');
  }
}

/** Inserts the follow-up and request for assistance an acknowledgement carries; returns their ids (new or earlier). */
async function storeFollowUps(
  manager: EntityManager,
  origin: { partnerId: string; alertId: string; incidentId: string; messageId: string },
  { followUp, assistanceRequest }: AcknowledgementData,
): Promise<string[]> {
  const entries: Array<{ kind: FollowUpKind; text: string; fields: FollowUpEntity['fields']; urgency: FollowUpEntity['urgency'] }> = [];
  if (followUp) entries.push({ kind: 'follow-up', text: followUp.text, fields: followUp.fields ?? null, urgency: null });
  if (assistanceRequest) entries.push({ kind: 'assistance-request', text: assistanceRequest.request, fields: null, urgency: assistanceRequest.urgency });
  const ids: string[] = [];
  for (const entry of entries) {
    // One message may carry both kinds: the kind makes each one's message id unique.
    const messageId = `${origin.messageId}#${entry.kind}`;
    await manager.createQueryBuilder().insert().into(FollowUpEntity)
      .values({
        id: randomUUID(),
        incidentId: origin.incidentId,
        origin: 'partner',
        originKey: origin.partnerId,
        partnerId: origin.partnerId,
        alertId: origin.alertId,
        version: null,
        messageId,
        ...entry,
      })
      .orIgnore()
      .execute();
    const stored = await manager.findOneByOrFail(FollowUpEntity, { originKey: origin.partnerId, messageId });
    ids.push(stored.id);
  }
  return ids;
}
