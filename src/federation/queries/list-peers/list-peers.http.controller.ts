import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Roles } from '../../../auth/auth.decorators.js';
import { DomainError } from '../../../common/domain-error.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { readPeers, type PeerView } from './peer-view.js';

@ApiTags('federation')
@ApiBearerAuth()
@Controller('peers')
export class ListPeersHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Peer single windows (removed ones too) with key ids, whether credentials are set, foreign incidents and owed messages.
   * Not paged (no `limit`): any query parameter answers 400 naming it. */
  @Get()
  @Roles('admin')
  async list(): Promise<{ items: PeerView[] }> {
    return { items: await readPeers(this.dataSource) };
  }

  /** One peer; 404 FEDERATION.NOT_A_PEER. */
  @Get(':id')
  @Roles('admin')
  async get(@Param('id', uuidParam('id')) id: string): Promise<PeerView> {
    const [peer] = await readPeers(this.dataSource, id);
    if (!peer) throw new DomainError('FEDERATION.NOT_A_PEER', `No peer ${id}`);
    return peer;
  }
}
