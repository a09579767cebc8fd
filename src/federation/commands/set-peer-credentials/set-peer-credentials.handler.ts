import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DataKeyring } from '../../../data-encryption/data-keyring.js';
import { DomainError } from '../../../common/domain-error.js';
import { lockPartner } from '../../../partners/partner-lock.js';
import { PeerEntity, sealPeerCredentials } from '../../peer.entity.js';
import { PeerMessageSender } from '../../peer-message.sender.js';
import { SetPeerCredentialsCommand } from './set-peer-credentials.command.js';

/**
 * Replaces the peer's inbound webhook secrets and API key (sealed with the DataKeyring: docs/secrets-at-rest.md),
 * then wakes the sender: acknowledgements waiting for the key go out.
 * Errors: FEDERATION.NOT_A_PEER (404: no such peer), PARTNER.REMOVED (409: a removed peer is history only).
 */
@CommandHandler(SetPeerCredentialsCommand)
export class SetPeerCredentialsHandler implements ICommandHandler<SetPeerCredentialsCommand> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sender: PeerMessageSender,
    private readonly keyring: DataKeyring,
  ) {}

  async execute({ peerId, credentials }: SetPeerCredentialsCommand): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const peer = await manager.findOneBy(PeerEntity, { partnerId: peerId });
      if (!peer) throw new DomainError('FEDERATION.NOT_A_PEER', `No peer ${peerId}`);
      await lockPartner(manager, peerId);
      await manager.update(PeerEntity, { partnerId: peerId }, sealPeerCredentials(this.keyring, peerId, credentials));
      // Messages that waited for the key are due now.
      await manager.query(`UPDATE peer_messages SET next_attempt_at = now() WHERE peer_id = $1 AND status = 'pending'`, [peerId]);
    });
    this.sender.wake();
  }
}
