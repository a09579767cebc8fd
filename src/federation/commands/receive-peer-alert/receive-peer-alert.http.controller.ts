import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../../auth/auth.decorators.js';
import { correlationIdOf } from '../../../common/correlation-id.js';
import { RequestValidationError } from '../../../common/problem-details.js';
import { ReceivePeerAlertCommand, type ReceivePeerAlertResult } from './receive-peer-alert.command.js';

/** Standard Webhooks 1.0 headers every delivery carries. */
const WEBHOOK_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const;
/** `webhook-timestamp`: Unix time in whole seconds, digits only (Standard Webhooks 1.0). */
const UNIX_SECONDS = /^\d{1,15}$/;

@ApiTags('federation')
@Controller('federation')
export class ReceivePeerAlertHttpController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Inbound endpoint for alerts from peer single windows (the peer's webhook URL for this window is
   * `<this base URL>/federation/alerts`). No API key: the delivery is authenticated by the Standard Webhooks HMAC with
   * the secret the peer issued to this window and by the alert's Ed25519 JWS against the peer's JWK set
   * (docs/federation.md). Body: the `org.aisw.alert.v1` CloudEvent, `application/cloudevents+json` or `application/json`.
   * 200 `{ alertId, outcome, incidentId, version }` (a repeat answers 200 `duplicate` and changes nothing); 400 for
   * missing webhook headers, a `webhook-timestamp` that is not Unix seconds, or an invalid alert (naming the field);
   * 401 FEDERATION.BAD_SIGNATURE (the same detail whether or not a peer of the alert's `source` is registered);
   * 503 FEDERATION.KEYS_UNAVAILABLE (the sender retries).
   */
  @Post('alerts')
  @Public()
  @HttpCode(200)
  @ApiHeader({ name: 'webhook-id', required: true })
  @ApiHeader({ name: 'webhook-timestamp', required: true })
  @ApiHeader({ name: 'webhook-signature', required: true })
  receive(@Req() request: Request): Promise<ReceivePeerAlertResult> {
    const body: unknown = request.body;
    const missing = [
      ...WEBHOOK_HEADERS.filter((name) => typeof request.headers[name] !== 'string' || request.headers[name] === ''),
      ...(Buffer.isBuffer(body) && body.length > 0 ? [] : ['body']),
    ];
    const violations = missing.map((field) => ({
      field,
      messages: [field === 'body' ? 'an alert CloudEvent is required' : `the ${field} header is required (Standard Webhooks 1.0)`],
    }));
    const timestamp = request.headers['webhook-timestamp'];
    if (typeof timestamp === 'string' && timestamp !== '' && !UNIX_SECONDS.test(timestamp)) {
      violations.push({ field: 'webhook-timestamp', messages: ['the webhook-timestamp header must be Unix time in whole seconds, digits only (Standard Webhooks 1.0)'] });
    }
    if (violations.length > 0) throw new RequestValidationError(violations);
    return this.commandBus.execute(new ReceivePeerAlertCommand(body as Buffer, request.headers, correlationIdOf(request)));
  }
}
