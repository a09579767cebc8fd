import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventTypes } from '@app/contracts';
import type { Environment } from '../../../config/environment.js';
import { IncidentClassificationEntity } from '../../incident-classification.entity.js';
import { queueIncidentEvent } from '../../incident-events.js';
import { toIncidentSnapshot } from '../../incident-snapshot.js';
import { lockIncidentForChange } from '../../lock-incident.js';
import { RetractIncidentCommand } from './retract-incident.command.js';

/**
 * Marks the incident retracted (kept, never deleted), bumps the version and queues
 * `org.aisw.incident.retracted.v1` in one transaction. Errors: INCIDENT.NOT_FOUND (404), INCIDENT.RETRACTED (409).
 */
@CommandHandler(RetractIncidentCommand)
export class RetractIncidentHandler implements ICommandHandler<RetractIncidentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ incidentId, reason, correlationId, actorKeyId }: RetractIncidentCommand): Promise<{ id: string; version: number }> {
    return this.dataSource.transaction(async (manager) => {
      const incident = await lockIncidentForChange(manager, incidentId, actorKeyId);
      incident.status = 'retracted';
      incident.retractionReason = reason;
      incident.version += 1;
      incident.updatedAt = new Date();
      await manager.save(incident);
      const latest = await manager.findOneOrFail(IncidentClassificationEntity, {
        where: { incidentId },
        order: { classifiedAt: 'DESC' },
      });
      await queueIncidentEvent(
        manager,
        this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
        EventTypes.incidentRetracted,
        { incident: toIncidentSnapshot(incident), classification: latest.result, reason },
        correlationId,
      );
      return { id: incident.id, version: incident.version };
    });
  }
}
