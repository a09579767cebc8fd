import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { OnboardPartnerRequestDto } from './onboard-partner.request.dto.js';

/** What onboarding returns; `webhookSecret` and `apiKey` appear here only, never again. */
export interface OnboardPartnerResult {
  id: string;
  slug: string;
  kafkaTopic: string;
  webhookSecret: string | null;
  apiKey: string;
}

/** Onboard a partner single window: its alerts topic, subscriptions, webhook secret and API key. */
export class OnboardPartnerCommand extends Command<OnboardPartnerResult> {
  /**
   * @param alsoStore more rows to write in the onboarding transaction, given the new partner id (e.g. the `peers` row
   *   of a peer single window, src/federation)
   */
  constructor(
    readonly request: OnboardPartnerRequestDto,
    readonly alsoStore?: (manager: EntityManager, partnerId: string) => Promise<void>,
  ) {
    super();
  }
}
