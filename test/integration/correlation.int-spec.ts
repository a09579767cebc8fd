import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { EventTypes, incidentEventsTopic } from '@app/contracts';
import { classifyAndStore } from '../../src/incidents/classify-and-store.js';
import { IncidentEntity } from '../../src/incidents/incident.entity.js';
import { toIncidentSnapshot } from '../../src/incidents/incident-snapshot.js';
import { toKafkaBinaryMessage } from '../../src/messaging/cloud-event.js';
import { loadDemoIncidents, type DemoIncident } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_KAFKA_BROKERS } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

interface Related {
  incidentId: string;
  threshold: number;
  items: Array<{ incidentId: string; originJurisdiction: string; score: number; reasons: Array<{ signal: string; weight: number; detail: string }> }>;
}

/**
 * Correlation against the real PostgreSQL and Kafka: a Chinese filing in this window (origin CN) and the English
 * report of the same real event from another jurisdiction are linked by the correlation consumer from the incident
 * events topic, shown to analysts without merging, hidden where the caller may not see the other incident, and
 * unlinked on retraction. The foreign incident is stored and announced on the topic as a peer's incident would be
 * (federation, issue 7): a row with another origin jurisdiction plus an incident event.
 */
describe('correlation of incidents reported in two jurisdictions', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let analystKey: string;
  let producer: Producer;
  const demo = loadDemoIncidents();
  // Our Chinese translation of a real AIID incident and its English original (deploy/demo/incidents.json).
  const chinese = demo.find((entry) => entry.provenance.translation === 'zh' && entry.filing.developer)!;
  const english = demo.find((entry) => !entry.provenance.translation && entry.provenance.dataset === chinese.provenance.dataset && entry.provenance.id === chinese.provenance.id)!;
  const unrelated = demo.find((entry) => !entry.provenance.translation && entry.filing.developer && entry.filing.developer !== chinese.filing.developer && String(entry.filing.occurredAt).slice(0, 4) !== String(chinese.filing.occurredAt).slice(0, 4))!;

  const related = (id: string, key = analystKey) => request<Related>('GET', `${sut.baseUrl}/incidents/${id}/related`, { key });

  /** Stores an incident filed with a peer window (origin `jurisdiction`) and announces it on the incident events topic. */
  const receiveForeign = async (entry: DemoIncident, jurisdiction: string, tlp = 'GREEN'): Promise<string> => {
    const dataSource = sut.app.get(DataSource);
    const filing = entry.filing as Record<string, string | undefined> & { title: string };
    const { incident, classification } = await dataSource.transaction(async (manager) => {
      const stored = await manager.save(
        manager.create(IncidentEntity, {
          id: randomUUID(),
          title: filing.title,
          description: filing.description!,
          occurredAt: new Date(filing.occurredAt!),
          country: filing.country!,
          language: (filing.language ?? 'en') as 'en' | 'zh',
          sector: filing.sector ?? null,
          reportingOrganisation: `${jurisdiction} single window`,
          aiSystemName: filing.aiSystemName ?? null,
          developer: filing.developer ?? null,
          deployer: filing.deployer ?? null,
          harmDescription: filing.harmDescription ?? null,
          sourceUrls: [],
          tlp: tlp as IncidentEntity['tlp'],
          originJurisdiction: jurisdiction,
          filedByKeyId: randomUUID(),
          idempotencyKey: null,
          requestHash: '0'.repeat(64),
          proposedLabels: null,
          recipients: [],
          personalFields: [],
        }),
      );
      return { incident: stored, classification: await classifyAndStore(manager, stored, 'backfill') };
    });
    await producer.send({
      topic: incidentEventsTopic(sut.topicPrefix),
      messages: [
        toKafkaBinaryMessage(
          { id: randomUUID(), type: EventTypes.incidentFiled, source: `/aisw/${jurisdiction}`, subject: incident.id, time: new Date().toISOString(), data: { incident: toIncidentSnapshot(incident), classification } },
          incident.id,
        ),
      ],
    });
    return incident.id;
  };

  const file = async (entry: DemoIncident, overrides: Record<string, unknown> = {}): Promise<string> => {
    const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body: { ...entry.filing, ...overrides } });
    expect(response.status).toBe(201);
    return response.body.id;
  };

  beforeAll(async () => {
    sut = await startTestApp('correlation');
    [regulatorKey, analystKey] = await Promise.all([sut.issueKey('regulator'), sut.issueKey('analyst')]);
    producer = new Kafka({ brokers: TEST_KAFKA_BROKERS.split(','), clientId: 'correlation-test', logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await sut?.close();
  });

  it('links the Chinese filing and the foreign English report of the same event both ways, with score and reasons, without merging', async () => {
    const local = await file(chinese);
    const unrelatedLocal = await file(unrelated);
    const foreign = await receiveForeign(english, 'US');
    const fromLocal = await waitFor(
      async () => (await related(local)).body,
      (body) => body.items.some((item) => item.incidentId === foreign),
      { description: 'the link from the Chinese filing to the foreign report' },
    );
    const link = fromLocal.items.find((item) => item.incidentId === foreign)!;
    expect(link.originJurisdiction).toBe('US');
    expect(link.score).toBeGreaterThanOrEqual(fromLocal.threshold);
    expect(link.reasons.map((reason) => reason.signal)).toEqual(expect.arrayContaining(['organisation', 'date']));
    expect(link.reasons.reduce((sum, reason) => sum + reason.weight, 0)).toBeCloseTo(link.score, 2);
    const fromForeign = (await related(foreign)).body;
    expect(fromForeign.items.map((item) => item.incidentId)).toContain(local);
    // Not merged: both incidents are still there with their own text and origin; the view shows the link.
    const view = await request<{ incident: { title: string; originJurisdiction: string }; related: Array<{ incidentId: string; signals: string[] }> }>('GET', `${sut.baseUrl}/incidents/${local}`, {
      key: analystKey,
    });
    expect(view.body.incident).toMatchObject({ title: chinese.filing.title, originJurisdiction: 'CN' });
    expect(view.body.related).toContainEqual(expect.objectContaining({ incidentId: foreign, signals: expect.arrayContaining(['date']) }));
    // Two incidents filed in this window are never linked to each other by default (same jurisdiction).
    expect(fromLocal.items.map((item) => item.incidentId)).not.toContain(unrelatedLocal);
    expect((await related(unrelatedLocal)).body.items.map((item) => item.incidentId)).not.toContain(foreign);
  });

  it('never shows a linked TLP:RED incident to a caller who may not see it, and answers 404 for its own links', async () => {
    const local = await file(chinese, { title: `${chinese.filing.title}（第二份）` });
    const red = await receiveForeign(english, 'JP', 'RED');
    // The link exists in the store…
    await waitFor(
      async () => sut.app.get(DataSource).query<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM incident_links WHERE incident_id = $1 AND related_incident_id = $2`, [local, red]),
      (rows) => rows[0].n === 1,
      { description: 'the link to the RED incident' },
    );
    // …but neither listing nor the incident view reveals it.
    expect((await related(local)).body.items.map((item) => item.incidentId)).not.toContain(red);
    const view = await request<{ related: Array<{ incidentId: string }> }>('GET', `${sut.baseUrl}/incidents/${local}`, { key: analystKey });
    expect(view.body.related.map((item) => item.incidentId)).not.toContain(red);
    const hidden = await related(red);
    expect([hidden.status, (hidden.body as unknown as { code: string }).code]).toEqual([404, 'INCIDENT.NOT_FOUND']);
  });

  it('removes the links of a retracted incident', async () => {
    const local = await file(chinese, { title: `${chinese.filing.title}（第三份）` });
    const foreign = await receiveForeign(english, 'SG');
    await waitFor(async () => (await related(foreign)).body, (body) => body.items.some((item) => item.incidentId === local), { description: 'the link before retraction' });
    expect((await request('POST', `${sut.baseUrl}/incidents/${local}/retraction`, { key: regulatorKey, body: { reason: 'Filed twice' } })).status).toBe(200);
    await waitFor(async () => (await related(foreign)).body, (body) => !body.items.some((item) => item.incidentId === local), { description: 'the link gone after retraction' });
  });
});
