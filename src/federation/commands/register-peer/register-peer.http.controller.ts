import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Roles } from '../../../auth/auth.decorators.js';
import { RegisterPeerCommand, type RegisterPeerResult } from './register-peer.command.js';
import { RegisterPeerRequestDto } from './register-peer.request.dto.js';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('peers')
export class RegisterPeerHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Registers another single window as a peer partner. 201 with `Location: /peers/{id}`; the webhook secret and API key
   * this window issued to the peer are shown this once. 400 names the bad field; 409 PARTNER.SLUG_TAKEN.
   */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  async register(@Body() body: RegisterPeerRequestDto, @Res({ passthrough: true }) response: Response): Promise<RegisterPeerResult> {
    const result = await this.commandBus.execute(new RegisterPeerCommand(body));
    response.location(`/peers/${result.id}`);
    return result;
  }
}
