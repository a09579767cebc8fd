import { createHash, randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { v5 as uuidv5 } from 'uuid';
import { EventTypes, type AlertData, type ForeignOrigin, type IncidentEventData } from '@app/contracts';
import type { AlertEvent } from '@app/partner-sdk';
import { appendClassification } from '../../../classification/classification-history.js';
import { DomainError } from '../../../common/domain-error.js';
import { withdrawnContent } from '../../../dissemination/routing-rules.js';
import type { Environment } from '../../../config/environment.js';
import { IncidentEntity } from '../../../incidents/incident.entity.js';
import { queueIncidentEvent } from '../../../incidents/incident-events.js';
import { toIncidentSnapshot } from '../../../incidents/incident-snapshot.js';
import { wakeOutboxRelay } from '../../../outbox/outbox-wake.js';
import { projectIncidentSearch } from '../../../read-models/incident-search.projection.js';
import { ForeignIncidentEntity } from '../../foreign-incident.entity.js';
import { alertContentProblems, isWithdrawal } from '../../peer-alert-content.js';
import { PeerAlertVerifier } from '../../peer-alert-verifier.js';
import { PeerMessageEntity } from '../../peer-message.entity.js';
import { PeerMessageSender } from '../../peer-message.sender.js';
import { ReceivePeerAlertCommand, type PeerAlertOutcome, type ReceivePeerAlertResult } from './receive-peer-alert.command.js';

const UNIQUE_VIOLATION = '23505';
// Fixed namespace of local ids of foreign incidents (RFC 9562 §5.5): a repeat or a retry finds the same row.
const FOREIGN_INCIDENT_NAMESPACE = '0d6c3c1e-7a55-5e0b-9c52-5b8f4f1a2e77';

/** The local id of the copy of incident `originIncidentId` received from `peerId`. */
export function foreignIncidentId(peerId: string, originIncidentId: string): string {
  return uuidv5(`${peerId}/${originIncidentId}`, FOREIGN_INCIDENT_NAMESPACE);
}

/**
 * Applies an alert from a peer single window after PeerAlertVerifier accepted it and its content passed the rules a
 * local filing meets (peer-alert-content.ts: origin jurisdiction, the filing DTO's rules on the incident, the
 * classifier's contract on the classification, a storable version and note; 400 FEDERATION.INVALID_ALERT naming the
 * field, nothing stored), in one transaction with the copy's
 * link row locked: de-duplicated by the originator's incident version (alert ids are per version), so a repeat, or an
 * older version arriving late, changes nothing and answers `duplicate`. `Alert`/`Update` store or replace the foreign
 * incident (an `incidents` row with the originator's content, version, TLP, onward-sharing rule and jurisdiction, its
 * classification as checked, without members this version does not know, cause `federation`) and queue `org.aisw.incident.filed.v1` / `.amended.v1` with
 * `foreignOrigin`, so search, trends, read models and the router treat it like a local incident (the router applies
 * the onward-sharing rule). `Cancel` retracts the copy (`.retracted.v1`), which removes it from this window's views;
 * a withdrawal Cancel (sharing narrowed: `isWithdrawal`) also purges its content (`purge`).
 * Every alert, repeats included, gets one automatic acknowledgement queued for the originator (peer_messages).
 * The copy is owned by the originator: local amendments, retractions and reviews answer 409 INCIDENT.FOREIGN.
 */
@CommandHandler(ReceivePeerAlertCommand)
export class ReceivePeerAlertHandler implements ICommandHandler<ReceivePeerAlertCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly verifier: PeerAlertVerifier,
    private readonly sender: PeerMessageSender,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ rawBody, headers, correlationId }: ReceivePeerAlertCommand): Promise<ReceivePeerAlertResult> {
    const { peer, event, jurisdiction } = await this.verifier.verify(rawBody, headers);
    const alert = event.data;
    if (event.id !== alert.alertId || event.subject !== alert.incident.id || alert.version !== alert.incident.version) {
      throw new DomainError('FEDERATION.INVALID_ALERT', 'The alert contradicts itself', {
        errors: [{ field: 'data', messages: ['id must equal data.alertId, subject data.incident.id, data.version data.incident.version'] }],
      });
    }
    const { problems, classification } = alertContentProblems(alert, jurisdiction, this.config.get('JURISDICTION', { infer: true }));
    if (problems.length > 0) throw new DomainError('FEDERATION.INVALID_ALERT', 'The alert content is not acceptable here', { errors: problems });
    const apply = (): Promise<ReceivePeerAlertResult> =>
      this.dataSource.transaction((manager) => this.apply(manager, peer.partnerId, event, classification, correlationId));
    let result: ReceivePeerAlertResult;
    try {
      result = await apply();
    } catch (error) {
      // Two deliveries of a new incident at once: the second finds the first one's copy.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      result = await apply();
    }
    wakeOutboxRelay(this.dataSource);
    this.sender.wake();
    return result;
  }

  /** `classification`: the alert's, checked and without unknown members (peer-alert-content.ts); absent on a Cancel. */
  private async apply(
    manager: EntityManager,
    peerId: string,
    event: AlertEvent,
    classification: AlertData['classification'] | undefined,
    correlationId: string,
  ): Promise<ReceivePeerAlertResult> {
    const alert = event.data;
    const incidentId = foreignIncidentId(peerId, alert.incident.id);
    await this.queueAcknowledgement(manager, peerId, incidentId, alert.alertId);
    const link = await manager.findOne(ForeignIncidentEntity, { where: { incidentId }, lock: { mode: 'pessimistic_write' } });
    if (link && link.originVersion >= alert.version) return { alertId: alert.alertId, outcome: 'duplicate', incidentId, version: link.originVersion };
    const origin: ForeignOrigin = {
      peerId,
      originJurisdiction: alert.incident.originJurisdiction,
      originIncidentId: alert.incident.id,
      originAlertId: alert.alertId,
      originVersion: alert.version,
    };
    const prefix = this.config.get('KAFKA_TOPIC_PREFIX', { infer: true });
    let outcome: PeerAlertOutcome;
    if (alert.msgType === 'Cancel') {
      const copy = link ? await manager.findOneBy(IncidentEntity, { id: incidentId }) : null;
      const withdrawal = isWithdrawal(alert);
      // A Cancel that overtook its Alert (deliveries run concurrently) leaves a link without a copy, so the late
      // Alert is recognised as older and never resurrects a retracted incident.
      if (!copy) outcome = 'ignored';
      else if (copy.status === 'retracted' && !withdrawal) outcome = 'duplicate';
      else {
        const wasRetracted = copy.status === 'retracted';
        Object.assign(copy, {
          status: 'retracted',
          retractionReason: alert.note ?? 'retracted by the originating single window',
          version: alert.version,
          updatedAt: new Date(),
        });
        let [{ result }] = await manager.query<Array<{ result: AlertData['classification'] }>>(
          'SELECT result FROM incident_classifications WHERE incident_id = $1 ORDER BY classified_at DESC, seq DESC LIMIT 1',
          [incidentId],
        );
        if (withdrawal) result = await this.purge(manager, copy, alert, result);
        else await manager.save(copy);
        const data: IncidentEventData = {
          incident: toIncidentSnapshot(copy),
          classification: result,
          reason: copy.retractionReason ?? undefined,
          foreignOrigin: origin,
        };
        if (withdrawal) {
          // The events queued before carry the withdrawn content: they keep their ids and types, not the content.
          await manager.query('UPDATE outbox_messages SET payload = $2 WHERE aggregate_id = $1', [incidentId, JSON.stringify({ ...data, recipients: [] })]);
        }
        if (wasRetracted) await projectIncidentSearch(manager, incidentId);
        else await queueIncidentEvent(manager, prefix, EventTypes.incidentRetracted, data, correlationId, []);
        outcome = 'retracted';
      }
    } else {
      const copy = this.copyOf(alert, incidentId, peerId, event);
      if (link) await manager.save(IncidentEntity, copy);
      else await manager.insert(IncidentEntity, copy);
      const stored = classification ?? alert.classification;
      await appendClassification(manager, { incidentId, incidentVersion: alert.version, tlp: alert.incident.tlp, kind: 'machine', cause: 'federation', classification: stored });
      await queueIncidentEvent(
        manager,
        prefix,
        link ? EventTypes.incidentAmended : EventTypes.incidentFiled,
        { incident: toIncidentSnapshot(copy), classification: stored, ...(link && alert.note ? { reason: alert.note } : {}), foreignOrigin: origin },
        correlationId,
        [],
      );
      outcome = link ? 'updated' : 'stored';
    }
    const now = new Date();
    if (link) {
      await manager.update(ForeignIncidentEntity, { incidentId }, { originAlertId: alert.alertId, originVersion: alert.version, updatedAt: now });
    } else {
      await manager.insert(ForeignIncidentEntity, {
        incidentId,
        peerId,
        originJurisdiction: origin.originJurisdiction,
        originIncidentId: origin.originIncidentId,
        originAlertId: alert.alertId,
        originVersion: alert.version,
        receivedAt: now,
        updatedAt: now,
      });
    }
    return { alertId: alert.alertId, outcome, incidentId, version: outcome === 'ignored' ? null : alert.version };
  }

  /**
   * Withdrawal Cancel (the originator narrowed sharing, so this window may no longer hold the incident: "delete or stop
   * using it"): replaces the copy's content with the neutral values of a withdrawal (routing-rules.ts
   * `withdrawnContent`: our withdrawal text as title and description, country `ZZ`, `reportingOrganisation`
   * `withheld`, `occurredAt` = `filedAt`, every optional member, personal field and source URL emptied, onward
   * sharing off) and takes the Cancel's marking; every classification row of the copy (all versions) becomes the
   * undetermined classification without evidence. Kept: ids, versions, origin, filing time, the note as reason.
   * Saves the copy and returns the neutral classification.
   */
  private async purge(manager: EntityManager, copy: IncidentEntity, alert: AlertData, classification: AlertData['classification']): Promise<AlertData['classification']> {
    const neutral = withdrawnContent(toIncidentSnapshot(copy), classification);
    Object.assign(copy, {
      title: neutral.incident.title,
      description: neutral.incident.description,
      occurredAt: copy.filedAt,
      country: neutral.incident.country,
      language: neutral.incident.language,
      sector: null,
      reportingOrganisation: neutral.incident.reportingOrganisation,
      aiSystemName: null,
      developer: null,
      deployer: null,
      harmDescription: null,
      sourceUrls: [],
      personalFields: [],
      proposedLabels: null,
      onwardSharing: false,
      tlp: alert.incident.tlp,
    });
    await manager.save(copy);
    await manager.query(
      `UPDATE incident_classifications SET result = $2, mechanism = 'undetermined', magnitude = 'undetermined', source = 'undetermined' WHERE incident_id = $1`,
      [copy.id, JSON.stringify(neutral.classification)],
    );
    return neutral.classification;
  }

  /**
   * The local incidents row of the copy: the originator's content, version, TLP, jurisdiction and onward-sharing rule.
   * `filed_by_key_id` is the peer's partner id, which is no API key: a TLP:RED copy is visible to nobody here (the RED
   * rule of lock-incident.ts `mayView`), while every other marking is visible to every analyst, regulator and admin.
   */
  private copyOf(alert: AlertData, incidentId: string, peerId: string, event: AlertEvent): IncidentEntity {
    const snapshot = alert.incident;
    return {
      id: incidentId,
      title: snapshot.title,
      description: snapshot.description,
      occurredAt: new Date(snapshot.occurredAt),
      country: snapshot.country,
      language: snapshot.language,
      sector: snapshot.sector,
      reportingOrganisation: snapshot.reportingOrganisation,
      aiSystemName: snapshot.aiSystemName,
      developer: snapshot.developer,
      deployer: snapshot.deployer,
      harmDescription: snapshot.harmDescription,
      sourceUrls: snapshot.sourceUrls,
      tlp: snapshot.tlp,
      originJurisdiction: snapshot.originJurisdiction,
      filedByKeyId: peerId,
      idempotencyKey: null,
      requestHash: createHash('sha256').update(event.jws, 'utf8').digest('hex'),
      filedAt: new Date(snapshot.filedAt),
      version: alert.version,
      status: 'active',
      updatedAt: new Date(),
      proposedLabels: null,
      recipients: [],
      personalFields: snapshot.personalFields ?? [],
      onwardSharing: snapshot.onwardSharing === true,
      retractionReason: null,
    };
  }

  /** One automatic acknowledgement per received alert id (repeats find the row already queued). */
  private async queueAcknowledgement(manager: EntityManager, peerId: string, incidentId: string, alertId: string): Promise<void> {
    await manager.createQueryBuilder().insert().into(PeerMessageEntity)
      .values({
        id: randomUUID(),
        peerId,
        incidentId,
        alertId,
        kind: 'acknowledgement',
        body: { note: `received and verified by the ${this.config.get('JURISDICTION', { infer: true })} single window` },
        status: 'pending',
        nextAttemptAt: new Date(),
      })
      .orIgnore()
      .execute();
  }
}
