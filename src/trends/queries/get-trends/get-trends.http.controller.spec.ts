import { describe, expect, it } from '@jest/globals';
import type { StreamableFile } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { QueryBus } from '@nestjs/cqrs';
import type { Environment } from '../../../config/environment.js';
import { TrendsLane } from '../../trends-lane.js';
import { GetTrendsHttpController } from './get-trends.http.controller.js';
import type { GetTrendsRequestDto } from './get-trends.request.dto.js';

const principal = { keyId: '00000000-0000-4000-8000-000000000001', name: 'analyst', role: 'analyst' as const, partnerId: null };

/** The controller over a query bus whose trends take `ms` and record how many ran at once. */
function controllerWithSlowTrends(maxConcurrent: number, ms: number) {
  const seen = { running: 0, most: 0, queries: 0 };
  const queryBus = {
    execute: async () => {
      seen.queries += 1;
      seen.running += 1;
      seen.most = Math.max(seen.most, seen.running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      seen.running -= 1;
      return { interval: 'month', buckets: [{ period: '2026-01-01', total: 2 }] };
    },
  } as unknown as QueryBus;
  const config = { get: (name: string) => (name === 'TRENDS_MAX_CONCURRENT' ? maxConcurrent : undefined) } as unknown as ConfigService<Environment, true>;
  return { controller: new GetTrendsHttpController(queryBus, new TrendsLane(config)), seen };
}

const bodyOf = async (file: StreamableFile): Promise<unknown> => {
  const chunks: Buffer[] = [];
  for await (const chunk of file.getStream()) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

describe('GET /trends controller', () => {
  it('counts at most TRENDS_MAX_CONCURRENT trends at once and answers every request that waited, as JSON', async () => {
    const { controller, seen } = controllerWithSlowTrends(2, 20);
    const params = { interval: 'month', groupBy: ['mechanism'], signals: true } as unknown as GetTrendsRequestDto;

    const files = await Promise.all(Array.from({ length: 9 }, () => controller.get(params, principal)));

    expect(seen).toEqual({ running: 0, most: 2, queries: 9 });
    expect(files[0].getHeaders().type).toBe('application/json; charset=utf-8');
    const bodies = await Promise.all(files.map(bodyOf));
    expect(bodies).toEqual(Array(9).fill({ interval: 'month', buckets: [{ period: '2026-01-01', total: 2 }] }));
  });
});
