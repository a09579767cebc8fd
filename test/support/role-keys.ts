import type { Role } from '../../src/auth/api-key.entity.js';
import { request } from './http.js';
import type { TestApp } from './test-app.js';

/**
 * One API key per role: admin, regulator and analyst keys issued directly, the partner key by onboarding a Kafka-only
 * partner (slug `partnerSlug`, no subscriptions: it matches every shareable incident) through `POST /partners`.
 */
export async function keysForEveryRole(sut: TestApp, partnerSlug: string): Promise<Record<Role, string>> {
  const admin = await sut.issueKey('admin');
  const partner = await request<{ apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
    key: admin,
    body: { slug: partnerSlug, name: `Partner ${partnerSlug}`, country: 'FR' },
  });
  if (partner.status !== 201) throw new Error(`onboarding ${partnerSlug} answered ${partner.status}`);
  return { admin, regulator: await sut.issueKey('regulator'), analyst: await sut.issueKey('analyst'), partner: partner.body.apiKey };
}
