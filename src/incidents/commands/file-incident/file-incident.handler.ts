import { createHash, randomUUID } from 'node:crypto';
import { ConfigService } from '@nestjs/config';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import canonicalize from 'canonicalize';
import { DataSource, type EntityManager } from 'typeorm';
import { CLASSIFICATION_COLUMNS, classificationRowValues } from '../../../classification/classification-history.js';
import { EventTypes } from '@app/contracts';
import { DomainError } from '../../../common/domain-error.js';
import { preparedQuery } from '../../../database/prepared-query.js';
import type { Environment } from '../../../config/environment.js';
import { Metrics } from '../../../observability/metrics.service.js';
import { classifyStoredIncident } from '../../classify-and-store.js';
import { IncidentEntity } from '../../incident.entity.js';
import { incidentEventRowValues, OUTBOX_COLUMNS } from '../../incident-events.js';
import { assertKnownRecipients } from '../../known-recipients.js';
import { toIncidentSnapshot } from '../../incident-snapshot.js';
import { proposedLabelsOf } from '../../proposed-labels.js';
import { wakeOutboxRelay } from '../../../outbox/outbox-wake.js';
import { projectIncidentSearchSql } from '../../../read-models/incident-search.projection.js';
import { FileIncidentCommand, type FileIncidentResult } from './file-incident.command.js';

const UNIQUE_VIOLATION = '23505';

/** Columns of an `incidents` row as `incidentRowValues` lists them (incident.entity.ts). */
const INCIDENT_COLUMNS = `id, title, description, occurred_at, country, language, sector, reporting_organisation, ai_system_name, developer,
  deployer, harm_description, source_urls, tlp, origin_jurisdiction, filed_by_key_id, idempotency_key, request_hash, filed_at, version,
  status, updated_at, proposed_labels, recipients, retraction_reason, personal_fields, onward_sharing`;

function incidentRowValues(incident: IncidentEntity): unknown[] {
  return [
    incident.id, incident.title, incident.description, incident.occurredAt, incident.country, incident.language, incident.sector,
    incident.reportingOrganisation, incident.aiSystemName, incident.developer, incident.deployer, incident.harmDescription,
    incident.sourceUrls, incident.tlp, incident.originJurisdiction, incident.filedByKeyId, incident.idempotencyKey, incident.requestHash,
    incident.filedAt, incident.version, incident.status, incident.updatedAt,
    incident.proposedLabels === null ? null : JSON.stringify(incident.proposedLabels), incident.recipients, incident.retractionReason,
    incident.personalFields, incident.onwardSharing,
  ];
}

const filingSqlTexts = new Map<string, string>();

/**
 * The filing's statement (incident, classification, outbox row and `incident_search` row in data-modifying CTEs) for
 * value lists of these lengths, in the order incident, classification, outbox row, then `$n` = ARRAY[incident id] for
 * the projection. Its text depends only on the lengths, so it is built once per process and reused instead of being
 * rebuilt, flattened and looked up (preparedQuery's statement name is keyed by the text) on every filing.
 */
function filingSql(incidentCount: number, classificationCount: number, eventCount: number): string {
  const key = `${incidentCount}/${classificationCount}/${eventCount}`;
  let sql = filingSqlTexts.get(key);
  if (sql !== undefined) return sql;
  let next = 0;
  const placeholders = (count: number): string => Array.from({ length: count }, () => `$${++next}`).join(', ');
  sql = `WITH new_incident AS (
        INSERT INTO incidents (${INCIDENT_COLUMNS}) VALUES (${placeholders(incidentCount)}) RETURNING *),
      new_classification AS (
        INSERT INTO incident_classifications (${CLASSIFICATION_COLUMNS}) VALUES (${placeholders(classificationCount)}) RETURNING *),
      new_event AS (
        INSERT INTO outbox_messages (${OUTBOX_COLUMNS}) VALUES (${placeholders(eventCount)}))
      ${projectIncidentSearchSql({ incidents: 'new_incident', classifications: 'new_classification', ids: `$${++next}` })}`;
  filingSqlTexts.set(key, sql);
  return sql;
}

/**
 * Classifies the filing with `libs/taxonomy`, then stores the incident, its classification, its `incident_search` read
 * model row and an `org.aisw.incident.filed.v1` outbox row in ONE statement (data-modifying CTEs; a statement is its
 * own transaction, and a named prepared statement: preparedQuery): either all are written or none, in one round trip
 * to PostgreSQL (docs/filing-performance.md). The relay
 * is woken in this process once it is committed.
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
      return this.metrics.countFiling('created', await this.store(command, requestHash));
    } catch (error) {
      if (idempotencyKey && (error as { code?: string }).code === UNIQUE_VIOLATION) {
        const concurrent = await this.findByIdempotencyKey(this.dataSource.manager, filer.keyId, idempotencyKey);
        if (concurrent) return this.replay(concurrent, requestHash);
      }
      throw error;
    }
  }

  private async store(command: FileIncidentCommand, requestHash: string): Promise<FileIncidentResult> {
    const { filing } = command;
    const now = new Date();
    const incident: IncidentEntity = {
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
      filedAt: now,
      version: 1,
      status: 'active',
      updatedAt: now,
      retractionReason: null,
      proposedLabels: proposedLabelsOf(filing.proposedLabels),
      recipients: filing.recipients ?? [],
      personalFields: filing.personalFields ?? [],
      onwardSharing: filing.onwardSharing ?? false,
    };
    await assertKnownRecipients(this.dataSource.manager, filing.recipients);
    const classification = await this.metrics.timeClassification(() => Promise.resolve(classifyStoredIncident(incident)));
    const incidentValues = incidentRowValues(incident);
    // A brand-new incident has no history and cannot have been reviewed: no lookups needed.
    const classificationValues = classificationRowValues({ incidentId: incident.id, incidentVersion: 1, tlp: incident.tlp, kind: 'machine', cause: 'filing', classification }, now);
    const eventValues = incidentEventRowValues(
      this.config.get('KAFKA_TOPIC_PREFIX', { infer: true }),
      EventTypes.incidentFiled,
      { incident: toIncidentSnapshot(incident), classification },
      command.correlationId,
      incident.recipients,
    );
    const sql = filingSql(incidentValues.length, classificationValues.length, eventValues.length);
    const params = [...incidentValues, ...classificationValues, ...eventValues, [incident.id]];
    // A named prepared statement: PostgreSQL parses and plans this CTE once per connection, not once per filing.
    await preparedQuery(this.dataSource, sql, params);
    wakeOutboxRelay(this.dataSource);
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
