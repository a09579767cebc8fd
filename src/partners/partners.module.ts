import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { AddSubscriptionHandler } from './commands/add-subscription/add-subscription.handler.js';
import { AddSubscriptionHttpController } from './commands/add-subscription/add-subscription.http.controller.js';
import { AddWebhookSecretHandler } from './commands/add-webhook-secret/add-webhook-secret.handler.js';
import { AddWebhookSecretHttpController } from './commands/add-webhook-secret/add-webhook-secret.http.controller.js';
import { OnboardPartnerHandler } from './commands/onboard-partner/onboard-partner.handler.js';
import { OnboardPartnerHttpController } from './commands/onboard-partner/onboard-partner.http.controller.js';
import { RemovePartnerHandler } from './commands/remove-partner/remove-partner.handler.js';
import { RemovePartnerHttpController } from './commands/remove-partner/remove-partner.http.controller.js';
import { RemoveSubscriptionHandler } from './commands/remove-subscription/remove-subscription.handler.js';
import { RemoveSubscriptionHttpController } from './commands/remove-subscription/remove-subscription.http.controller.js';
import { ResumePartnerHandler } from './commands/resume-partner/resume-partner.handler.js';
import { RetireWebhookSecretHandler } from './commands/retire-webhook-secret/retire-webhook-secret.handler.js';
import { RetireWebhookSecretHttpController } from './commands/retire-webhook-secret/retire-webhook-secret.http.controller.js';
import { SuspendPartnerHandler } from './commands/suspend-partner/suspend-partner.handler.js';
import { SuspendPartnerHttpController } from './commands/suspend-partner/suspend-partner.http.controller.js';
import { UpdatePartnerHandler } from './commands/update-partner/update-partner.handler.js';
import { UpdatePartnerHttpController } from './commands/update-partner/update-partner.http.controller.js';
import { UpdateSubscriptionHandler } from './commands/update-subscription/update-subscription.handler.js';
import { UpdateSubscriptionHttpController } from './commands/update-subscription/update-subscription.http.controller.js';
import { GetPartnerHttpController } from './queries/get-partner/get-partner.http.controller.js';
import { ListPartnersHttpController } from './queries/list-partners/list-partners.http.controller.js';
import { ListSubscriptionsHttpController } from './queries/list-subscriptions/list-subscriptions.http.controller.js';
import { ListWebhookSecretsHttpController } from './queries/list-webhook-secrets/list-webhook-secrets.http.controller.js';

@Module({
  imports: [AuthModule],
  controllers: [
    OnboardPartnerHttpController,
    ListPartnersHttpController,
    GetPartnerHttpController,
    UpdatePartnerHttpController,
    SuspendPartnerHttpController,
    RemovePartnerHttpController,
    ListSubscriptionsHttpController,
    AddSubscriptionHttpController,
    UpdateSubscriptionHttpController,
    RemoveSubscriptionHttpController,
    ListWebhookSecretsHttpController,
    AddWebhookSecretHttpController,
    RetireWebhookSecretHttpController,
  ],
  providers: [
    OnboardPartnerHandler,
    UpdatePartnerHandler,
    SuspendPartnerHandler,
    ResumePartnerHandler,
    RemovePartnerHandler,
    AddSubscriptionHandler,
    UpdateSubscriptionHandler,
    RemoveSubscriptionHandler,
    AddWebhookSecretHandler,
    RetireWebhookSecretHandler,
  ],
})
export class PartnersModule {}
