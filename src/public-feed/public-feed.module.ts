import { Module } from '@nestjs/common';
import { ListPublicAlertsHttpController } from './queries/list-public-alerts/list-public-alerts.http.controller.js';

@Module({ controllers: [ListPublicAlertsHttpController] })
export class PublicFeedModule {}
