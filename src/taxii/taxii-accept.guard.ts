import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';
import { TAXII_MEDIA_TYPE, TaxiiError } from './taxii-error.js';

/**
 * Content negotiation of TAXII 2.1 §1.6.8: a request whose `Accept` admits neither
 * `application/taxii+json;version=2.1` nor `application/taxii+json` (no version = the latest) gets 406. Matching,
 * including `*` ranges, q-values and parameters, is Express's (`negotiator`). No `Accept` header accepts anything.
 * An accepted request's answer gets the TAXII `Content-Type` here (Nest's `@Header` cannot decorate a class).
 */
@Injectable()
export class TaxiiAcceptGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!request.accepts(TAXII_MEDIA_TYPE)) {
      throw new TaxiiError(406, 'Not acceptable', `This server answers ${TAXII_MEDIA_TYPE} only`, { field: 'Accept' });
    }
    context.switchToHttp().getResponse<Response>().type(TAXII_MEDIA_TYPE);
    return true;
  }
}
