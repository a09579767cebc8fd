import { Command } from '@nestjs/cqrs';
import type { PeerCredentialsRequestDto } from './set-peer-credentials.request.dto.js';

/** Store the credentials a peer issued to this window; answers the peer's view (never the values). */
export class SetPeerCredentialsCommand extends Command<void> {
  constructor(
    readonly peerId: string,
    readonly credentials: PeerCredentialsRequestDto,
  ) {
    super();
  }
}
