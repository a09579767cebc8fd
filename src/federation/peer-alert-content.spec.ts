import { describe, expect, it } from '@jest/globals';
import type { AlertData } from '@app/contracts';
import { alertContentProblems } from './peer-alert-content.js';

const now = new Date('2026-06-01T12:00:00Z');

/** An alert from a peer with `incident` members replaced (only the members the rules read matter). */
const alert = (incident: Partial<AlertData['incident']>, msgType: AlertData['msgType'] = 'Alert'): AlertData =>
  ({
    msgType,
    incident: { originJurisdiction: 'NL', tlp: 'GREEN', occurredAt: '2026-05-01T00:00:00Z', ...incident },
  }) as unknown as AlertData;

const fields = (data: AlertData, sender = 'NL', own = 'CN'): string[] => alertContentProblems(data, sender, own, now).map((problem) => problem.field);

describe('alertContentProblems', () => {
  it("accepts an incident of the sender's own jurisdiction", () => {
    expect(fields(alert({}))).toEqual([]);
  });

  it('refuses an origin the sender does not hold, unless it is an onward-shared CLEAR or GREEN incident', () => {
    expect(fields(alert({ originJurisdiction: 'FR' }))).toEqual(['data.incident.originJurisdiction']);
    expect(fields(alert({ originJurisdiction: 'FR', tlp: 'AMBER', onwardSharing: true }))).toEqual(['data.incident.originJurisdiction']);
    expect(fields(alert({ originJurisdiction: 'FR', tlp: 'GREEN', onwardSharing: true }))).toEqual([]);
    expect(fields(alert({ originJurisdiction: 'FR', tlp: 'CLEAR', onwardSharing: true }, 'Update'))).toEqual([]);
    // A Cancel withdraws a copy sent on earlier, whatever the sharing rule says now.
    expect(fields(alert({ originJurisdiction: 'FR', onwardSharing: false }, 'Cancel'))).toEqual([]);
  });

  it("never accepts an incident claiming to come from this window's own jurisdiction", () => {
    expect(fields(alert({ originJurisdiction: 'CN', tlp: 'GREEN', onwardSharing: true }))).toEqual(['data.incident.originJurisdiction']);
    expect(fields(alert({ originJurisdiction: 'CN' }, 'Cancel'))).toEqual(['data.incident.originJurisdiction']);
    expect(fields(alert({ originJurisdiction: 'CN' }), 'CN', 'CN')).toEqual(['data.incident.originJurisdiction']);
  });

  it('refuses occurredAt after now plus one day of slack, as a local filing', () => {
    expect(fields(alert({ occurredAt: '2999-01-01T00:00:00Z' }))).toEqual(['data.incident.occurredAt']);
    expect(fields(alert({ occurredAt: '2026-06-02T11:59:59Z' }))).toEqual([]);
    expect(fields(alert({ occurredAt: '2026-06-02T12:00:01Z' }))).toEqual(['data.incident.occurredAt']);
  });

  it('refuses occurredAt before 1950-01-01, as a local filing', () => {
    const problems = alertContentProblems(alert({ occurredAt: '1949-12-31T23:59:59Z' }), 'NL', 'CN', now);
    expect(problems).toEqual([{ field: 'data.incident.occurredAt', messages: ['must not be before 1950-01-01'] }]);
    expect(fields(alert({ occurredAt: '0001-01-01' }))).toEqual(['data.incident.occurredAt']);
    expect(fields(alert({ occurredAt: '1950-01-01T00:00:00Z' }))).toEqual([]);
  });

  it('refuses source URLs with credentials or an IPv6 zone id, as a local filing, naming each by index', () => {
    expect(fields(alert({ sourceUrls: ['https://ok.example/', 'https://u:p@x.com/', 'http://[fe80::1%25eth0]/'] }))).toEqual([
      'data.incident.sourceUrls.1',
      'data.incident.sourceUrls.2',
    ]);
    expect(fields(alert({ sourceUrls: ['http://10.0.0.1/report'] }))).toEqual([]);
  });
});
