import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/auth.decorators.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { SetPeerCredentialsCommand } from './set-peer-credentials.command.js';
import { PeerCredentialsRequestDto } from './set-peer-credentials.request.dto.js';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('peers')
export class SetPeerCredentialsHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Stores what the peer issued to this window (`{ webhookSecrets, apiKey }`), replacing earlier values: its deliveries
   * verify with these secrets from now on, and acknowledgements go out with the key. 204; 404 FEDERATION.NOT_A_PEER;
   * 409 PARTNER.REMOVED; 400 naming the field.
   */
  @Put(':id/credentials')
  @HttpCode(204)
  @Roles('admin')
  async set(@Param('id', uuidParam('id')) id: string, @Body() body: PeerCredentialsRequestDto): Promise<void> {
    await this.commandBus.execute(new SetPeerCredentialsCommand(id, body));
  }
}
