import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { JSONWebKeySet } from 'jose';
import { DataKeyring } from '../../../data-encryption/data-keyring.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { OnboardPartnerCommand } from '../../../partners/commands/onboard-partner/onboard-partner.command.js';
import { PeerHttp, PeerUnreachableError } from '../../peer-http.js';
import { parsePeerJwks } from '../../peer-jwks.js';
import { PeerEntity, sealPeerCredentials } from '../../peer.entity.js';
import { PEER_ALERTS_PATH } from '../../../common/request-body.js';
import { RegisterPeerCommand, type RegisterPeerResult } from './register-peer.command.js';

/**
 * Registers a peer single window: checks its base URL against the webhook SSRF rules, takes its JWK set inline or
 * fetches it from `jwksUrl` (PeerHttp), then onboards it as a partner whose webhook is `<baseUrl>/federation/alerts`
 * (topic, subscriptions, first webhook secret, API key: OnboardPartnerCommand) and stores the `peers` row in the same
 * transaction, the credentials the peer issued sealed (sealPeerCredentials). Errors: 400 naming `jwks`/`jwksUrl` (neither or both given, not an Ed25519 JWK set, not fetchable) or
 * `baseUrl` (refused destination); PARTNER.SLUG_TAKEN (409).
 */
@CommandHandler(RegisterPeerCommand)
export class RegisterPeerHandler implements ICommandHandler<RegisterPeerCommand> {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly http: PeerHttp,
    private readonly keyring: DataKeyring,
  ) {}

  async execute({ request }: RegisterPeerCommand): Promise<RegisterPeerResult> {
    const { baseUrl: givenBaseUrl, jwks: inline, jwksUrl, credentials, ...profile } = request;
    const baseUrl = givenBaseUrl.replace(/\/+$/, '');
    if ((inline === undefined) === (jwksUrl === undefined)) {
      throw new RequestValidationError([{ field: 'jwks', messages: ['give exactly one of jwks (inline JWK set) and jwksUrl'] }]);
    }
    await this.http.vet(baseUrl).catch((error: unknown) => {
      throw new RequestValidationError([{ field: 'baseUrl', messages: [(error as Error).message] }]);
    });
    const jwks = inline !== undefined ? this.inlineKeys(inline) : await this.fetchedKeys(jwksUrl!);
    const webhookUrl = `${baseUrl}${PEER_ALERTS_PATH}`;
    const onboarded = await this.commandBus.execute(
      new OnboardPartnerCommand({ ...profile, webhookUrl }, async (manager, partnerId) => {
        await manager.insert(PeerEntity, {
          partnerId,
          baseUrl,
          jwksUrl: jwksUrl ?? null,
          jwks,
          jwksFetchedAt: jwksUrl ? new Date() : null,
          ...sealPeerCredentials(this.keyring, partnerId, { webhookSecrets: credentials?.webhookSecrets ?? [], apiKey: credentials?.apiKey ?? null }),
        });
      }),
    );
    return {
      id: onboarded.id,
      slug: onboarded.slug,
      kafkaTopic: onboarded.kafkaTopic,
      webhookUrl,
      webhookSecret: onboarded.webhookSecret!,
      apiKey: onboarded.apiKey,
      keyIds: jwks.keys.map((key) => key.kid!),
    };
  }

  private inlineKeys(value: Record<string, unknown>): JSONWebKeySet {
    const result = parsePeerJwks(value);
    if ('errors' in result) throw new RequestValidationError([{ field: 'jwks', messages: result.errors }]);
    return result.jwks;
  }

  private async fetchedKeys(url: string): Promise<JSONWebKeySet> {
    try {
      return await this.http.fetchJwks(url);
    } catch (error) {
      if (error instanceof PeerUnreachableError) throw new RequestValidationError([{ field: 'jwksUrl', messages: [error.message] }]);
      throw error;
    }
  }
}
