import { applyDecorators, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators.js';
import { TaxiiAcceptGuard } from './taxii-accept.guard.js';
import { TAXII_MEDIA_TYPE } from './taxii-error.js';
import { TaxiiErrorFilter } from './taxii-error.filter.js';

/** Base path of the TAXII 2.1 server; the one API root lives under it. */
export const TAXII_BASE_PATH = 'taxii2';
export const TAXII_API_ROOT_PATH = `${TAXII_BASE_PATH}/aisw`;

/**
 * A TAXII 2.1 read endpoint: partner and admin keys (a partner sees only its own collection), `Accept` negotiated
 * (406), answers (set by TaxiiAcceptGuard) and errors in `application/taxii+json;version=2.1`.
 */
export const TaxiiEndpoint = (): ClassDecorator =>
  applyDecorators(
    ApiTags('taxii'),
    ApiBearerAuth(),
    ApiProduces(TAXII_MEDIA_TYPE),
    Roles('partner', 'admin'),
    UseGuards(TaxiiAcceptGuard),
    UseFilters(TaxiiErrorFilter),
  );
