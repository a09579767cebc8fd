import { createHash, randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import canonicalize from 'canonicalize';
import { DataSource, type EntityManager } from 'typeorm';
import { EventTypes } from '@app/contracts';
import { DomainError } from '../../../common/domain-error.js';
import type { Environment } from '../../../config/environment.js';
import { Metrics } from '../../../observability/metrics.service.js';
import { classifyAndStore } from '../../classify-and-store.js';
import { IncidentEntity } from '../../incident.entity.js';
import { queueIncidentEvent } from '../../incident-events.js';
import { assertKnownRecipients } from '../../known-recipients.js';
import { toIncidentSnapshot } from '../../incident-snapshot.js';
import { proposedLabelsOf } from '../../proposed-labels.js';
import { FileIncidentCommand, type FileIncidentResult } from './file-incident.command.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Classifies the filing with `libs/taxonomy`, then stores the incident, its classification and an
 * `org.aisw.incident.filed.v1` outbox row in ONE transaction: either all are written or none.
 * Idempotency: the same (filer key, Idempotency-Key) with the same body returns the first incident;
 * with another body it fails with INCIDENT.IDEMPOTENCY_KEY_REUSED (422).
 */
@CommandHandler(FileIncidentCommand)
export class FileIncidentHandler implements ICommandHandler<FileIncidentCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly metrics: Metrics,
  ) {}

  async execute(command: FileIncidentCommand): Promise<FileIncidentResult> {
    const { filing, filer, idempotencyKey } = command;
    const requestHash = createHash('sha256').update(canonicalize(filing) ?? '', 'utf8').digest('hex');
    if (idempotencyKey) {
      const earlier = await this.findByIdempotencyKey(this.dataSource.manager, filer.keyId, idempotencyKey);
      if (earlier) return this.replay(earlier, requestHash);
    }
    try {
      return this.metrics.countFiling('created', await this.dataSource.transaction((manager) => this.store(manager, command, requestHash)));
    } catch (error) {
      if (idempotencyKey && (error as { code?: string }).code === UNIQUE_VIOLATION) {
        const concurrent = await this.findByIdempotencyKey(this.dataSource.manager, filer.keyId, idempotencyKey);
        if (concurrent) return this.replay(concurrent, requestHash);
      }
      throw error;
    }
  }

  private async store(manager: EntityManager, command: FileIncidentCommand, requestHash: string): Promise<FileIncidentResult> {
    const { filing } = command;
    const incident = manager.create(IncidentEntity, {
      id: randomUUID(),
      title: filing.title,
      description: filing.description,
      occurredAt: new Date(filing.occurredAt),
      country: filing.country.toUpperCase(),
      language: filing.language,
      sector: filing.sector ?? null,
      reportingOrganisation: filing.reportingOrganisation,
      aiSystemName: filing.aiSystemName ?? null,
      developer: filing.developer ?? null,
      deployer: filing.deployer ?? null,
      harmDescription: filing.harmDescription ?? null,
      sourceUrls: filing.sourceUrls ?? [],
      tlp: filing.tlp ?? this.config.get('DEFAULT_TLP', { infer: true }),
      originJurisdiction: this.config.get('JURISDICTION', { infer: true }),
      filedByKeyId: command.filer.keyId,
      idempotencyKey: command.idempotencyKey ?? null,
      requestHash,
      filedAt: new Date(),
      version: 1,
      status: 'active',
      updatedAt: new Date(),
      retractionReason: null,
      proposedLabels: proposedLabelsOf(filing.proposedLabels),
      recipients: filing.recipients ?? [],
      personalFields: filing.personalFields ?? [],
    });
    await assertKnownRecipients(manager, filing.recipients);
    await manager.insert(IncidentEntity, incident);
    const classification = await this.metrics.timeClassification(() => classifyAndStore(manager, incident, 'filing'));
    await queueIncidentEvent(
      manager,
      this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
      EventTypes.incidentFiled,
      { incident: toIncidentSnapshot(incident), classification },
      command.correlationId,
    );
    return { id: incident.id, replayed: false };
  }

  private findByIdempotencyKey(manager: EntityManager, filedByKeyId: string, idempotencyKey: string): Promise<IncidentEntity | null> {
    return manager.findOneBy(IncidentEntity, { filedByKeyId, idempotencyKey });
  }

  private replay(earlier: IncidentEntity, requestHash: string): FileIncidentResult {
    if (earlier.requestHash !== requestHash) {
      this.metrics.countFiling('idempotency_conflict', null);
      throw new DomainError(
        'INCIDENT.IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used with a different request body',
        { incidentId: earlier.id },
      );
    }
    return this.metrics.countFiling('replayed', { id: earlier.id, replayed: true });
  }
}
