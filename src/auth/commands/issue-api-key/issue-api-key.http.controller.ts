import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ApiKeysService } from '../../api-keys.service.js';
import { Roles } from '../../auth.decorators.js';
import { IssueApiKeyRequestDto } from './issue-api-key.request.dto.js';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('api-keys')
export class IssueApiKeyHttpController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** Issues a key for a regulator, analyst or admin user; the key is in this response only. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  async issue(@Body() body: IssueApiKeyRequestDto): Promise<{ id: string; key: string; role: string }> {
    const issued = await this.apiKeys.issue({ name: body.name, role: body.role });
    return { ...issued, role: body.role };
  }
}
