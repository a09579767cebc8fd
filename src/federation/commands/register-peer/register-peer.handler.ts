import { ConfigService } from '@nestjs/config';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import type { Environment } from '../../../config/environment.js';
import { rowsOf } from '../../../database/rows-of.js';
import { DataKeyring } from '../../../data-encryption/data-keyring.js';
import { RequestValidationError, type FieldViolation } from '../../../common/problem-details.js';
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
 *
 * A window never registers itself (its alerts would come back to it): 400 naming `country` when it is this window's
 * JURISDICTION (a peer is another jurisdiction's window; every alert it sent would be refused anyway,
 * peer-alert-content.ts), and naming `jwks`/`jwksUrl` when the key set holds one of this window's own alert-signing
 * public keys (any ever generated: `signing_keys`), which is what a `baseUrl`/`jwksUrl` pointing at this window
 * yields. The keys are the reliable test: a URL naming this window may be any of its host names, addresses or
 * proxies, which it cannot know; only this window holds the private keys of its published public keys.
 */
@CommandHandler(RegisterPeerCommand)
export class RegisterPeerHandler implements ICommandHandler<RegisterPeerCommand> {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly http: PeerHttp,
    private readonly keyring: DataKeyring,
    private readonly config: ConfigService<Environment, true>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async execute({ request }: RegisterPeerCommand): Promise<RegisterPeerResult> {
    const { baseUrl: givenBaseUrl, jwks: inline, jwksUrl, credentials, ...profile } = request;
    const baseUrl = givenBaseUrl.replace(/\/+$/, '');
    const ownJurisdiction = this.config.get('JURISDICTION', { infer: true });
    const errors: FieldViolation[] = [];
    if (profile.country.toUpperCase() === ownJurisdiction) {
      errors.push({ field: 'country', messages: [`a peer is another jurisdiction's single window: ${ownJurisdiction} is this window's own jurisdiction`] });
    }
    if ((inline === undefined) === (jwksUrl === undefined)) {
      throw new RequestValidationError([...errors, { field: 'jwks', messages: ['give exactly one of jwks (inline JWK set) and jwksUrl'] }]);
    }
    await this.http.vet(baseUrl).catch((error: unknown) => {
      throw new RequestValidationError([...errors, { field: 'baseUrl', messages: [(error as Error).message] }]);
    });
    const jwks = inline !== undefined ? this.inlineKeys(inline) : await this.fetchedKeys(jwksUrl!);
    const ownKids = await this.ownKeyIds(jwks);
    if (ownKids.length > 0) {
      errors.push({
        field: inline !== undefined ? 'jwks' : 'jwksUrl',
        messages: [`the key set holds this window's own alert-signing key (${ownKids.join(', ')}): baseUrl or jwksUrl names this window itself, not a peer`],
      });
    }
    if (errors.length > 0) throw new RequestValidationError(errors);
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

  /** Kids of this window's own signing keys (active, retired, however old) whose public key is in `jwks`. */
  private async ownKeyIds(jwks: JSONWebKeySet): Promise<string[]> {
    const publicKeys = jwks.keys.map((key) => key.x).filter((x): x is string => typeof x === 'string');
    const rows = rowsOf<{ kid: string }>(await this.dataSource.query(
      `SELECT kid FROM signing_keys WHERE public_jwk ->> 'x' = ANY($1::text[]) ORDER BY kid`,
      [publicKeys],
    ));
    return rows.map((row) => row.kid);
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
