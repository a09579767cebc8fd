import { describe, expect, it } from '@jest/globals';
import type { AlertData } from '@app/contracts';
import { classifyIncident } from '@app/taxonomy';
import { withdrawnContent } from '../dissemination/routing-rules.js';
import { alertContentProblems, isWithdrawal } from './peer-alert-content.js';

const day = 86_400_000;
const classification = classifyIncident({ title: 'Chatbot urged a user to self-harm', description: 'A chatbot told a teenager to hurt himself; he was injured.' });
const incident: AlertData['incident'] = {
  id: '0d4f0c8e-0000-4000-8000-000000000001',
  title: 'Chatbot urged a user to self-harm',
  description: 'A chatbot told a teenager to hurt himself; he was injured.',
  occurredAt: '2026-05-01T00:00:00.000Z',
  country: 'NL',
  language: 'en',
  sector: 'healthcare',
  reportingOrganisation: 'Autoriteit Persoonsgegevens',
  aiSystemName: null,
  developer: '[redacted:personalField]',
  deployer: null,
  harmDescription: null,
  sourceUrls: ['https://news.example/report'],
  tlp: 'GREEN',
  originJurisdiction: 'NL',
  filedAt: '2026-05-02T08:00:00.000Z',
  version: 1,
  status: 'active',
  updatedAt: '2026-05-02T08:00:00.000Z',
  personalFields: ['developer'],
  onwardSharing: false,
};

/** A peer alert with `incident` members and `data` members replaced. */
const alert = (change: Partial<AlertData['incident']> = {}, msgType: AlertData['msgType'] = 'Alert', data: Partial<AlertData> = {}): AlertData => ({
  alertId: '0d4f0c8e-0000-4000-8000-000000000002',
  msgType,
  version: 1,
  references: [],
  partnerId: '0d4f0c8e-0000-4000-8000-000000000003',
  sentAt: '2026-05-02T08:00:01.000Z',
  incident: { ...incident, ...change },
  classification,
  ...data,
});

const fields = (data: AlertData, sender = 'NL', own = 'CN'): string[] => alertContentProblems(data, sender, own).problems.map((problem) => problem.field);

describe('alertContentProblems', () => {
  it("accepts an incident of the sender's own jurisdiction and returns its classification to store", () => {
    expect(alertContentProblems(alert(), 'NL', 'CN')).toEqual({ problems: [], classification });
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

  it('refuses occurredAt and filedAt outside 1950…now (one day of slack) or not RFC 3339, as a local filing', () => {
    const soon = (ms: number) => new Date(Date.now() + ms).toISOString();
    expect(fields(alert({ occurredAt: '2999-01-01T00:00:00Z' }))).toEqual(['data.incident.occurredAt']);
    expect(fields(alert({ occurredAt: soon(day - 60_000) }))).toEqual([]);
    expect(fields(alert({ occurredAt: soon(day + 60_000) }))).toEqual(['data.incident.occurredAt']);
    const problems = alertContentProblems(alert({ occurredAt: '1949-12-31T23:59:59Z' }), 'NL', 'CN').problems;
    expect(problems).toEqual([{ field: 'data.incident.occurredAt', messages: ['occurredAt must not be before 1950-01-01'] }]);
    expect(fields(alert({ occurredAt: '1950-01-01T00:00:00Z' }))).toEqual([]);
    expect(fields(alert({ occurredAt: '2026-01-01t00:00:00z' }))).toEqual(['data.incident.occurredAt']);
    expect(fields(alert({ filedAt: '9999-12-31T23:59:59Z' }))).toEqual(['data.incident.filedAt']);
    expect(fields(alert({ filedAt: '0001-01-01T00:00:00Z' }))).toEqual(['data.incident.filedAt']);
    // A leap second: RFC 3339 allows it, PostgreSQL and Date.parse do not.
    expect(fields(alert({ filedAt: '2016-12-31T23:59:60Z' }))).toEqual(['data.incident.filedAt']);
  });

  it('refuses source URLs with credentials or an IPv6 zone id, as a local filing, naming each by index', () => {
    expect(fields(alert({ sourceUrls: ['https://ok.example/', 'https://u:p@x.com/', 'http://[fe80::1%25eth0]/'] }))).toEqual([
      'data.incident.sourceUrls.1',
      'data.incident.sourceUrls.2',
    ]);
    expect(fields(alert({ sourceUrls: ['http://10.0.0.1/report'] }))).toEqual([]);
  });

  it('applies the text and vocabulary rules of POST /incidents to the incident, naming each member', () => {
    expect(fields(alert({ title: '\u200B\u200B' }))).toEqual(['data.incident.title']);
    expect(fields(alert({ title: 'Invoice \u202Egpj.exe', description: 'x \u2066y\u2069' }))).toEqual(['data.incident.title', 'data.incident.description']);
    expect(fields(alert({ reportingOrganisation: 'lone \ud800 surrogate' }))).toEqual(['data.incident.reportingOrganisation']);
    expect(fields(alert({ country: 'XX' }))).toEqual(['data.incident.country']);
    expect(fields(alert({ sector: 'weapons_of_doom' }))).toEqual(['data.incident.sector']);
    expect(fields(alert({ personalFields: ['password'] }))).toEqual(['data.incident.personalFields']);
    expect(fields(alert({ personalFields: ['title\u0000'] }))).toEqual(['data.incident.personalFields']);
    expect(fields(alert({ harmDescription: 'nul \u0000 byte' }))).toEqual(['data.incident.harmDescription']);
  });

  it('refuses a version PostgreSQL cannot store, and a note a local retraction could not have', () => {
    expect(fields(alert({ version: 2147483648 }, 'Alert', { version: 2147483648 }))).toEqual(['data.version']);
    expect(fields(alert({}, 'Cancel', { version: 2147483648 }))).toEqual(['data.version']);
    expect(fields(alert({ version: 2147483647 }, 'Update', { version: 2147483647, note: 'incident amended' }))).toEqual([]);
    const nul = alertContentProblems(alert({}, 'Cancel', { note: 'bye\u0000' }), 'NL', 'CN').problems;
    expect(nul.map((problem) => problem.field)).toEqual(['data.note']);
    expect(nul[0].messages[0]).toMatch(/^note must be plain text/);
    expect(fields(alert({}, 'Update', { note: 'upd\u0000' }))).toEqual(['data.note']);
  });

  it('checks the classification against the contract our classifier meets, and removes members it does not know', () => {
    const withClassification = (change: Record<string, unknown>) => alert({}, 'Alert', { classification: { ...classification, ...change } });
    expect(fields(withClassification({ harmTypes: [{}, { type: 5 }] }))).toEqual([
      'data.classification.harmTypes.0.type',
      'data.classification.harmTypes.0.evidence',
      'data.classification.harmTypes.1.evidence',
      'data.classification.harmTypes.1.type',
    ]);
    expect(fields(withClassification({ euAiAct: { category: 'zzz', deadlineDays: 'soon' } }))).toContain('data.classification.euAiAct.deadlineDays');
    expect(fields(withClassification({ classifierVersion: 'x\u0000y' }))).toEqual(['data.classification.classifierVersion']);
    expect(fields(withClassification({ classifierVersion: 'v'.repeat(41) }))).toEqual(['data.classification.classifierVersion']);
    expect(alertContentProblems(withClassification({ laterMember: 'a\u0000b' }), 'NL', 'CN')).toEqual({ problems: [], classification });
  });

  it("checks neither the incident nor the classification of a Cancel, which stores none of them (a withdrawal's country is ZZ)", () => {
    const withdrawn = withdrawnContent(alert().incident, classification);
    expect(fields(alert(withdrawn.incident, 'Cancel', { classification: withdrawn.classification, version: 2, note: 'sharing narrowed to TLP:RED' }))).toEqual([]);
    expect(fields(alert({ title: '\u200B', sector: 'weapons_of_doom' }, 'Cancel', { classification: { harmTypes: [{}] } as unknown as AlertData['classification'] }))).toEqual([]);
  });
});

describe('isWithdrawal', () => {
  it('tells a Cancel sent because sharing narrowed from a retraction', () => {
    const withdrawn = withdrawnContent({ ...incident, tlp: 'RED' }, classification).incident;
    // Narrowed by an amendment: the incident is still active at the originator.
    expect(isWithdrawal(alert(withdrawn, 'Cancel'))).toBe(true);
    // Retracted, and withdrawn from a partner no longer allowed: the neutral content (country ZZ).
    expect(isWithdrawal(alert({ ...withdrawn, status: 'retracted' }, 'Cancel'))).toBe(true);
    // An ordinary retraction carries the retracted incident.
    expect(isWithdrawal(alert({ status: 'retracted' }, 'Cancel'))).toBe(false);
    expect(isWithdrawal(alert(withdrawn, 'Update'))).toBe(false);
  });
});
