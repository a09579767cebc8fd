import { randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventTypes } from '@app/contracts';
import { AXES } from '@app/taxonomy';
import { RequestValidationError } from '../../../common/problem-details.js';
import type { Environment } from '../../../config/environment.js';
import { queueIncidentEvent } from '../../../incidents/incident-events.js';
import { toIncidentSnapshot } from '../../../incidents/incident-snapshot.js';
import { lockIncidentForChange } from '../../../incidents/lock-incident.js';
import { ClassificationOverrideEntity } from '../../classification-override.entity.js';
import { applyReview } from '../../labels-in-force.js';
import { decisionsInForce, newestMachineClassification, storeReviewedClassification } from '../../reviewed-classification.js';
import { ReviewClassificationCommand, type ReviewClassificationResult } from './review-classification.command.js';

/**
 * Records an analyst's review in one transaction with the incident row locked: one `classification_overrides` row
 * per decided axis (from the label in force before, to the reviewed label, reason, reviewer key id and name, time),
 * the reviewed classification as row `review:<n>` (newest, so trends count it), a version bump and an
 * `org.aisw.incident.amended.v1` outbox event carrying the reviewed classification, from which the router sends
 * `Update` alerts. Errors: 400 when no axis is given, INCIDENT.NOT_FOUND (404), INCIDENT.RETRACTED (409).
 */
@CommandHandler(ReviewClassificationCommand)
export class ReviewClassificationHandler implements ICommandHandler<ReviewClassificationCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ incidentId, axes, reviewer, correlationId }: ReviewClassificationCommand): Promise<ReviewClassificationResult> {
    const decided = AXES.filter((axis) => axes[axis] !== undefined);
    if (decided.length === 0) {
      throw new RequestValidationError([{ field: 'axes', messages: ['name at least one axis (mechanism, magnitude, source) to confirm or override'] }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const incident = await lockIncidentForChange(manager, incidentId);
      const machine = await newestMachineClassification(manager, incidentId);
      if (!machine) throw new Error(`incident ${incidentId} has no machine classification`);
      const before = applyReview(machine.result, await decisionsInForce(manager, incidentId));
      const [{ next, newest }]: Array<{ next: number; newest: Date }> = await manager.query(
        `SELECT COALESCE((SELECT max(review_number) FROM classification_overrides WHERE incident_id = $1), 0) + 1 AS next,
                (SELECT max(classified_at) FROM incident_classifications WHERE incident_id = $1) AS newest`,
        [incidentId],
      );
      const reviewedAt = new Date();
      await manager.insert(
        ClassificationOverrideEntity,
        decided.map((axis) => ({
          id: randomUUID(),
          incidentId,
          reviewNumber: next,
          axis,
          fromLabel: before[axis].label,
          toLabel: axes[axis]!.label,
          machineClassifierVersion: machine.classifierVersion,
          reason: axes[axis]!.reason,
          reviewedByKeyId: reviewer.keyId,
          reviewedByName: reviewer.name,
          reviewedAt,
        })),
      );
      // The review row must be the newest row even if a row was stamped within this millisecond.
      const at = new Date(Math.max(reviewedAt.getTime(), newest.getTime() + 1));
      const classification = (await storeReviewedClassification(manager, incidentId, machine.result, at))!;
      incident.version += 1;
      incident.updatedAt = reviewedAt;
      await manager.save(incident);
      await queueIncidentEvent(
        manager,
        this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
        EventTypes.incidentAmended,
        { incident: toIncidentSnapshot(incident), classification, reason: 'classification reviewed by an analyst' },
        correlationId,
      );
      return {
        incidentId,
        version: incident.version,
        reviewNumber: next,
        labels: { mechanism: classification.mechanism.label, magnitude: classification.magnitude.label, source: classification.source.label },
      };
    });
  }
}
