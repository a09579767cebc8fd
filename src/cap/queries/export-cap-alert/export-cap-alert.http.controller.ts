import { Controller, Get, Header, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { CAP_MEDIA_TYPE } from '../../cap-message.js';
import { ExportCapAlertQuery } from './export-cap-alert.query.js';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('alerts')
export class ExportCapAlertHttpController {
  constructor(private readonly queryBus: QueryBus) {}

  /**
   * `GET /alerts/{id}/cap` (also `/alerts/{id}.cap`): the alert version as OASIS CAP 1.2 XML, `application/cap+xml`.
   * Partners read their own alerts; regulators, analysts and admins those they may view as GET /incidents/{id} (a
   * TLP:RED one only the key that filed it). 404 problem+json for an unknown id or one the caller may not view.
   */
  @Get([':id/cap', ':id.cap'])
  @Roles('partner', 'regulator', 'analyst', 'admin')
  @ApiProduces(CAP_MEDIA_TYPE)
  @Header('Content-Type', `${CAP_MEDIA_TYPE}; charset=utf-8`)
  export(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) alertId: string): Promise<string> {
    return this.queryBus.execute(new ExportCapAlertQuery(principal, alertId));
  }
}
