import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { NoBodyFields } from '../../../common/validation.js';
import { Body, Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from '../../api-keys.service.js';
import { Roles } from '../../auth.decorators.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api-keys')
export class RevokeApiKeyHttpController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Revokes a key at once (rotation = issue a new key, then revoke the old one). 204; 404 for an unknown id. */
  @Delete(':id')
  @HttpCode(204)
  @Roles('admin')
  async revoke(@Param('id', uuidParam('id')) id: string, @Body(NoBodyFields) _body: Record<string, unknown> | undefined): Promise<void> {
    await this.apiKeys.revoke(id);
  }
}
