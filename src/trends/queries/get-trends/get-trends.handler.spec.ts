import { describe, expect, it } from '@jest/globals';
import type { ConfigService } from '@nestjs/config';
import type { DataSource } from 'typeorm';
import type { Environment } from '../../../config/environment.js';
import type { SurgeDetector } from '../../../signals/surge-detector.js';
import { GetTrendsHandler } from './get-trends.handler.js';
import { GetTrendsQuery } from './get-trends.query.js';

const principal = { keyId: '00000000-0000-4000-8000-000000000001', name: 'analyst', role: 'analyst' as const, partnerId: null };

/** A handler over a database stub whose count statements take `ms` and record how many ran at once. */
function handlerWithSlowDatabase(maxConcurrent: number, ms: number) {
  const seen = { running: 0, most: 0, statements: 0 };
  const dataSource = {
    query: async () => {
      seen.statements += 1;
      seen.running += 1;
      seen.most = Math.max(seen.most, seen.running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      seen.running -= 1;
      return [{ period: '2026-01-01', k0: 'misuse', n: 2 }];
    },
  } as unknown as DataSource;
  const config = { get: (name: string) => (name === 'TRENDS_MAX_CONCURRENT' ? maxConcurrent : undefined) } as unknown as ConfigService<Environment, true>;
  return { handler: new GetTrendsHandler(dataSource, {} as SurgeDetector, config), seen };
}

describe('GetTrendsHandler', () => {
  it('runs at most TRENDS_MAX_CONCURRENT trend computations at once and answers every request that waited in line', async () => {
    const { handler, seen } = handlerWithSlowDatabase(2, 20);
    const query = new GetTrendsQuery('month', ['mechanism'], new Date('2026-01-01T00:00:00Z'), new Date('2026-01-31T23:59:59Z'), {}, principal);

    const views = await Promise.all(Array.from({ length: 9 }, () => handler.execute(query)));

    expect(seen).toEqual({ running: 0, most: 2, statements: 9 });
    expect(views.map((view) => view.buckets[0].counts.misuse)).toEqual(Array(9).fill(2));
  });
});
