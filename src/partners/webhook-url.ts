import { RequestValidationError } from '../common/problem-details.js';
import type { DestinationGuard } from '../dissemination/destination-guard.js';

/**
 * Refuses, at onboarding and on PATCH, a webhook URL the SSRF guard already knows it would refuse at delivery (a
 * literal loopback, link-local, private… address or `localhost`, unless WEBHOOK_ALLOWED_NETWORKS allows it;
 * DestinationGuard.refusalOf). A hostname is vetted at delivery only (its DNS answer can change).
 * Errors: RequestValidationError (400) naming `webhookUrl`.
 */
export function refuseUnreachableWebhookUrl(guard: DestinationGuard, webhookUrl: string | null | undefined): void {
  const refusal = webhookUrl ? guard.refusalOf(webhookUrl) : null;
  if (refusal) throw new RequestValidationError([{ field: 'webhookUrl', messages: [refusal] }]);
}

/**
 * The URL as views show it: credentials in its authority (`https://user:pass@host/` → `https://***@host/`) masked.
 * Registration refuses them (DestinationGuard.refusalOf), but rows stored before that check may hold some. Works on
 * text the URL parser refuses too; null stays null.
 */
export function withoutCredentials(url: string): string;
export function withoutCredentials(url: string | null): string | null;
export function withoutCredentials(url: string | null): string | null {
  return url === null ? null : url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#\\]*@/, '$1***@');
}
