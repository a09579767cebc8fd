import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/api-keys.service.js';

/** One alert version as an OASIS CAP 1.2 XML document (UTF-8 text). */
export class ExportCapAlertQuery extends Query<string> {
  constructor(
    readonly principal: Principal,
    readonly alertId: string,
  ) {
    super();
  }
}
