import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../../../auth/api-keys.service.js';
import { CurrentPrincipal, Roles } from '../../../auth/auth.decorators.js';
import { DomainError } from '../../../common/domain-error.js';
import { uuidParam } from '../../../common/uuid-param.pipe.js';
import { IncidentEntity } from '../../../incidents/incident.entity.js';
import { mayView } from '../../../incidents/lock-incident.js';
import { ForeignIncidentEntity } from '../../foreign-incident.entity.js';
import { PeerMessageEntity } from '../../peer-message.entity.js';

/** A follow-up sent (or being sent) to the originator of a foreign incident, as `GET` lists it. */
export interface PeerFollowUpView {
  id: string;
  alertId: string;
  followUp: PeerMessageEntity['body']['followUp'] | null;
  assistanceRequest: PeerMessageEntity['body']['assistanceRequest'] | null;
  /** `pending` (being sent, with `attempts` and `lastError`), `sent` (accepted by the originator at `sentAt`, this window's clock) or `failed`. */
  status: PeerMessageEntity['status'];
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

@ApiTags('federation')
@ApiBearerAuth()
@Controller('federation/incidents')
export class ListPeerFollowUpsHttpController {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The follow-ups and requests for assistance this window sent about a foreign incident, oldest first, with their
   * delivery state at the originator. 404 INCIDENT.NOT_FOUND (unknown, or TLP:RED) or FEDERATION.NOT_FOREIGN.
   */
  @Get(':id/follow-ups')
  @Roles('regulator', 'analyst', 'admin')
  async list(@Param('id', uuidParam('id')) incidentId: string, @CurrentPrincipal() principal: Principal): Promise<{ items: PeerFollowUpView[] }> {
    const incident = await this.dataSource.manager.findOneBy(IncidentEntity, { id: incidentId });
    if (!incident || !mayView(incident, principal.keyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    if (!(await this.dataSource.manager.existsBy(ForeignIncidentEntity, { incidentId }))) {
      throw new DomainError('FEDERATION.NOT_FOREIGN', `Incident ${incidentId} was filed here, not received from a peer`);
    }
    const messages = await this.dataSource.manager.find(PeerMessageEntity, { where: { incidentId, kind: 'follow-up' }, order: { createdAt: 'ASC', id: 'ASC' } });
    return {
      items: messages.map((message) => ({
        id: message.id,
        alertId: message.alertId,
        followUp: message.body.followUp ?? null,
        assistanceRequest: message.body.assistanceRequest ?? null,
        status: message.status,
        attempts: message.attempts,
        lastError: message.lastError,
        createdAt: message.createdAt.toISOString(),
        sentAt: message.sentAt?.toISOString() ?? null,
      })),
    };
  }
}
