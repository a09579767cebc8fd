import { Module } from '@nestjs/common';
import { GetTrendsHandler } from './queries/get-trends/get-trends.handler.js';
import { GetTrendsHttpController } from './queries/get-trends/get-trends.http.controller.js';
import { SignalsModule } from '../signals/signals.module.js';
import { TrendCountsFolder } from '../read-models/trend-counts.folder.js';
import { TrendsLane } from './trends-lane.js';

@Module({ imports: [SignalsModule], controllers: [GetTrendsHttpController], providers: [GetTrendsHandler, TrendCountsFolder, TrendsLane] })
export class TrendsModule {}
