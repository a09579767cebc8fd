import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Environment } from '../config/environment.js';

/**
 * The line `GET /trends` requests wait in: at most TRENDS_MAX_CONCURRENT of them count, build and serialise their
 * answer at once in this process (p-limit), the rest wait without holding memory or the event loop. Serialising is
 * inside the lane because it is the long synchronous part of a large answer (about 100 ms for 10 MB of JSON): with only
 * the counting limited, thirty answers finished one after another and were serialised back to back, and the health
 * probe waited 2–4 s behind them.
 */
@Injectable()
export class TrendsLane {
  private readonly inLine: LimitFunction;

  constructor(config: ConfigService<Environment, true>) {
    this.inLine = pLimit(config.get('TRENDS_MAX_CONCURRENT', { infer: true }));
  }

  /** Runs `task` when a place in the lane is free; resolves or rejects with it. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.inLine(task);
  }
}
