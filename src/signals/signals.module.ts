import { Module } from '@nestjs/common';
import { ListSignalsHandler } from './queries/list-signals/list-signals.handler.js';
import { ListSignalsHttpController } from './queries/list-signals/list-signals.http.controller.js';
import { SurgeDetector } from './surge-detector.js';

/** Surge signals (CDC EARS C2/C3 per ISO week and category), computed on request from the read model. */
@Module({ controllers: [ListSignalsHttpController], providers: [SurgeDetector, ListSignalsHandler], exports: [SurgeDetector] })
export class SignalsModule {}
