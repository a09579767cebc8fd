import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from '../support/http.js';
import { startRecordingPartner, type RecordingPartner } from '../support/recording-partner.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { waitFor } from '../support/wait-for.js';

interface PendingReview {
  incidentId: string;
  title: string;
  filedAt: string;
  axes: Record<string, { label: string; confidence: number }>;
  reasons: Array<{ axis: string; reason: string }>;
  pendingAxes: Array<{ axis: string; reasons: string[] }>;
  reviewedAxes: Array<{ axis: string; label: string; reviewNumber: number }>;
}
interface ReviewsPage {
  items: PendingReview[];
  nextCursor: string | null;
}
interface AxisView {
  label: string;
  confidence: number;
  evidence: unknown[];
}
interface ClassificationView {
  mechanism: AxisView;
  magnitude: AxisView;
  source: AxisView;
  proposedLabels: Record<string, string>;
  disagreements: string[];
  review?: { reviewNumber: number; axes: Record<string, { label: string; machineLabel: string }> };
}

/**
 * The review queue against the real PostgreSQL and Kafka: low-confidence and disputed incidents wait in GET /reviews,
 * an analyst's override changes the trend counts and reaches partners as an Update alert, and the queue pages by
 * keyset without repeats.
 */
describe('classification review queue', () => {
  let sut: TestApp;
  let regulatorKey: string;
  let analystKey: string;
  let partner: RecordingPartner;

  // No lexicon term matches (a "chatbot" would be a weak source cue, and 0.5.0's base rate would then label both cause axes): mechanism and source are undetermined (confidence 0), so it needs review.
  const vague = (title: string, occurredAt = '2021-06-01') => ({
    title,
    description: 'A customer service kiosk gave odd answers to several customers about opening hours.',
    occurredAt,
    country: 'SG',
    language: 'en',
    reportingOrganisation: 'Test Regulator',
  });

  const file = async (body: Record<string, unknown>): Promise<string> => {
    const filed = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, { key: regulatorKey, body });
    expect(filed.status).toBe(201);
    return filed.body.id;
  };

  const allPending = async (limit: number): Promise<PendingReview[]> => {
    const items: PendingReview[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page += 1) {
      const query: string = after ? `?limit=${limit}&after=${after}` : `?limit=${limit}`;
      const response = await request<ReviewsPage>('GET', `${sut.baseUrl}/reviews${query}`, { key: analystKey });
      expect(response.status).toBe(200);
      items.push(...response.body.items);
      after = response.body.nextCursor;
      if (!after) return items;
    }
    throw new Error('review queue did not end');
  };

  const incident = (id: string) =>
    request<{ classification: ClassificationView; machineClassification?: ClassificationView; reviews: Array<Record<string, unknown>> }>(
      'GET',
      `${sut.baseUrl}/incidents/${id}`,
      { key: analystKey },
    );

  const alertsAbout = (id: string) =>
    Promise.resolve(
      partner.received
        .map((entry) => (JSON.parse(entry.body) as { data: { msgType: string; version: number; incident: { id: string }; classification: ClassificationView } }).data)
        .filter((alert) => alert.incident.id === id),
    );

  const mechanismCounts = async (month: string): Promise<Record<string, number>> => {
    const trends = await request<{ buckets: Array<{ period: string; counts: Record<string, number> }> }>(
      'GET',
      `${sut.baseUrl}/trends?interval=month&groupBy=mechanism&from=${month}-01&to=${month}-28`,
      { key: analystKey },
    );
    expect(trends.status).toBe(200);
    return trends.body.buckets[0].counts;
  };

  beforeAll(async () => {
    sut = await startTestApp('reviews');
    const adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    analystKey = await sut.issueKey('analyst');
    partner = await startRecordingPartner();
    const onboarded = await request('POST', `${sut.baseUrl}/partners`, {
      key: adminKey,
      body: { slug: 'everything', name: 'Everything', country: 'SG', webhookUrl: partner.url, subscriptions: [{ all: true }] },
    });
    expect(onboarded.status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    await sut?.close();
    await partner?.close();
  });

  it('queues an incident with an undetermined axis, with its labels, confidences and reasons', async () => {
    const id = await file(vague('Kiosk gave odd answers'));
    const pending = (await allPending(100)).find((item) => item.incidentId === id);
    expect(pending).toMatchObject({
      title: 'Kiosk gave odd answers',
      axes: { mechanism: { label: 'undetermined', confidence: 0 }, source: { label: 'undetermined', confidence: 0 } },
    });
    expect(pending!.reasons).toEqual(
      expect.arrayContaining([
        { axis: 'mechanism', reason: 'undetermined' },
        { axis: 'source', reason: 'undetermined' },
      ]),
    );
    expect(new Date(pending!.filedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('keeps the filer’s proposed labels, flags the disagreement in GET /incidents/{id} and queues it, also after an amendment', async () => {
    const id = await file({
      ...vague('Model escaped its sandbox'),
      description: 'The AI system copied its own weights to an external server and disabled its monitoring.',
      proposedLabels: { mechanism: 'misuse', source: 'undetermined' },
    });
    const view = await incident(id);
    expect(view.body.classification.proposedLabels).toEqual({ mechanism: 'misuse', source: 'undetermined' });
    expect(view.body.classification.mechanism.label).toBe('loss_of_control');
    expect(view.body.classification.disagreements).toEqual(['mechanism']);
    expect((await allPending(100)).find((item) => item.incidentId === id)?.reasons).toContainEqual({ axis: 'mechanism', reason: 'disagreement' });

    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { title: 'Model escaped its sandbox (amended)' } });
    expect(amended.status).toBe(200);
    expect((await incident(id)).body.classification.disagreements).toEqual(['mechanism']);

    const bad = await request<{ errors: Array<{ field: string }> }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...vague('x'), proposedLabels: { mechanism: 'sabotage', colour: 'red' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.field)).toEqual(expect.arrayContaining(['proposedLabels.mechanism', 'proposedLabels.colour']));
  });

  it('applies an analyst override to trends, sends partners an Update with the reviewed label, and keeps a partly reviewed incident queued', async () => {
    const id = await file(vague('Kiosk misled customers', '1991-04-15'));
    await waitFor(async () => alertsAbout(id), (alerts) => alerts.length >= 1, { description: 'the first alert' });
    expect(await mechanismCounts('1991-04')).toMatchObject({ undetermined: 1, misuse: 0 });

    const reviewed = await request<{ version: number; reviewNumber: number; labels: Record<string, string>; pendingAxes: unknown[] }>(
      'POST',
      `${sut.baseUrl}/reviews/${id}`,
      {
        key: analystKey,
        body: {
          axes: {
            mechanism: { label: 'misuse', reason: 'The operator configured the chatbot to mislead customers.' },
            magnitude: { label: 'general', reason: 'Confirmed: a handful of customers.' },
          },
        },
      },
    );
    expect(reviewed.status).toBe(200);
    expect(reviewed.body).toMatchObject({ version: 2, reviewNumber: 1, labels: { mechanism: 'misuse', magnitude: 'general', source: 'undetermined' } });
    expect(reviewed.body.pendingAxes).toEqual([{ axis: 'source', reasons: ['undetermined'] }]);

    expect(await mechanismCounts('1991-04')).toMatchObject({ undetermined: 0, misuse: 1 });
    const stillQueued = (await allPending(100)).find((item) => item.incidentId === id);
    expect(stillQueued?.pendingAxes).toEqual([{ axis: 'source', reasons: ['undetermined'] }]);
    expect(stillQueued?.reviewedAxes).toEqual([
      { axis: 'mechanism', label: 'misuse', reviewNumber: 1 },
      { axis: 'magnitude', label: 'general', reviewNumber: 1 },
    ]);

    const view = await incident(id);
    expect(view.body.classification.mechanism.label).toBe('misuse');
    expect(view.body.classification.review?.axes.mechanism).toMatchObject({ label: 'misuse', machineLabel: 'undetermined' });
    expect(view.body.machineClassification?.mechanism.label).toBe('undetermined');
    expect(view.body.reviews).toEqual([
      expect.objectContaining({
        reviewNumber: 1,
        reviewedBy: expect.objectContaining({ name: 'test analyst' }) as unknown,
        axes: [
          expect.objectContaining({ axis: 'magnitude', fromLabel: 'general', toLabel: 'general', reason: 'Confirmed: a handful of customers.' }),
          expect.objectContaining({ axis: 'mechanism', fromLabel: 'undetermined', toLabel: 'misuse' }),
        ],
      }),
    ]);

    const updates = await waitFor(
      async () => (await alertsAbout(id)).filter((alert) => alert.msgType === 'Update'),
      (found) => found.length >= 1,
      { description: 'Update alert after the review' },
    );
    expect(updates[0].version).toBe(2);
    expect(updates[0].classification.mechanism.label).toBe('misuse');
    expect(updates[0].classification.review?.axes.mechanism.machineLabel).toBe('undetermined');

    const rest = await request<{ reviewNumber: number; pendingAxes: unknown[] }>('POST', `${sut.baseUrl}/reviews/${id}`, {
      key: analystKey,
      body: { axes: { source: { label: 'enabled', reason: 'People used the chatbot to deceive.' } } },
    });
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ reviewNumber: 2, pendingAxes: [] });
    expect((await allPending(100)).map((item) => item.incidentId)).not.toContain(id);
    expect((await incident(id)).body.classification).toMatchObject({ mechanism: { label: 'misuse' }, source: { label: 'enabled' } });
  });

  it('records a confirmation that changes no label without a new version or an Update alert; an override then sends one', async () => {
    const id = await file(vague('Kiosk confirmed as odd', '1991-06-15'));
    await waitFor(async () => alertsAbout(id), (alerts) => alerts.length >= 1, { description: 'the first alert' });
    const confirmed = await request<{ version: number; reviewNumber: number; labels: Record<string, string>; pendingAxes: Array<{ axis: string }> }>(
      'POST',
      `${sut.baseUrl}/reviews/${id}`,
      { key: analystKey, body: { axes: { mechanism: { label: 'undetermined', reason: 'Nothing says how it failed.' } } } },
    );
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ version: 1, reviewNumber: 1, labels: { mechanism: 'undetermined' } });
    expect(confirmed.body.pendingAxes.map((pending) => pending.axis)).toEqual(['magnitude', 'source']);
    const view = await request<{ incident: { version: number }; reviews: Array<{ reviewNumber: number; axes: Array<Record<string, unknown>> }> }>(
      'GET',
      `${sut.baseUrl}/incidents/${id}`,
      { key: analystKey },
    );
    expect(view.body.incident.version).toBe(1);
    expect(view.body.reviews).toEqual([
      expect.objectContaining({ reviewNumber: 1, axes: [expect.objectContaining({ axis: 'mechanism', fromLabel: 'undetermined', toLabel: 'undetermined' })] }),
    ]);
    expect((await allPending(100)).find((item) => item.incidentId === id)?.reviewedAxes).toEqual([{ axis: 'mechanism', label: 'undetermined', reviewNumber: 1 }]);

    // An override of the other axis changes a label: version 2, and the only Update partners get is that one.
    const overridden = await request<{ version: number }>('POST', `${sut.baseUrl}/reviews/${id}`, {
      key: analystKey,
      body: { axes: { source: { label: 'enabled', reason: 'Staff used it to mislead.' } } },
    });
    expect([overridden.status, overridden.body.version]).toEqual([200, 2]);
    const updates = await waitFor(
      async () => (await alertsAbout(id)).filter((alert) => alert.msgType === 'Update'),
      (found) => found.length >= 1,
      { description: 'Update alert after the override' },
    );
    expect(updates.map((alert) => alert.version)).toEqual([2]);
    expect((await alertsAbout(id)).map((alert) => [alert.msgType, alert.version])).toEqual([['Alert', 1], ['Update', 2]]);
  });

  it('puts a reviewed axis back on the queue when an amendment changes its machine label, keeping the reviewed label in force', async () => {
    const id = await file(vague('Kiosk was odd once more', '1991-05-15'));
    const review = await request('POST', `${sut.baseUrl}/reviews/${id}`, {
      key: analystKey,
      body: {
        axes: {
          mechanism: { label: 'misuse', reason: 'Staff set it up to mislead.' },
          magnitude: { label: 'general', reason: 'Few people affected.' },
          source: { label: 'enabled', reason: 'People used it.' },
        },
      },
    });
    expect(review.status).toBe(200);
    expect((await allPending(100)).map((item) => item.incidentId)).not.toContain(id);

    const amended = await request('PATCH', `${sut.baseUrl}/incidents/${id}`, {
      key: regulatorKey,
      body: { description: 'The AI system copied its own weights to an external server and disabled its monitoring.' },
    });
    expect(amended.status).toBe(200);
    const machine = (await incident(id)).body.machineClassification!;
    expect(machine.mechanism.label).toBe('loss_of_control');

    const queued = (await allPending(100)).find((item) => item.incidentId === id);
    expect(queued?.pendingAxes).toContainEqual({ axis: 'mechanism', reasons: ['machine_changed'] });
    for (const pending of queued!.pendingAxes) expect(pending.reasons).toEqual(['machine_changed']);
    expect((await incident(id)).body.classification.mechanism.label).toBe('misuse');
    expect(await mechanismCounts('1991-05')).toMatchObject({ misuse: 1, loss_of_control: 0 });

    const settle = Object.fromEntries(
      queued!.pendingAxes.map((pending) => [pending.axis, { label: machine[pending.axis as 'mechanism'].label, reason: 'The amendment shows it.' }]),
    );
    expect((await request('POST', `${sut.baseUrl}/reviews/${id}`, { key: analystKey, body: { axes: settle } })).status).toBe(200);
    expect((await allPending(100)).map((item) => item.incidentId)).not.toContain(id);
    expect(await mechanismCounts('1991-05')).toMatchObject({ misuse: 0, loss_of_control: 1 });
  });

  it('refuses a review from a regulator (403), without axes (400), for an unknown (404) or retracted (409) incident', async () => {
    const id = await file(vague('Kiosk gave odd answers again'));
    const body = { axes: { source: { label: 'system', reason: 'The system failed on its own.' } } };
    const asRegulator = await request<{ code: string }>('POST', `${sut.baseUrl}/reviews/${id}`, { key: regulatorKey, body });
    expect([asRegulator.status, asRegulator.body.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    expect((await request('POST', `${sut.baseUrl}/reviews/${id}`, { key: analystKey, body: { axes: {} } })).status).toBe(400);
    const badReason = await request('POST', `${sut.baseUrl}/reviews/${id}`, {
      key: analystKey,
      body: { axes: { source: { label: 'system', reason: 'x'.repeat(2001) } } },
    });
    expect(badReason.status).toBe(400);
    const unknown = await request('POST', `${sut.baseUrl}/reviews/6f1c1f0e-8a4b-4c6d-9e2f-0a1b2c3d4e5f`, { key: analystKey, body });
    expect(unknown.status).toBe(404);
    await request('POST', `${sut.baseUrl}/incidents/${id}/retraction`, { key: regulatorKey, body: { reason: 'Filed in error' } });
    const retracted = await request<{ code: string }>('POST', `${sut.baseUrl}/reviews/${id}`, { key: analystKey, body });
    expect([retracted.status, retracted.body.code]).toEqual([409, 'INCIDENT.RETRACTED']);
    expect((await request('GET', `${sut.baseUrl}/reviews`, { key: regulatorKey })).status).toBe(403);
  });

  it('pages through every pending review exactly once', async () => {
    const filed: string[] = [];
    for (let index = 0; index < 7; index += 1) filed.push(await file(vague(`Vague incident ${index}`)));
    const everything = await allPending(100);
    const paged = await allPending(2);
    const ids = paged.map((item) => item.incidentId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(everything.map((item) => item.incidentId));
    expect(ids).toEqual(expect.arrayContaining(filed));
    expect((await request('GET', `${sut.baseUrl}/reviews?limit=0`, { key: analystKey })).status).toBe(400);
    expect((await request('GET', `${sut.baseUrl}/reviews?limit=101`, { key: analystKey })).status).toBe(400);
  });
});
