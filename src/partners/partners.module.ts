import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OnboardPartnerHandler } from './commands/onboard-partner/onboard-partner.handler.js';
import { OnboardPartnerHttpController } from './commands/onboard-partner/onboard-partner.http.controller.js';
import { ListPartnersHttpController } from './queries/list-partners/list-partners.http.controller.js';

@Module({
  imports: [AuthModule],
  controllers: [OnboardPartnerHttpController, ListPartnersHttpController],
  providers: [OnboardPartnerHandler],
})
export class PartnersModule {}
