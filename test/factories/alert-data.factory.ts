import type { AlertData } from '@app/contracts';
import { classifyIncident } from '@app/taxonomy';

/** An alert as the router builds it, with overrides. */
export function alertFactory(overrides: Partial<AlertData> = {}, incident: Partial<AlertData['incident']> = {}): AlertData {
  const title = 'Uber AV Killed Pedestrian in Arizona';
  const description = 'An Uber autonomous vehicle in autonomous mode struck and killed a pedestrian in Tempe, Arizona.';
  return {
    alertId: '3b0d7b8e-8a43-5f51-9a2c-1f3c0f3c2a11',
    msgType: 'Alert',
    version: 1,
    references: [],
    partnerId: '5a0c3f4e-1d2b-4c3a-9e8f-7a6b5c4d3e2f',
    sentAt: '2026-11-29T10:00:00.123Z',
    incident: {
      id: '0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
      title,
      description,
      occurredAt: '2018-03-18',
      country: 'US',
      language: 'en',
      sector: 'autonomous_driving',
      reportingOrganisation: 'National Transportation Safety Board',
      aiSystemName: null,
      developer: 'Uber',
      deployer: 'Uber',
      harmDescription: null,
      sourceUrls: ['https://incidentdatabase.ai/cite/4/'],
      tlp: 'GREEN',
      originJurisdiction: 'CN',
      filedAt: '2026-11-29T09:59:59.000Z',
      version: 1,
      status: 'active',
      updatedAt: '2026-11-29T09:59:59.000Z',
      ...incident,
    },
    classification: classifyIncident({ title, description, sector: 'autonomous_driving' }),
    ...overrides,
  };
}
