import { describe, expect, it } from '@jest/globals';
import { EventTypes, type IncidentEventData, type TlpMarking } from '@app/contracts';
import { classifyIncident, type AxisResult, type IncidentClassification } from '@app/taxonomy';
import type { PartnerStatus } from '../partners/partner.entity.js';
import {
  planAlerts,
  selectRecipients,
  selectSurgeRecipients,
  subscriptionMatches,
  subscriptionMatchesSurge,
  withdrawnContent,
  type RoutablePartner,
  type SubscriptionFilter,
} from './routing-rules.js';

const axis = <L extends string>(label: L): AxisResult<L> => ({ label, confidence: 0.8, evidence: [] });

/** A filed-incident event for AIID incident 4 (Uber AV killed a pedestrian in Tempe, Arizona), with overrides. */
function eventFactory(
  overrides: {
    tlp?: TlpMarking;
    country?: string;
    sector?: string | null;
    mechanism?: string;
    version?: number;
    classification?: Partial<IncidentClassification>;
  } = {},
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
      ...overrides.classification,
    },
  };
}

const filterFactory = (overrides: Partial<SubscriptionFilter> = {}): SubscriptionFilter => ({
  mechanisms: [],
  magnitudes: [],
  sources: [],
  countries: [],
  sectors: [],
  minSeverity: null,
  harmTypes: [],
  urgencies: [],
  redLineFlags: [],
  trendSignals: false,
  ...overrides,
});

const partnerFactory = (slug: string, subscriptions: SubscriptionFilter[], status: PartnerStatus = 'active'): RoutablePartner => ({
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

  it('falls back to the sector the classifier found in the text when the filer named none', () => {
    const unnamed = eventFactory({ sector: null, classification: { sector: { label: 'healthcare', source: 'text', evidence: [] } } });
    expect(subscriptionMatches(filterFactory({ sectors: ['healthcare'] }), unnamed)).toBe(true);
    expect(subscriptionMatches(filterFactory({ sectors: ['finance'] }), unnamed)).toBe(false);
  });

  it('does not match a sector filter when neither the filer nor the text names a sector', () => {
    const unnamed = eventFactory({ sector: null, classification: { sector: { label: 'undetermined', source: 'none', evidence: [] } } });
    expect(subscriptionMatches(filterFactory({ sectors: ['autonomous_driving'] }), unnamed)).toBe(false);
  });

  it('lets a partner subscribe to undetermined incidents explicitly', () => {
    expect(subscriptionMatches(filterFactory({ mechanisms: ['undetermined'] }), eventFactory({ mechanism: 'undetermined' }))).toBe(true);
  });
});

/** Classification facets of one incident: severity, harm types, urgency, red lines (classifier 0.2.0 shapes). */
const facets = (severity: string, harmTypes: string[], urgency: string, redLineFlags: string[]): Partial<IncidentClassification> =>
  ({
    severity: { label: severity, deaths: null, injuries: null, financialLossUsd: null, evidence: [] },
    harmTypes: harmTypes.map((type) => ({ type, evidence: [] })),
    urgency: { label: urgency, reason: 'default' },
    redLineFlags: redLineFlags.map((flag) => ({ flag, evidence: [] })),
  }) as Partial<IncidentClassification>;

describe('subscription filter matrix', () => {
  // One row per filter part: a filter on that part alone, an incident it accepts and one it refuses.
  const severe = eventFactory({ classification: facets('severe', ['physical_harm'], 'priority', []) });
  const minor = eventFactory({ classification: facets('minor', ['privacy_infringement'], 'routine', []) });
  const redLine = eventFactory({ classification: facets('critical', ['cyberattack'], 'flash', ['autonomous_cyberattack']) });
  const undeterminedSeverity = eventFactory({ classification: facets('undetermined', [], 'routine', []) });
  const preFacets = eventFactory({ classification: { harmTypes: undefined, severity: undefined, urgency: undefined, redLineFlags: undefined } });

  it.each([
    ['mechanisms', filterFactory({ mechanisms: ['loss_of_control'] }), eventFactory(), eventFactory({ mechanism: 'misuse' })],
    ['magnitudes', filterFactory({ magnitudes: ['general'] }), eventFactory(), eventFactory({ classification: { magnitude: axis('existential') } })],
    ['sources', filterFactory({ sources: ['system'] }), eventFactory(), eventFactory({ classification: { source: axis('enabled') } })],
    ['countries', filterFactory({ countries: ['US', 'GB'] }), eventFactory(), eventFactory({ country: 'SG' })],
    ['sectors', filterFactory({ sectors: ['autonomous_driving'] }), eventFactory(), eventFactory({ sector: 'finance' })],
    ['minSeverity at the threshold', filterFactory({ minSeverity: 'severe' }), severe, minor],
    ['minSeverity above the threshold', filterFactory({ minSeverity: 'moderate' }), redLine, minor],
    ['minSeverity vs undetermined severity', filterFactory({ minSeverity: 'negligible' }), minor, undeterminedSeverity],
    ['harmTypes (any of)', filterFactory({ harmTypes: ['deepfake', 'physical_harm'] }), severe, minor],
    ['urgencies', filterFactory({ urgencies: ['flash', 'priority'] }), severe, minor],
    ['redLineFlags (any of)', filterFactory({ redLineFlags: ['autonomous_cyberattack', 'power_seeking'] }), redLine, severe],
  ] as const)('%s: accepts the matching incident and refuses the other', (_part, filter, accepted, refused) => {
    expect([subscriptionMatches(filter, accepted), subscriptionMatches(filter, refused)]).toEqual([true, false]);
  });

  it('needs every part of a filter to match (AND across parts)', () => {
    const filter = filterFactory({ minSeverity: 'severe', urgencies: ['flash'] });
    expect([subscriptionMatches(filter, redLine), subscriptionMatches(filter, severe)]).toEqual([true, false]);
  });

  it('treats a classification from before classifier 0.2.0 as routine with no severity, harm types or red lines', () => {
    expect(subscriptionMatches(filterFactory({ urgencies: ['routine'] }), preFacets)).toBe(true);
    expect(subscriptionMatches(filterFactory({ urgencies: ['flash'] }), preFacets)).toBe(false);
    expect(subscriptionMatches(filterFactory({ minSeverity: 'negligible' }), preFacets)).toBe(false);
    expect(subscriptionMatches(filterFactory({ harmTypes: ['physical_harm'] }), preFacets)).toBe(false);
    expect(subscriptionMatches(filterFactory({ redLineFlags: ['power_seeking'] }), preFacets)).toBe(false);
  });

  it('routes to a partner when any one of its subscriptions matches', () => {
    const partner = partnerFactory('two-filters', [filterFactory({ urgencies: ['flash'] }), filterFactory({ harmTypes: ['privacy_infringement'] })]);
    expect([minor, redLine, severe].map((event) => selectRecipients(event, [partner]).length)).toEqual([1, 1, 0]);
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
    partnerFactory('removed', [filterFactory()], 'removed'),
    partnerFactory('health-only', [filterFactory({ sectors: ['healthcare'] })]),
  ];

  it('selects partners not removed with any matching subscription (suspended ones are held later), ordered by slug', () => {
    expect(selectRecipients(eventFactory(), partners).map((partner) => partner.slug)).toEqual(['kenya', 'singapore', 'suspended']);
  });

  it('sends nothing to a removed partner even when the filer names it', () => {
    expect(selectRecipients({ ...eventFactory(), recipients: ['removed'] }, partners).map((partner) => partner.slug)).not.toContain('removed');
  });

  it('selects nobody for a RED incident', () => {
    expect(selectRecipients(eventFactory({ tlp: 'RED' }), partners)).toEqual([]);
  });
});

describe(planAlerts.name, () => {
  const kenya = partnerFactory('kenya', [filterFactory({ mechanisms: ['misuse'] })]);
  const singapore = partnerFactory('singapore', [filterFactory()]);
  const dormant = partnerFactory('dormant', [filterFactory()], 'suspended');
  const gone = partnerFactory('gone', [filterFactory()], 'removed');
  const partners = [kenya, singapore, dormant, gone];
  const plan = (type: string, event: IncidentEventData, earlier: string[]) =>
    planAlerts(type, event, partners, new Set(earlier)).map((entry) => [entry.partner.slug, entry.msgType]);

  it('sends a first Alert to matching partners, suspended ones included (held), removed ones not', () => {
    expect(plan(EventTypes.incidentFiled, eventFactory(), [])).toEqual([['dormant', 'Alert'], ['singapore', 'Alert']]);
  });

  it('sends Update to a suspended earlier recipient and nothing new to a removed one', () => {
    expect(plan(EventTypes.incidentAmended, eventFactory({ version: 2 }), [dormant.id, gone.id, singapore.id])).toEqual([
      ['dormant', 'Update'],
      ['singapore', 'Update'],
    ]);
  });

  it('sends Update to earlier recipients, even when they no longer match, and Alert to new matches', () => {
    const amended = eventFactory({ version: 2, mechanism: 'misuse' });
    expect(plan(EventTypes.incidentAmended, amended, [singapore.id, dormant.id])).toEqual([
      ['dormant', 'Update'],
      ['kenya', 'Alert'],
      ['singapore', 'Update'],
    ]);
    expect(plan(EventTypes.incidentAmended, eventFactory({ version: 2 }), [kenya.id, dormant.id])).toEqual([
      ['dormant', 'Update'],
      ['kenya', 'Update'],
      ['singapore', 'Alert'],
    ]);
  });

  it('carries the reason of an amendment that is not the filer\'s into the Update note', () => {
    const reviewed = { ...eventFactory({ version: 2 }), reason: 'classification reviewed by an analyst' };
    expect(planAlerts(EventTypes.incidentAmended, reviewed, partners, new Set([singapore.id])).find((entry) => entry.partner === singapore)).toMatchObject({
      msgType: 'Update',
      note: 'classification reviewed by an analyst',
    });
  });

  it('cancels for earlier recipients when an amendment narrows sharing to RED, and tells no one new', () => {
    const narrowed = eventFactory({ version: 2, tlp: 'RED' });
    expect(plan(EventTypes.incidentAmended, narrowed, [singapore.id])).toEqual([['singapore', 'Cancel']]);
    expect(planAlerts(EventTypes.incidentAmended, narrowed, partners, new Set([singapore.id]))[0].note).toBe('sharing narrowed to TLP:RED');
  });

  it('sends one withdrawal Cancel only: a partner already told to delete gets nothing for later versions or the retraction', () => {
    const red = eventFactory({ version: 3, tlp: 'RED' });
    const withdrawn = new Set([singapore.id]);
    expect(planAlerts(EventTypes.incidentAmended, red, partners, new Set([singapore.id]), withdrawn)).toEqual([]);
    const retracted = { ...eventFactory({ version: 4, tlp: 'RED' }), reason: 'the KP operator asked us to' };
    expect(planAlerts(EventTypes.incidentRetracted, retracted, partners, new Set([singapore.id]), withdrawn)).toEqual([]);
    // Not withdrawn before (e.g. alerts from before withdrawals were recorded): a withdrawal Cancel in our words only.
    expect(planAlerts(EventTypes.incidentRetracted, retracted, partners, new Set([singapore.id]))).toEqual([
      { partner: singapore, msgType: 'Cancel', note: 'incident retracted by the filer', withdrawn: true },
    ]);
    // Widened again: the partner may hold it again and gets an Update.
    expect(plan(EventTypes.incidentAmended, eventFactory({ version: 3 }), [singapore.id])).toContainEqual(['singapore', 'Update']);
  });

  it('fills a withdrawal Cancel with identifiers and neutral values only', () => {
    const red = eventFactory({ version: 2, tlp: 'RED', country: 'KP' });
    const content = withdrawnContent({ ...red.incident, reportingOrganisation: 'ORG-SECRET-XYZ', language: 'zh', occurredAt: '2026-11-05T00:00:00.000Z' }, red.classification);
    expect(content.incident).toMatchObject({
      id: red.incident.id,
      version: 2,
      tlp: 'RED',
      country: 'ZZ',
      language: 'en',
      reportingOrganisation: 'withheld',
      occurredAt: red.incident.filedAt,
      developer: null,
      onwardSharing: false,
    });
    expect(JSON.stringify(content)).not.toMatch(/KP|ORG-SECRET|2026-11-05|zh|Uber/);
  });

  it('plans a retraction for every earlier recipient, suspended, removed or no longer matching, and nobody else', () => {
    const retracted = { ...eventFactory({ version: 3, mechanism: 'misuse' }), reason: 'filed in error' };
    expect(plan(EventTypes.incidentRetracted, retracted, [singapore.id, dormant.id, gone.id])).toEqual([
      ['dormant', 'Cancel'],
      ['gone', 'Cancel'],
      ['singapore', 'Cancel'],
    ]);
    expect(planAlerts(EventTypes.incidentRetracted, retracted, partners, new Set([dormant.id]))[0].note).toBe('filed in error');
  });
});

describe(subscriptionMatchesSurge.name, () => {
  const countryDe = { dimension: 'country', value: 'DE' } as const;

  it('needs the opt-in: an open filter without trendSignals takes incident alerts only', () => {
    expect(subscriptionMatchesSurge(filterFactory(), countryDe)).toBe(false);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true }), countryDe)).toBe(true);
  });

  it("reads the list of the surge's own category", () => {
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, countries: ['DE', 'FR'] }), countryDe)).toBe(true);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, countries: ['FR'] }), countryDe)).toBe(false);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, harmTypes: ['privacy_infringement'] }), { dimension: 'harmType', value: 'privacy_infringement' })).toBe(true);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, mechanisms: ['misuse'] }), { dimension: 'mechanism', value: 'loss_of_control' })).toBe(false);
  });

  it('does not match when another part narrows the filter: a surge is counted over all of them', () => {
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, countries: ['DE'] }), { dimension: 'sector', value: 'finance' })).toBe(false);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, minSeverity: 'minor' }), countryDe)).toBe(false);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, redLineFlags: ['autonomous_self_replication'] }), countryDe)).toBe(false);
  });

  it('treats a surge alert as routine', () => {
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, urgencies: ['routine'] }), countryDe)).toBe(true);
    expect(subscriptionMatchesSurge(filterFactory({ trendSignals: true, urgencies: ['flash'] }), countryDe)).toBe(false);
  });

  it('selects opted-in partners that are not removed, by slug, whichever of their subscriptions matches', () => {
    const partners = [
      partnerFactory('zeta', [filterFactory({ countries: ['FR'] }), filterFactory({ trendSignals: true })]),
      partnerFactory('alpha', [filterFactory({ trendSignals: true, countries: ['DE'] })], 'suspended'),
      partnerFactory('gone', [filterFactory({ trendSignals: true })], 'removed'),
      partnerFactory('silent', [filterFactory()]),
    ];
    expect(selectSurgeRecipients(countryDe, partners).map((partner) => partner.slug)).toEqual(['alpha', 'zeta']);
  });
});

describe('onward sharing of foreign incidents (docs/federation.md)', () => {
  // B received the incident from peer A; C is another peer of B, K a partner agency of B; everyone subscribes to all.
  const origin = partnerFactory('a-window', [filterFactory()]);
  const peerC = partnerFactory('c-window', [filterFactory()]);
  const agency = partnerFactory('k-agency', [filterFactory()]);
  const partners = [origin, peerC, agency];
  const foreignEvent = (tlp: TlpMarking, onwardSharing: boolean | undefined): IncidentEventData => {
    const event = eventFactory({ tlp });
    return {
      ...event,
      incident: { ...event.incident, originJurisdiction: 'FR', ...(onwardSharing === undefined ? {} : { onwardSharing }) },
      // Even a RED incident naming B's partners: a foreign incident names no local recipient, and must not travel on.
      recipients: tlp === 'RED' ? ['c-window', 'k-agency'] : [],
      foreignOrigin: { peerId: origin.id, originJurisdiction: 'FR', originIncidentId: event.incident.id, originAlertId: event.incident.id, originVersion: 1 },
    };
  };
  const receivers = (tlp: TlpMarking, onwardSharing: boolean | undefined): string[] =>
    selectRecipients(foreignEvent(tlp, onwardSharing), partners).map((partner) => partner.slug);

  it.each([
    ['CLEAR', true, ['c-window', 'k-agency']],
    ['GREEN', true, ['c-window', 'k-agency']],
    ['AMBER', true, []],
    ['AMBER+STRICT', true, []],
    ['RED', true, []],
    ['CLEAR', false, []],
    ['GREEN', false, []],
    ['AMBER', false, []],
    ['AMBER+STRICT', false, []],
    ['RED', false, []],
    ['CLEAR', undefined, []],
    ['GREEN', undefined, []],
  ] as const)('TLP:%s with onwardSharing %s reaches %j, never the originator', (tlp, onwardSharing, expected) => {
    expect(receivers(tlp, onwardSharing)).toEqual(expected);
  });

  it('keeps the originator\'s marking: the planned alerts carry the event unchanged', () => {
    const event = foreignEvent('GREEN', true);
    const plan = planAlerts(EventTypes.incidentFiled, event, partners, new Set());
    expect(plan.map(({ partner, msgType }) => [partner.slug, msgType])).toEqual([['c-window', 'Alert'], ['k-agency', 'Alert']]);
    expect(event.incident.tlp).toBe('GREEN');
  });

  it('cancels the onward copies when the originator withdraws onward sharing in an amendment', () => {
    const plan = planAlerts(EventTypes.incidentAmended, foreignEvent('GREEN', false), partners, new Set([peerC.id, agency.id]));
    expect(plan.map(({ partner, msgType }) => [partner.slug, msgType])).toEqual([['c-window', 'Cancel'], ['k-agency', 'Cancel']]);
  });

  it('leaves local incidents to the TLP rule alone', () => {
    expect(selectRecipients(eventFactory({ tlp: 'AMBER' }), partners).map((partner) => partner.slug)).toEqual(['a-window', 'c-window', 'k-agency']);
  });
});
