import { Module } from '@nestjs/common';
import { ListSignalsHandler } from './queries/list-signals/list-signals.handler.js';
import { ListSignalsHttpController } from './queries/list-signals/list-signals.http.controller.js';
import { SurgeDetector } from './surge-detector.js';
import { SurgeSignalRecorder } from './surge-signal.recorder.js';

/**
 * Surge signals (CDC EARS C2/C3 per ISO week and category), computed on request from the read model, and the signal
 * store's scheduled writer.
 */
@Module({ controllers: [ListSignalsHttpController], providers: [SurgeDetector, ListSignalsHandler, SurgeSignalRecorder], exports: [SurgeDetector] })
export class SignalsModule {}
