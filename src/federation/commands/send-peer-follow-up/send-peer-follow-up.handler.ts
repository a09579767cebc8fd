import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '../../../common/domain-error.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { mayView } from '../../../incidents/lock-incident.js';
import { IncidentEntity } from '../../../incidents/incident.entity.js';
import { ForeignIncidentEntity } from '../../foreign-incident.entity.js';
import { PeerMessageEntity } from '../../peer-message.entity.js';
import { PeerMessageSender } from '../../peer-message.sender.js';
import { SendPeerFollowUpCommand, type SendPeerFollowUpResult } from './send-peer-follow-up.command.js';

/**
 * Queues a follow-up and/or request for assistance about a foreign incident for its originator (peer_messages): it
 * travels as an acknowledgement of the newest alert received, with `followUp` / `assistanceRequest`
 * (docs/partner-integration.md §8), which the originator shows its filer under `GET /incidents/{id}/follow-ups`.
 * Errors: 400 when the body names neither; INCIDENT.NOT_FOUND (404: unknown, or TLP:RED, which nobody here may see);
 * FEDERATION.NOT_FOREIGN (404: a local incident, use POST /incidents/{id}/follow-ups); INCIDENT.RETRACTED (409).
 */
@CommandHandler(SendPeerFollowUpCommand)
export class SendPeerFollowUpHandler implements ICommandHandler<SendPeerFollowUpCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: PeerMessageSender,
  ) {}

  async execute({ incidentId, content, raisedByKeyId }: SendPeerFollowUpCommand): Promise<SendPeerFollowUpResult> {
    if (!content.followUp && !content.assistanceRequest) {
      throw new RequestValidationError([{ field: 'body', messages: ['give followUp, assistanceRequest or both'] }]);
    }
    const incident = await this.dataSource.manager.findOneBy(IncidentEntity, { id: incidentId });
    if (!incident || !mayView(incident, raisedByKeyId)) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
    const link = await this.dataSource.manager.findOneBy(ForeignIncidentEntity, { incidentId });
    if (!link) throw new DomainError('FEDERATION.NOT_FOREIGN', `Incident ${incidentId} was filed here, not received from a peer`);
    if (incident.status === 'retracted') throw new DomainError('INCIDENT.RETRACTED', `The originator retracted incident ${incidentId}`);
    const id = randomUUID();
    await this.dataSource.manager.insert(PeerMessageEntity, {
      id,
      peerId: link.peerId,
      incidentId,
      alertId: link.originAlertId,
      kind: 'follow-up',
      body: {
        ...(content.followUp ? { followUp: { text: content.followUp.text, ...(content.followUp.fields ? { fields: content.followUp.fields } : {}) } } : {}),
        ...(content.assistanceRequest ? { assistanceRequest: { request: content.assistanceRequest.request, urgency: content.assistanceRequest.urgency } } : {}),
      },
      status: 'pending',
      nextAttemptAt: new Date(),
      raisedByKeyId,
    });
    this.sender.wake();
    return { id, peerId: link.peerId, alertId: link.originAlertId, status: 'pending' };
  }
}
