import type { EntityManager } from 'typeorm';
import { RequestValidationError } from '../common/problem-details.js';

/**
 * Refuses named recipients that are not onboarded partners, or that were removed (a removed partner is sent nothing,
 * so a RED filer naming it would believe it shared), with a 400 naming `recipients` and the slugs. Suspended partners
 * are accepted: their alerts are held and sent when they are resumed (routing-rules.ts `selectRecipients`).
 */
export async function assertKnownRecipients(manager: EntityManager, slugs: string[] | undefined): Promise<void> {
  if (!slugs || slugs.length === 0) return;
  const rows = await manager.query<Array<{ slug: string; status: string }>>('SELECT slug, status FROM partners WHERE slug = ANY($1::text[])', [slugs]);
  const status = new Map(rows.map((row) => [row.slug, row.status]));
  const unknown = slugs.filter((slug) => !status.has(slug));
  const removed = slugs.filter((slug) => status.get(slug) === 'removed');
  const messages = [
    ...(unknown.length > 0 ? [`unknown partner(s): ${unknown.join(', ')}`] : []),
    ...(removed.length > 0 ? [`removed partner(s), sent nothing: ${removed.join(', ')}`] : []),
  ];
  if (messages.length > 0) throw new RequestValidationError([{ field: 'recipients', messages }]);
}
