import { describe, expect, it } from '@jest/globals';
import { EventTypes, type IncidentEventData, type TlpMarking } from '@app/contracts';
import { classifyIncident, type AxisResult } from '@app/taxonomy';
import { planAlerts, selectRecipients, subscriptionMatches, type RoutablePartner, type SubscriptionFilter } from './routing-rules.js';

const axis = <L extends string>(label: L): AxisResult<L> => ({ label, confidence: 0.8, evidence: [] });

/** A filed-incident event for AIID incident 4 (Uber AV killed a pedestrian in Tempe, Arizona), with overrides. */
function eventFactory(
  overrides: { tlp?: TlpMarking; country?: string; sector?: string | null; mechanism?: string; version?: number } = {},
): IncidentEventData {
  return {
    incident: {
      id: '0b3c2f5e-4a47-4b0e-8a51-1f8f3c9f2d11',
      title: 'Uber AV Killed Pedestrian in Arizona',
      description: 'An Uber autonomous vehicle (AV) in autonomous mode struck and killed a pedestrian in Tempe, Arizona.',
      occurredAt: '2018-03-18T00:00:00.000Z',
      country: overrides.country ?? 'US',
      language: 'en',
      sector: overrides.sector === undefined ? 'autonomous_driving' : overrides.sector,
      reportingOrganisation: 'Demo AI incident desk (US)',
      aiSystemName: null,
      developer: 'Uber',
      deployer: 'Uber',
      harmDescription: null,
      sourceUrls: ['https://incidentdatabase.ai/cite/4/'],
      tlp: overrides.tlp ?? 'GREEN',
      originJurisdiction: 'CN',
      filedAt: '2026-11-29T00:00:00.000Z',
      version: overrides.version ?? 1,
      status: 'active',
      updatedAt: '2026-11-29T00:00:00.000Z',
    },
    classification: {
      ...classifyIncident({ title: 'Uber AV Killed Pedestrian in Arizona', description: 'An Uber autonomous vehicle struck and killed a pedestrian.' }),
      mechanism: axis(overrides.mechanism ?? 'loss_of_control') as IncidentEventData['classification']['mechanism'],
      magnitude: axis('general'),
      source: axis('system'),
    },
  };
}

const filterFactory = (overrides: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({
  mechanisms: [],
  magnitudes: [],
  sources: [],
  countries: [],
  sectors: [],
  ...overrides,
});

const partnerFactory = (slug: string, subscriptions: SubscriptionFilter[], status: 'active' | 'suspended' = 'active'): RoutablePartner => ({
  id: `id-${slug}`,
  slug,
  kafkaTopic: `aisw.partner.${slug}.alerts.v1`,
  status,
  subscriptions,
});

describe(subscriptionMatches.name, () => {
  it('matches everything with empty lists', () => {
    expect(subscriptionMatches(filterFactory(), eventFactory())).toBe(true);
  });

  it('requires every non-empty list to accept the incident', () => {
    expect(subscriptionMatches(filterFactory({ mechanisms: ['loss_of_control'], countries: ['US'] }), eventFactory())).toBe(true);
    expect(subscriptionMatches(filterFactory({ mechanisms: ['misuse'] }), eventFactory())).toBe(false);
    expect(subscriptionMatches(filterFactory({ countries: ['SG', 'KE'] }), eventFactory())).toBe(false);
    expect(subscriptionMatches(filterFactory({ sectors: ['healthcare'] }), eventFactory())).toBe(false);
  });

  it('does not match a sector filter when the incident names no sector', () => {
    expect(subscriptionMatches(filterFactory({ sectors: ['autonomous_driving'] }), eventFactory({ sector: null }))).toBe(false);
  });

  it('lets a partner subscribe to undetermined incidents explicitly', () => {
    expect(subscriptionMatches(filterFactory({ mechanisms: ['undetermined'] }), eventFactory({ mechanism: 'undetermined' }))).toBe(true);
  });
});

describe('TLP 2.0 sharing matrix', () => {
  // Every marking × (subscribed or not) × (named or not): who receives the alert.
  const subscribed = partnerFactory('subscribed', [filterFactory()]);
  const named = partnerFactory('named', [filterFactory({ countries: ['AQ'] })]);
  const bystander = partnerFactory('bystander', [filterFactory({ countries: ['AQ'] })]);
  const both = partnerFactory('both', [filterFactory()]);
  const partners = [subscribed, named, bystander, both];
  const receivers = (tlp: TlpMarking): string[] =>
    selectRecipients({ ...eventFactory({ tlp }), recipients: ['named', 'both'] }, partners).map((partner) => partner.slug);

  it.each([
    ['CLEAR', ['both', 'named', 'subscribed']],
    ['GREEN', ['both', 'named', 'subscribed']],
    ['AMBER', ['both', 'named', 'subscribed']],
    ['AMBER+STRICT', ['both', 'named', 'subscribed']],
    ['RED', ['both', 'named']],
  ] as const)('%s reaches %j', (tlp, expected) => {
    expect(receivers(tlp)).toEqual(expected);
  });

  it('sends RED to nobody when no recipient is named', () => {
    expect(selectRecipients(eventFactory({ tlp: 'RED' }), partners)).toEqual([]);
  });
});

describe(selectRecipients.name, () => {
  const partners = [
    partnerFactory('kenya', [filterFactory({ mechanisms: ['misuse'] }), filterFactory({ countries: ['US'] })]),
    partnerFactory('singapore', [filterFactory()]),
    partnerFactory('suspended', [filterFactory()], 'suspended'),
    partnerFactory('health-only', [filterFactory({ sectors: ['healthcare'] })]),
  ];

  it('selects active partners with any matching subscription, ordered by slug', () => {
    expect(selectRecipients(eventFactory(), partners).map((partner) => partner.slug)).toEqual(['kenya', 'singapore']);
  });

  it('selects nobody for a RED incident', () => {
    expect(selectRecipients(eventFactory({ tlp: 'RED' }), partners)).toEqual([]);
  });
});

describe(planAlerts.name, () => {
  const kenya = partnerFactory('kenya', [filterFactory({ mechanisms: ['misuse'] })]);
  const singapore = partnerFactory('singapore', [filterFactory()]);
  const dormant = partnerFactory('dormant', [filterFactory()], 'suspended');
  const partners = [kenya, singapore, dormant];
  const plan = (type: string, event: IncidentEventData, earlier: string[]) =>
    planAlerts(type, event, partners, new Set(earlier)).map((entry) => [entry.partner.slug, entry.msgType]);

  it('sends a first Alert to matching active partners when an incident is filed', () => {
    expect(plan(EventTypes.incidentFiled, eventFactory(), [])).toEqual([['singapore', 'Alert']]);
  });

  it('sends Update to earlier recipients, even when they no longer match, and Alert to new matches', () => {
    const amended = eventFactory({ version: 2, mechanism: 'misuse' });
    expect(plan(EventTypes.incidentAmended, amended, [singapore.id])).toEqual([
      ['kenya', 'Alert'],
      ['singapore', 'Update'],
    ]);
    expect(plan(EventTypes.incidentAmended, eventFactory({ version: 2 }), [kenya.id])).toEqual([
      ['kenya', 'Update'],
      ['singapore', 'Alert'],
    ]);
  });

  it('carries the reason of an amendment that is not the filer\'s into the Update note', () => {
    const reviewed = { ...eventFactory({ version: 2 }), reason: 'classification reviewed by an analyst' };
    expect(planAlerts(EventTypes.incidentAmended, reviewed, partners, new Set([singapore.id]))[0]).toMatchObject({
      msgType: 'Update',
      note: 'classification reviewed by an analyst',
    });
  });

  it('cancels for earlier recipients when an amendment narrows sharing to RED, and tells no one new', () => {
    const narrowed = eventFactory({ version: 2, tlp: 'RED' });
    expect(plan(EventTypes.incidentAmended, narrowed, [singapore.id])).toEqual([['singapore', 'Cancel']]);
    expect(planAlerts(EventTypes.incidentAmended, narrowed, partners, new Set([singapore.id]))[0].note).toBe('sharing narrowed to TLP:RED');
  });

  it('sends a retraction to every earlier recipient, suspended or no longer matching, and to nobody else', () => {
    const retracted = { ...eventFactory({ version: 3, mechanism: 'misuse' }), reason: 'filed in error' };
    expect(plan(EventTypes.incidentRetracted, retracted, [singapore.id, dormant.id])).toEqual([
      ['dormant', 'Cancel'],
      ['singapore', 'Cancel'],
    ]);
    expect(planAlerts(EventTypes.incidentRetracted, retracted, partners, new Set([dormant.id]))[0].note).toBe('filed in error');
  });
});
