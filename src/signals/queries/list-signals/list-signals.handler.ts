import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EARS_METHODS, earsMethodId } from '../../ears.js';
import { SurgeDetector } from '../../surge-detector.js';
import { ListSignalsQuery, type SignalsView } from './list-signals.query.js';

/** Runs the surge detector on the read model (no stored signals: computed on request, docs/signals.md). */
@QueryHandler(ListSignalsQuery)
export class ListSignalsHandler implements IQueryHandler<ListSignalsQuery> {
  constructor(private readonly detector: SurgeDetector) {}

  async execute({ search }: ListSignalsQuery): Promise<SignalsView> {
    return {
      from: search.from.toISOString(),
      to: search.to.toISOString(),
      dimensions: search.dimensions,
      method: earsMethodId(EARS_METHODS[search.method ?? 'C2']),
      surges: await this.detector.detect(search),
    };
  }
}
