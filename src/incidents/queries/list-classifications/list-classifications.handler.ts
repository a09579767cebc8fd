import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isReviewVersion } from '../../../classification/labels-in-force.js';
import { DomainError } from '../../../common/domain-error.js';
import { IncidentClassificationEntity } from '../../incident-classification.entity.js';
import { IncidentEntity } from '../../incident.entity.js';
import { ListClassificationsQuery, type StoredClassificationView } from './list-classifications.query.js';

/** Errors: INCIDENT.NOT_FOUND (404). */
@QueryHandler(ListClassificationsQuery)
export class ListClassificationsHandler implements IQueryHandler<ListClassificationsQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ incidentId }: ListClassificationsQuery): Promise<{ incidentId: string; items: StoredClassificationView[] }> {
    if (!(await this.dataSource.manager.existsBy(IncidentEntity, { id: incidentId }))) {
      throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    }
    const rows = await this.dataSource.manager.find(IncidentClassificationEntity, {
      where: { incidentId },
      order: { classifiedAt: 'DESC', classifierVersion: 'DESC' },
    });
    return {
      incidentId,
      items: rows.map((row, index) => ({
        classifierVersion: row.classifierVersion,
        kind: isReviewVersion(row.classifierVersion) ? 'review' : 'machine',
        inForce: index === 0,
        classifiedAt: row.classifiedAt.toISOString(),
        labels: { mechanism: row.mechanism, magnitude: row.magnitude, source: row.source },
        result: row.result,
      })),
    };
  }
}
