import { Command } from '@nestjs/cqrs';
import type { SendPeerFollowUpRequestDto } from './send-peer-follow-up.request.dto.js';

/** Answer of `POST /federation/incidents/{id}/follow-ups`: the queued message and the originator's alert it refers to. */
export interface SendPeerFollowUpResult {
  id: string;
  peerId: string;
  alertId: string;
  status: 'pending';
}

/** Send a follow-up or request for assistance about a foreign incident back to the single window that filed it. */
export class SendPeerFollowUpCommand extends Command<SendPeerFollowUpResult> {
  constructor(
    readonly incidentId: string,
    readonly content: SendPeerFollowUpRequestDto,
    readonly raisedByKeyId: string,
  ) {
    super();
  }
}
