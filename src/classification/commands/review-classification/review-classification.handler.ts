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
import { projectIncidentSearch } from '../../../read-models/incident-search.projection.js';
import { ClassificationOverrideEntity } from '../../classification-override.entity.js';
import { applyReview } from '../../labels-in-force.js';
import { decisionsInForce, newestMachineClassification, storeReviewedClassification } from '../../classification-history.js';
import { pendingAxes } from '../../review-rules.js';
import { ReviewClassificationCommand, type ReviewClassificationResult } from './review-classification.command.js';

/**
 * Records an analyst's review in one transaction with the incident row locked: one `classification_overrides` row
 * per decided axis (from the label in force before, to the reviewed label, the machine's label, reason, reviewer key
 * id and name, time), the reviewed classification appended to the history as a `review` row (in force, so routing
 * and trends use it), and, when the review changes a label in force, a version bump and an
 * `org.aisw.incident.amended.v1` outbox event carrying the reviewed classification, from which the router sends
 * `Update` alerts. A review that only confirms the labels in force keeps the version and sends nothing (as an
 * amendment that changes nothing, README). Answers the version and which axes are still pending review.
 * Errors: 400 when no axis is given, INCIDENT.NOT_FOUND (404, also for a TLP:RED incident the reviewer may not view),
 * INCIDENT.FOREIGN (409), INCIDENT.RETRACTED (409).
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
      const incident = await lockIncidentForChange(manager, incidentId, null, reviewer.keyId); // an analyst's review: not the filer's change, but only of an incident the analyst may view
      const machine = await newestMachineClassification(manager, incidentId);
      if (!machine) throw new Error(`incident ${incidentId} has no machine classification`);
      const before = applyReview(machine.result, await decisionsInForce(manager, incidentId));
      const [{ next }]: Array<{ next: number }> = await manager.query(
        `SELECT COALESCE(max(review_number), 0) + 1 AS next FROM classification_overrides WHERE incident_id = $1`,
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
          machineLabel: machine.result[axis].label,
          machineClassifierVersion: machine.classifierVersion,
          reason: axes[axis]!.reason,
          reviewedByKeyId: reviewer.keyId,
          reviewedByName: reviewer.name,
          reviewedAt,
        })),
      );
      // A review that only confirms the labels in force changes nothing partners hold: recorded (overrides, history
      // row, audit), the axes leave the queue, but no new version and no Update alert.
      const changesLabels = decided.some((axis) => axes[axis]!.label !== before[axis].label);
      if (changesLabels) {
        incident.version += 1;
        incident.updatedAt = reviewedAt;
        await manager.save(incident);
      }
      const classification = (await storeReviewedClassification(manager, incidentId, incident.version, machine.result, 'review', incident.tlp))!;
      if (changesLabels) {
        await queueIncidentEvent(
          manager,
          this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
          EventTypes.incidentAmended,
          { incident: toIncidentSnapshot(incident), classification, reason: 'classification reviewed by an analyst' },
          correlationId,
        );
      } else {
        await projectIncidentSearch(manager, incidentId); // the read model reads the newest history row
      }
      return {
        incidentId,
        version: incident.version,
        reviewNumber: next,
        labels: { mechanism: classification.mechanism.label, magnitude: classification.magnitude.label, source: classification.source.label },
        pendingAxes: pendingAxes(machine.result, await decisionsInForce(manager, incidentId), this.config.get('REVIEW_CONFIDENCE_THRESHOLD', { infer: true })),
      };
    });
  }
}
