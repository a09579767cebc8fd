import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventTypes } from '@app/contracts';
import { RequestValidationError } from '../../../common/problem-details.js';
import type { Environment } from '../../../config/environment.js';
import { classifyAndStore } from '../../classify-and-store.js';
import { queueIncidentEvent } from '../../incident-events.js';
import { assertKnownRecipients } from '../../known-recipients.js';
import { toIncidentSnapshot } from '../../incident-snapshot.js';
import { proposedLabelsOf } from '../../proposed-labels.js';
import type { ProposedLabelsDto } from '../file-incident/file-incident.request.dto.js';
import { lockIncidentForChange } from '../../lock-incident.js';
import { AmendIncidentCommand } from './amend-incident.command.js';

/**
 * Applies the changes, bumps the version, re-classifies and queues `org.aisw.incident.amended.v1`, in one
 * transaction with the incident row locked. An amendment that changes nothing answers the current version and sends
 * nothing. Errors: INCIDENT.NOT_FOUND (404), INCIDENT.RETRACTED (409), 400 for an empty body or null for a required
 * field.
 */
/** Optional filing fields that an amendment may clear with null. */
const CLEARABLE_FIELDS = new Set(['sector', 'aiSystemName', 'developer', 'deployer', 'harmDescription', 'proposedLabels', 'personalFields', 'recipients', 'sourceUrls', 'onwardSharing']);
/** Optional fields with a filing default: null sets them back to it (onwardSharing defaults to false when filing). */
const FIELD_DEFAULTS: Record<string, unknown> = { onwardSharing: false };
/** Optional list fields: null clears them to the empty list (the columns are NOT NULL arrays). */
const LIST_FIELDS = new Set(['personalFields', 'recipients', 'sourceUrls']);

@CommandHandler(AmendIncidentCommand)
export class AmendIncidentHandler implements ICommandHandler<AmendIncidentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  async execute({ incidentId, changes, correlationId, actorKeyId }: AmendIncidentCommand): Promise<{ id: string; version: number }> {
    const given = Object.entries(changes as Record<string, unknown>).filter(([, value]) => value !== undefined);
    if (given.length === 0) {
      throw new RequestValidationError([{ field: 'body', messages: ['name at least one field to amend'] }]);
    }
    // null clears an optional field; a required one cannot be cleared (IsOptional lets null through validation).
    const clearedRequired = given.filter(([field, value]) => value === null && !CLEARABLE_FIELDS.has(field));
    if (clearedRequired.length > 0) {
      throw new RequestValidationError(clearedRequired.map(([field]) => ({ field, messages: [`${field} is required and cannot be null`] })));
    }
    return this.dataSource.transaction(async (manager) => {
      const incident = await lockIncidentForChange(manager, incidentId, actorKeyId);
      await assertKnownRecipients(manager, changes.recipients ?? undefined);
      const before = JSON.stringify(toIncidentSnapshot(incident)) + JSON.stringify(incident.proposedLabels ?? null) + JSON.stringify(incident.recipients);
      for (const [field, value] of given) {
        if (field === 'occurredAt') incident.occurredAt = new Date(value as string);
        else if (field === 'country') incident.country = (value as string).toUpperCase();
        else if (field === 'proposedLabels') incident.proposedLabels = proposedLabelsOf(value as ProposedLabelsDto);
        else if (value === null && field in FIELD_DEFAULTS) Object.assign(incident, { [field]: FIELD_DEFAULTS[field] });
        else if (LIST_FIELDS.has(field)) Object.assign(incident, { [field]: (value as string[] | null) ?? [] });
        else Object.assign(incident, { [field]: value });
      }
      const after = JSON.stringify(toIncidentSnapshot(incident)) + JSON.stringify(incident.proposedLabels ?? null) + JSON.stringify(incident.recipients);
      if (after === before) return { id: incident.id, version: incident.version }; // nothing changed: no new version
      incident.version += 1;
      incident.updatedAt = new Date();
      await manager.save(incident);
      const classification = await classifyAndStore(manager, incident, 'amendment');
      await queueIncidentEvent(
        manager,
        this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
        EventTypes.incidentAmended,
        { incident: toIncidentSnapshot(incident), classification },
        correlationId,
      );
      return { id: incident.id, version: incident.version };
    });
  }
}

