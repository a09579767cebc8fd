import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventTypes } from '@app/contracts';
import { DomainError } from '../../../common/domain-error.js';
import type { Environment } from '../../../config/environment.js';
import { FollowUpEntity } from '../../../dissemination/follow-up.entity.js';
import { incidentOfFilerOrAdmin } from '../../filer-access.js';
import { IncidentClassificationEntity } from '../../incident-classification.entity.js';
import { queueIncidentEvent } from '../../incident-events.js';
import { toIncidentSnapshot } from '../../incident-snapshot.js';
import { lockIncidentForChange } from '../../lock-incident.js';
import { FollowUpIncidentCommand, type FollowUpIncidentResult } from './follow-up-incident.command.js';

/** Prefix of the Update alert's `note` (alert schema: note at most 2000 characters). */
export const FILER_FOLLOW_UP_NOTE_PREFIX = 'Follow-up from the filer: ';
export const FILER_FOLLOW_UP_MAX_LENGTH = 2000 - FILER_FOLLOW_UP_NOTE_PREFIX.length;

/**
 * Stores the filer's follow-up, bumps the incident version and queues `org.aisw.incident.amended.v1` with the text as
 * its reason, in one transaction with the incident locked: every partner holding the incident gets an `Update` alert
 * referencing its earlier alerts (CAP 1.2 msgType Update, `references`), as an amendment does. A repeat of the same
 * message (Idempotency-Key or body) answers the first result and sends nothing.
 * Errors: INCIDENT.NOT_FOUND (404, also for a TLP:RED incident the caller may not view), AUTH.FORBIDDEN (403, not the
 * filer), INCIDENT.RETRACTED (409), INCIDENT.IDEMPOTENCY_KEY_REUSED (422: the key was used for another incident, text
 * or fields; nothing stored).
 */
@CommandHandler(FollowUpIncidentCommand)
export class FollowUpIncidentHandler implements ICommandHandler<FollowUpIncidentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  execute({ incidentId, text, fields, filer, messageId, correlationId }: FollowUpIncidentCommand): Promise<FollowUpIncidentResult> {
    return this.dataSource.transaction(async (manager) => {
      await incidentOfFilerOrAdmin(manager, incidentId, filer);
      const incident = await lockIncidentForChange(manager, incidentId, null, filer.keyId); // filer or admin checked just above
      const earlier = await manager.findOneBy(FollowUpEntity, { originKey: filer.keyId, messageId });
      if (earlier) {
        // The key stands for this very follow-up: on another incident or with another text or fields it is refused,
        // as POST /incidents refuses a reused key (nothing stored), not answered with the first result.
        if (earlier.incidentId !== incidentId || earlier.text !== text || !isDeepStrictEqual(earlier.fields ?? null, fields ?? null)) {
          throw new DomainError('INCIDENT.IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used with another incident or request body');
        }
        return { id: incidentId, version: earlier.version ?? incident.version, followUpId: earlier.id };
      }

      incident.version += 1;
      incident.updatedAt = new Date();
      await manager.save(incident);
      const followUp = await manager.save(manager.create(FollowUpEntity, {
        id: randomUUID(),
        incidentId,
        origin: 'filer',
        originKey: filer.keyId,
        partnerId: null,
        alertId: null,
        version: incident.version,
        messageId,
        kind: 'follow-up',
        text,
        fields: fields ?? null,
        urgency: null,
      }));
      const latest = await manager.findOneOrFail(IncidentClassificationEntity, { where: { incidentId }, order: { classifiedAt: 'DESC' } });
      await queueIncidentEvent(
        manager,
        this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
        EventTypes.incidentAmended,
        { incident: toIncidentSnapshot(incident), classification: latest.result, reason: `${FILER_FOLLOW_UP_NOTE_PREFIX}${text}` },
        correlationId,
      );
      return { id: incidentId, version: incident.version, followUpId: followUp.id };
    });
  }
}
