import type { EntityManager } from 'typeorm';
import { RequestValidationError } from '../common/problem-details.js';

/** Refuses named recipients that are not onboarded partners, with a 400 naming `recipients` and the unknown slugs. */
export async function assertKnownRecipients(manager: EntityManager, slugs: string[] | undefined): Promise<void> {
  if (!slugs || slugs.length === 0) return;
  const rows = await manager.query<Array<{ slug: string }>>('SELECT slug FROM partners WHERE slug = ANY($1::text[])', [slugs]);
  const known = new Set(rows.map((row) => row.slug));
  const unknown = slugs.filter((slug) => !known.has(slug));
  if (unknown.length > 0) {
    throw new RequestValidationError([{ field: 'recipients', messages: [`unknown partner(s): ${unknown.join(', ')}`] }]);
  }
}
