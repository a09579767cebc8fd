import { Module } from '@nestjs/common';
import { RegisterPeerHandler } from './commands/register-peer/register-peer.handler.js';
import { RegisterPeerHttpController } from './commands/register-peer/register-peer.http.controller.js';
import { ReceivePeerAlertHandler } from './commands/receive-peer-alert/receive-peer-alert.handler.js';
import { ReceivePeerAlertHttpController } from './commands/receive-peer-alert/receive-peer-alert.http.controller.js';
import { SendPeerFollowUpHandler } from './commands/send-peer-follow-up/send-peer-follow-up.handler.js';
import { SendPeerFollowUpHttpController } from './commands/send-peer-follow-up/send-peer-follow-up.http.controller.js';
import { SetPeerCredentialsHandler } from './commands/set-peer-credentials/set-peer-credentials.handler.js';
import { SetPeerCredentialsHttpController } from './commands/set-peer-credentials/set-peer-credentials.http.controller.js';
import { PeerAlertVerifier } from './peer-alert-verifier.js';
import { PeerHttp } from './peer-http.js';
import { PeerMessageSender } from './peer-message.sender.js';
import { ListPeerFollowUpsHttpController } from './queries/list-peer-follow-ups/list-peer-follow-ups.http.controller.js';
import { ListPeersHttpController } from './queries/list-peers/list-peers.http.controller.js';

/**
 * Federation between single windows (issue 7, docs/federation.md): peers (partners that are single windows of this
 * product), the inbound alert endpoint, foreign incidents, automatic acknowledgements and follow-ups to originators.
 */
@Module({
  controllers: [
    RegisterPeerHttpController,
    ListPeersHttpController,
    SetPeerCredentialsHttpController,
    ReceivePeerAlertHttpController,
    SendPeerFollowUpHttpController,
    ListPeerFollowUpsHttpController,
  ],
  providers: [PeerHttp, PeerAlertVerifier, PeerMessageSender, RegisterPeerHandler, SetPeerCredentialsHandler, ReceivePeerAlertHandler, SendPeerFollowUpHandler],
})
export class FederationModule {}
