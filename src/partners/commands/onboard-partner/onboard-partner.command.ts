import { Command } from '@nestjs/cqrs';
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
  constructor(readonly request: OnboardPartnerRequestDto) {
    super();
  }
}
