import { expect } from '@jest/globals';
import { request } from '../../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../../support/recording-partner.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

/** An app under test with one webhook partner subscribed to everything, and a regulator's key to file with. */
export interface SteadySetup {
  sut: TestApp;
  partner: RecordingPartner;
  regulatorKey: string;
}

/** Starts the app (`overrides` as for startTestApp) and onboards the partner `steady` (country DE, no filter). */
export async function startWithSteadyPartner(name: string, overrides: Record<string, string>): Promise<SteadySetup> {
  const sut = await startTestApp(name, overrides);
  const adminKey = await sut.issueKey('admin');
  const regulatorKey = await sut.issueKey('regulator');
  const partner = await startRecordingPartner();
  const onboarded = await request('POST', `${sut.baseUrl}/partners`, {
    key: adminKey,
    body: { slug: 'steady', name: 'Steady Single Window', country: 'DE', webhookUrl: partner.url },
  });
  expect(onboarded.status).toBe(201);
  return { sut, partner, regulatorKey };
}
