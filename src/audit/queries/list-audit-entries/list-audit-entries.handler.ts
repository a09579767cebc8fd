import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { AuditLogEntryEntity } from '../../audit-log-entry.entity.js';
import { ListAuditEntriesQuery, type AuditEntriesPage } from './list-audit-entries.query.js';

/** Keyset pagination on seq (descending): entries appended between pages never shift or repeat a page. */
@QueryHandler(ListAuditEntriesQuery)
export class ListAuditEntriesHandler implements IQueryHandler<ListAuditEntriesQuery> {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async execute({ limit, after }: ListAuditEntriesQuery): Promise<AuditEntriesPage> {
    const rows = await this.dataSource.manager.find(AuditLogEntryEntity, {
      where: after !== undefined ? { seq: LessThan(after) } : {},
      order: { seq: 'DESC' },
      take: limit + 1,
    });
    const page = rows.slice(0, limit);
    return {
      items: page.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() })),
      nextCursor: rows.length > limit ? page[page.length - 1].seq : null,
    };
  }
}
