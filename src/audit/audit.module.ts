import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditInterceptor } from './audit.interceptor.js';
import { AuditLog } from './audit-log.service.js';
import { ListAuditEntriesHandler } from './queries/list-audit-entries/list-audit-entries.handler.js';
import { ListAuditEntriesHttpController } from './queries/list-audit-entries/list-audit-entries.http.controller.js';

/**
 * The audit log (issue 6): the global AuditInterceptor records every state-changing request, `AuditLog` is
 * injectable everywhere for explicit records (reads of AMBER+STRICT and RED incidents), `GET /audit` lists it.
 */
@Global()
@Module({
  controllers: [ListAuditEntriesHttpController],
  providers: [AuditLog, ListAuditEntriesHandler, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
  exports: [AuditLog],
})
export class AuditModule {}
