import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { DomainError } from '../../../common/domain-error.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { PartnerWebhookSecretEntity } from '../../partner-webhook-secret.entity.js';
import { PartnerEntity } from '../../partner.entity.js';

@ApiTags('partners')
@ApiBearerAuth()
@Controller('partners')
export class ListWebhookSecretsHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A partner's webhook secrets, active and retired, oldest first: ids and dates only, never the values. */
  @Get(':id/webhook-secrets')
  @Roles('admin')
  @ApiOperation({ summary: "List a partner's webhook signing secrets (no values)" })
  @ApiNotFoundResponse({ description: 'PARTNER.NOT_FOUND' })
  async list(@Param('id', uuidParam('id')) id: string): Promise<{ items: Array<{ id: string; createdAt: Date; retiredAt: Date | null; active: boolean }> }> {
    if (!(await this.dataSource.manager.existsBy(PartnerEntity, { id }))) throw new DomainError('PARTNER.NOT_FOUND', `No partner ${id}`);
    const secrets = await this.dataSource.manager.find(PartnerWebhookSecretEntity, { where: { partnerId: id }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: secrets.map(({ id: secretId, createdAt, retiredAt }) => ({ id: secretId, createdAt, retiredAt, active: retiredAt === null })) };
  }
}
