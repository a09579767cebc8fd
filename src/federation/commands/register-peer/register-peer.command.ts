import { Command } from '@nestjs/cqrs';
import type { RegisterPeerRequestDto } from './register-peer.request.dto.js';

/** What registering a peer answers; `webhookSecret` and `apiKey` (what this window issued to the peer) appear once. */
export interface RegisterPeerResult {
  id: string;
  slug: string;
  kafkaTopic: string;
  /** Where this window delivers the peer's alerts: `<baseUrl>/federation/alerts`. */
  webhookUrl: string;
  /** Give both to the peer's admin (its `PUT /peers/{id}/credentials`, or `credentials` of its `POST /peers`). */
  webhookSecret: string;
  apiKey: string;
  /** `kid`s of the peer's JWK set as stored. */
  keyIds: string[];
}

/** Register another single window as a peer partner (docs/federation.md). */
export class RegisterPeerCommand extends Command<RegisterPeerResult> {
  constructor(readonly request: RegisterPeerRequestDto) {
    super();
  }
}
