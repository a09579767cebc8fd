import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import pg from 'pg';
import { CAP_CERTAINTY, CAP_SEVERITY, CAP_URGENCY } from '../../src/cap/cap-message.js';
import { AISW_INCIDENT_EXTENSION_ID, TLP_2_MARKING_IDS } from '../../src/taxii/stix/stix-ids.js';
import { stixObjectErrors } from '../../src/taxii/stix/stix-objects.schema.js';
import { capSchemaErrors } from '../support/cap-schema.js';
import { loadDemoIncidents } from '../support/demo-incidents.js';
import { request } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { databaseUrl } from '../support/test-environment.js';
import { waitFor } from '../support/wait-for.js';

const TAXII = 'application/taxii+json;version=2.1';

interface StixObject {
  type: string;
  id: string;
  modified?: string;
  created: string;
  revoked?: boolean;
  object_marking_refs?: string[];
  extensions?: Record<string, Record<string, unknown>>;
  [property: string]: unknown;
}

interface Envelope {
  more?: boolean;
  next?: string;
  objects?: StixObject[];
}

interface Delivery {
  partnerName: string;
  alertId: string;
  version: number;
  msgType: string;
}

/**
 * The TAXII 2.1 server and the CAP 1.2 export against the real PostgreSQL and Kafka: alerts routed to a Kafka-only
 * partner are read back as STIX 2.1 incident objects by a generic TAXII client, and as CAP XML.
 */
describe('TAXII 2.1 collections and CAP 1.2 export of alerts', () => {
  let sut: TestApp;
  let adminKey: string;
  let regulatorKey: string;
  let partnerA: { id: string; apiKey: string };
  let partnerB: { id: string; apiKey: string };
  const filings = loadDemoIncidents()
    .filter((entry) => entry.filing.tlp === 'GREEN')
    .map((entry) => entry.filing);
  const filed: string[] = [];

  const taxii = <T = Envelope>(path: string, key: string, accept = TAXII) =>
    request<T>('GET', `${sut.baseUrl}/taxii2/aisw/${path}`, { key, headers: { accept } });

  const deliveriesOf = async (incidentId: string): Promise<Delivery[]> =>
    (await request<{ deliveries: Delivery[] }>('GET', `${sut.baseUrl}/incidents/${incidentId}`, { key: regulatorKey })).body.deliveries;

  /** Every alert id the partner was sent for the filed incidents, from the incident view (not from TAXII). */
  const alertIdsSentTo = async (partnerName: string): Promise<string[]> =>
    (await Promise.all(filed.map(deliveriesOf))).flat().filter((delivery) => delivery.partnerName === partnerName).map((delivery) => delivery.alertId);

  const file = async (index: number): Promise<string> => {
    const response = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
      key: regulatorKey,
      body: { ...filings[index % filings.length], title: `${filings[index % filings.length].title} (#${index})` },
    });
    expect(response.status).toBe(201);
    filed.push(response.body.id);
    return response.body.id;
  };

  /** Waits until partner A's collection holds `count` incident versions. */
  const collectionHolds = (count: number) =>
    waitFor(
      async () => (await taxii(`collections/${partnerA.id}/manifest/?match[type]=incident&match[version]=all&limit=1000`, adminKey)).body.objects ?? [],
      (objects) => objects.length >= count,
      { description: `${count} incident versions in the collection` },
    );

  /** A generic TAXII 2.1 client: follows `next` until `more` is false; `between` runs after each page. */
  const walk = async (query: string, key: string, between: (page: number) => Promise<void> = async () => {}): Promise<StixObject[]> => {
    const seen: StixObject[] = [];
    let next: string | undefined;
    for (let page = 0; ; page += 1) {
      const response = await taxii(`collections/${partnerA.id}/objects/?${query}${next ? `&next=${encodeURIComponent(next)}` : ''}`, key);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/taxii+json');
      seen.push(...(response.body.objects ?? []));
      if (!response.body.more) return seen;
      next = response.body.next;
      await between(page);
    }
  };

  const versionKey = (object: StixObject) => `${object.id}@${object.modified ?? object.created}`;

  beforeAll(async () => {
    sut = await startTestApp('taxii');
    adminKey = await sut.issueKey('admin');
    regulatorKey = await sut.issueKey('regulator');
    const onboard = async (slug: string, subscriptions: unknown[]) => {
      const response = await request<{ id: string; apiKey: string }>('POST', `${sut.baseUrl}/partners`, {
        key: adminKey,
        body: { slug, name: slug, country: 'SG', subscriptions },
      });
      expect(response.status).toBe(201);
      return response.body;
    };
    partnerA = await onboard('taxii-reader', [{ all: true }]);
    partnerB = await onboard('taxii-elsewhere', [{ countries: ['AQ'] }]);
    for (let index = 0; index < 4; index += 1) await file(index);
    await collectionHolds(4);
  });

  afterAll(() => sut?.close());

  it('discovery and API root answer in the TAXII media type; a wrong Accept gets 406 as a TAXII error', async () => {
    const discovery = await taxii<{ default: string; api_roots: string[] }>('../', partnerA.apiKey);
    expect(discovery.status).toBe(200);
    expect(discovery.body.api_roots).toEqual([`${sut.baseUrl}/taxii2/aisw/`]);
    const root = await taxii<{ versions: string[] }>('', partnerA.apiKey);
    expect(root.body.versions).toEqual([TAXII]);
    expect((await taxii('', partnerA.apiKey, 'application/taxii+json')).status).toBe(200);
    for (const accept of ['application/json', 'application/taxii+json;version=2.0']) {
      const refused = await taxii<{ title: string; http_status: string }>('', partnerA.apiKey, accept);
      expect([refused.status, refused.body.http_status]).toEqual([406, '406']);
      expect(refused.headers.get('content-type')).toContain('application/taxii+json');
    }
  });

  it("shows a partner only its own collection, an admin every partner's, and refuses other roles", async () => {
    const own = await taxii<{ collections: Array<{ id: string; can_read: boolean; can_write: boolean }> }>('collections/', partnerB.apiKey);
    expect(own.body.collections.map((collection) => collection.id)).toEqual([partnerB.id]);
    expect(own.body.collections[0]).toMatchObject({ can_read: true, can_write: false });
    const foreign = await taxii<{ http_status: string }>(`collections/${partnerA.id}/objects/`, partnerB.apiKey);
    expect([foreign.status, foreign.body.http_status]).toEqual([404, '404']);
    const all = await taxii<{ collections: Array<{ id: string }> }>('collections/', adminKey);
    expect(all.body.collections.map((collection) => collection.id).sort()).toEqual([partnerA.id, partnerB.id].sort());
    expect((await taxii('collections/', regulatorKey)).status).toBe(403);
    expect((await taxii('collections/', 'aisw_not-a-key')).status).toBe(401);
  });

  it('serves each alert as a valid STIX 2.1 incident with our extension and the official TLP 2.0 marking', async () => {
    const objects = await walk('limit=50', partnerA.apiKey);
    for (const object of objects) expect({ id: object.id, errors: stixObjectErrors(object) }).toEqual({ id: object.id, errors: [] });
    const markings = objects.filter((object) => object.type === 'marking-definition').map((object) => object.id);
    expect(markings.sort()).toEqual(Object.values(TLP_2_MARKING_IDS).sort());
    const definition = objects.find((object) => object.id === AISW_INCIDENT_EXTENSION_ID)!;
    expect(definition).toMatchObject({ type: 'extension-definition', extension_types: ['property-extension'] });
    const schema = await request<{ $id: string }>('GET', `${sut.baseUrl}/schemas/stix/incident-extension/v1.json`);
    expect(schema.body.$id).toBe(definition.schema);
    const incidents = objects.filter((object) => object.type === 'incident');
    const first = incidents.find((object) => object.extensions?.[AISW_INCIDENT_EXTENSION_ID].incident_id === filed[0])!;
    expect(first.name).toBe(`${filings[0].title} (#0)`);
    expect(first.object_marking_refs).toEqual([TLP_2_MARKING_IDS.GREEN]);
    expect(first.extensions?.[AISW_INCIDENT_EXTENSION_ID]).toMatchObject({ msg_type: 'Alert', incident_version: 1, tlp: 'GREEN' });
  });

  it('walks the collection with next and gets every alert version exactly once while new alerts and versions arrive', async () => {
    const before = (await alertIdsSentTo('taxii-reader')).length;
    const seen = await walk('limit=3&match[version]=all', partnerA.apiKey, async (page) => {
      if (page !== 1) return;
      // Mid-walk: two new incidents and an amendment of the first (a second version of an object already served).
      await file(4);
      await file(5);
      const amended = await request('PATCH', `${sut.baseUrl}/incidents/${filed[0]}`, { key: regulatorKey, body: { harmDescription: 'Amended mid-walk.' } });
      expect(amended.status).toBe(200);
      await collectionHolds(before + 3);
    });
    const expected = await alertIdsSentTo('taxii-reader');
    expect(expected).toHaveLength(before + 3);
    const incidentAlertIds = seen.filter((object) => object.type === 'incident').map((object) => object.extensions?.[AISW_INCIDENT_EXTENSION_ID].alert_id);
    expect([...incidentAlertIds].sort()).toEqual([...expected].sort());
    expect(new Set(seen.map(versionKey)).size).toBe(seen.length);
    expect(seen.filter((object) => object.type !== 'incident')).toHaveLength(8);
  });

  it('never skips or repeats an object for a client paging one by one while alerts are filed concurrently', async () => {
    const filing = Promise.all([6, 7, 8].map((index) => file(index)));
    const seen = await walk('limit=1&match[version]=all', partnerA.apiKey);
    await filing;
    await collectionHolds((await alertIdsSentTo('taxii-reader')).length);
    const everything = await walk('limit=1000&match[version]=all', partnerA.apiKey);
    // What the walk saw is exactly the start of the collection, in order: nothing was skipped or repeated.
    expect(seen.map(versionKey)).toEqual(everything.slice(0, seen.length).map(versionKey));
  });

  it('filters by match[type], match[id], match[version] and added_after, and lists versions and the manifest', async () => {
    const incidents = (await taxii(`collections/${partnerA.id}/objects/?match[type]=incident&limit=1000`, partnerA.apiKey)).body.objects!;
    expect(incidents.every((object) => object.type === 'incident')).toBe(true);
    // Default match[version]=last: one version per incident, the amended one at version 2.
    expect(new Set(incidents.map((object) => object.id)).size).toBe(incidents.length);
    const amendedId = incidents.find((object) => object.extensions?.[AISW_INCIDENT_EXTENSION_ID].incident_id === filed[0])!;
    expect(amendedId.extensions?.[AISW_INCIDENT_EXTENSION_ID]).toMatchObject({ msg_type: 'Update', incident_version: 2 });

    const versions = await taxii<{ versions: string[] }>(`collections/${partnerA.id}/objects/${amendedId.id}/versions/`, partnerA.apiKey);
    expect(versions.body.versions).toHaveLength(2);
    expect(versions.body.versions[1]).toBe(amendedId.modified);
    const first = await taxii(`collections/${partnerA.id}/objects/${amendedId.id}/?match[version]=first`, partnerA.apiKey);
    expect(first.body.objects?.map((object) => object.modified)).toEqual([versions.body.versions[0]]);
    const exact = await taxii(`collections/${partnerA.id}/objects/?match[id]=${amendedId.id}&match[version]=${versions.body.versions[0]}`, partnerA.apiKey);
    expect(exact.body.objects?.map((object) => object.extensions?.[AISW_INCIDENT_EXTENSION_ID].incident_version)).toEqual([1]);

    const manifest = await taxii<{ objects: Array<{ id: string; date_added: string; version: string; media_type: string }> }>(
      `collections/${partnerA.id}/manifest/?limit=4`,
      partnerA.apiKey,
    );
    expect(manifest.body.objects).toHaveLength(4);
    expect(manifest.body.objects[0].media_type).toBe('application/stix+json;version=2.1');
    expect(manifest.headers.get('x-taxii-date-added-first')).toBe(manifest.body.objects[0].date_added);
    const last = manifest.headers.get('x-taxii-date-added-last')!;
    expect(last).toBe(manifest.body.objects[3].date_added);
    const after = await taxii<{ objects: Array<{ date_added: string }> }>(`collections/${partnerA.id}/manifest/?added_after=${last}&limit=1000`, partnerA.apiKey);
    const all = await taxii<{ objects: Array<{ date_added: string }> }>(`collections/${partnerA.id}/manifest/?limit=1000`, partnerA.apiKey);
    expect(after.body.objects).toEqual(all.body.objects.filter((entry) => entry.date_added > last));

    const missing = await taxii<{ http_status: string }>(`collections/${partnerA.id}/objects/incident--00000000-0000-4000-8000-000000000000/`, partnerA.apiKey);
    expect(missing.status).toBe(404);
    const notAnId = await taxii<{ http_status: string }>(`collections/${partnerA.id}/objects/not-an-id/versions/`, partnerA.apiKey);
    expect([notAnId.status, notAnId.body.http_status]).toEqual([404, '404']);
    const badLimit = await taxii<{ details: { field: string } }>(`collections/${partnerA.id}/objects/?limit=0`, partnerA.apiKey);
    expect([badLimit.status, badLimit.body.details.field]).toEqual([400, 'limit']);
    const badNext = await taxii<{ details: { field: string } }>(`collections/${partnerA.id}/objects/?next=forged`, partnerA.apiKey);
    expect([badNext.status, badNext.body.details.field]).toEqual([400, 'next']);
  });

  it('answers impossible dates (2026-02-30, 25:61, month 13 or 99) with a 400 TAXII error naming the parameter, not 500', async () => {
    const objectId = (await taxii(`collections/${partnerA.id}/objects/?match[type]=incident&limit=1`, partnerA.apiKey)).body.objects![0].id;
    const cases: Array<[string, string]> = [
      [`objects/?added_after=2026-02-30T00:00:00Z`, 'added_after'],
      [`manifest/?added_after=2026-01-01T25:61:00Z`, 'added_after'],
      [`objects/?match[version]=2026-13-01T00:00:00Z`, 'match[version]'],
      [`objects/${objectId}/?match[version]=2026-02-29T00:00:00Z`, 'match[version]'],
      [`objects/${objectId}/versions/?added_after=2026-99-01T00:00:00Z`, 'added_after'],
    ];
    for (const [path, field] of cases) {
      const response = await taxii<{ http_status: string; title: string; details: { field: string } }>(`collections/${partnerA.id}/${path}`, partnerA.apiKey);
      expect([path, response.status, response.body.http_status, response.body.details?.field]).toEqual([path, 400, '400', field]);
      expect(response.headers.get('content-type')).toContain('application/taxii+json');
    }
    // A leap day that exists still works.
    expect((await taxii(`collections/${partnerA.id}/objects/?added_after=2028-02-29T23:59:59.999999Z`, partnerA.apiKey)).status).toBe(200);
  });

  it('numbers collection rows in commit order: a row committed later never lands behind a reader\'s cursor', async () => {
    const url = databaseUrl(`${process.env.AISW_TEST_DATABASE}_taxii`);
    const [slow, fast] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
    await Promise.all([slow.connect(), fast.connect()]);
    try {
      // Two alert log writers for partner A's collection, as AlertLogConsumer writes them; `slow` keeps its transaction open.
      const [template] = (await slow.query<{ incident_id: string; event: { data: Record<string, unknown> & { incident: Record<string, unknown> } } }>(
        'SELECT incident_id, event FROM deliveries WHERE partner_id = $1 AND incident_id = $2',
        [partnerA.id, filed[1]],
      )).rows;
      const record = (client: pg.Client, alertId: string, updatedAt: string) => {
        const event = { ...template.event, data: { ...template.event.data, alertId, incident: { ...template.event.data.incident, updatedAt } } };
        return client.query(`INSERT INTO deliveries (alert_id, partner_id, incident_id, version, event, status) VALUES ($1, $2, $3, 90, $4, 'available')`, [
          alertId,
          partnerA.id,
          template.incident_id,
          JSON.stringify(event),
        ]);
      };
      const [slowAlert, fastAlert] = [randomUUID(), randomUUID()];
      const alertIdsOf = (objects: StixObject[]) => objects.filter((object) => object.type === 'incident').map((object) => object.extensions?.[AISW_INCIDENT_EXTENSION_ID].alert_id);
      await slow.query('BEGIN');
      await record(slow, slowAlert, '2026-12-01T00:00:00.001Z');
      let fastCommitted = false;
      const fastInsert = record(fast, fastAlert, '2026-12-01T00:00:00.002Z').then(() => (fastCommitted = true));
      const during = await walk('limit=5&match[version]=all', adminKey);
      // The later writer waits for the collection lock, so a reader can see it only after the earlier one.
      expect(fastCommitted).toBe(false);
      expect(alertIdsOf(during)).not.toEqual(expect.arrayContaining([fastAlert]));
      await slow.query('COMMIT');
      await fastInsert;
      const after = await walk('limit=5&match[version]=all', adminKey);
      expect(after.slice(0, during.length).map(versionKey)).toEqual(during.map(versionKey));
      expect(alertIdsOf(after.slice(during.length))).toEqual([slowAlert, fastAlert]);
    } finally {
      await Promise.all([slow.end(), fast.end()]);
    }
  });

  describe('CAP 1.2 export', () => {
    // CAP 1.2 §3.2 element order of <alert> and <info> (the XSD's xs:sequence).
    const ALERT_ORDER = ['identifier', 'sender', 'sent', 'status', 'msgType', 'source', 'scope', 'restriction', 'addresses', 'code', 'note', 'references', 'incidents', 'info'];
    const INFO_ORDER = ['language', 'category', 'event', 'responseType', 'urgency', 'severity', 'certainty', 'audience', 'eventCode', 'effective', 'onset', 'expires', 'senderName', 'headline', 'description', 'instruction', 'web', 'contact', 'parameter', 'resource', 'area'];
    const inOrder = (names: string[], order: string[]) => names.every((name, index) => index === 0 || order.indexOf(names[index - 1]) <= order.indexOf(name));
    const elementNames = (ordered: Array<Record<string, unknown>>) => ordered.map((node) => Object.keys(node).find((key) => key !== ':@')!);

    interface CapAlert {
      identifier: string;
      sender: string;
      sent: string;
      msgType: string;
      scope: string;
      restriction?: string;
      addresses?: string;
      references?: string;
      info: { urgency: string; severity: string; certainty: string; headline: string; parameter: Array<{ valueName: string; value: string }> };
    }

    const cap = async (alertId: string, key: string, suffix = '/cap') => {
      const response = await fetch(`${sut.baseUrl}/alerts/${alertId}${suffix}`, { headers: { authorization: `Bearer ${key}` } });
      return { status: response.status, type: response.headers.get('content-type'), xml: await response.text() };
    };
    const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false, isArray: (name) => name === 'parameter' }).parse(xml) as { alert: CapAlert & { '@_xmlns': string } };

    it('exports Alert, Update (referencing the Alert) and Cancel (referencing both) as well-formed CAP 1.2 with mapped codes', async () => {
      const id = await file(9);
      await request('PATCH', `${sut.baseUrl}/incidents/${id}`, { key: regulatorKey, body: { harmDescription: 'Two people were injured & one <died>.' } });
      await request('POST', `${sut.baseUrl}/incidents/${id}/retraction`, { key: regulatorKey, body: { reason: 'Duplicate of an earlier filing' } });
      const deliveries = await waitFor(
        async () => (await deliveriesOf(id)).filter((delivery) => delivery.partnerName === 'taxii-reader').sort((a, b) => a.version - b.version),
        (found) => found.length === 3,
        { description: 'three alert versions for the partner' },
      );
      const view = await request<{ classification: { severity: { label: keyof typeof CAP_SEVERITY }; urgency: { label: keyof typeof CAP_URGENCY }; oecd: { label: keyof typeof CAP_CERTAINTY } } }>(
        'GET',
        `${sut.baseUrl}/incidents/${id}`,
        { key: regulatorKey },
      );
      const exported = await Promise.all(deliveries.map((delivery) => cap(delivery.alertId, partnerA.apiKey)));
      for (const answer of exported) {
        expect(answer.status).toBe(200);
        expect(answer.type).toContain('application/cap+xml');
        expect(XMLValidator.validate(answer.xml)).toBe(true);
        const ordered = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(answer.xml) as Array<Record<string, Array<Record<string, unknown>>>>;
        const alertNode = ordered.find((node) => 'alert' in node)!.alert;
        const alertNames = elementNames(alertNode);
        expect(inOrder(alertNames, ALERT_ORDER)).toBe(true);
        const infoNode = alertNode.find((node) => 'info' in node)!.info as Array<Record<string, unknown>>;
        expect(inOrder(elementNames(infoNode), INFO_ORDER)).toBe(true);
      }
      // Every version is valid against the official OASIS CAP 1.2 schema (test/fixtures/cap/CAP-v1.2.xsd, libxml2).
      expect(await capSchemaErrors(exported.map((answer, index) => ({ name: `${id}-v${index + 1}`, xml: answer.xml })))).toEqual([]);
      const [alert, update, cancel] = exported.map((answer) => parse(answer.xml).alert);
      expect(alert['@_xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
      expect([alert.msgType, update.msgType, cancel.msgType]).toEqual(['Alert', 'Update', 'Cancel']);
      expect(alert.identifier).toBe(deliveries[0].alertId);
      expect(alert.sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-00:00$/);
      expect(alert.references).toBeUndefined();
      expect(update.references).toBe(`${alert.sender},${alert.identifier},${alert.sent}`);
      expect(cancel.references).toBe(`${alert.sender},${alert.identifier},${alert.sent} ${update.sender},${update.identifier},${update.sent}`);
      expect([alert.scope, alert.restriction]).toEqual(['Restricted', expect.stringContaining('TLP:GREEN')]);
      const { classification } = view.body;
      expect(update.info.severity).toBe(CAP_SEVERITY[classification.severity.label]);
      expect(update.info.urgency).toBe(CAP_URGENCY[classification.urgency.label]);
      expect(update.info.certainty).toBe(CAP_CERTAINTY[classification.oecd.label]);
      expect(cancel.info.urgency).toBe('Past');
      expect(update.info.parameter).toContainEqual({ valueName: 'aisw:incidentVersion', value: '2' });
      expect(parse((await cap(deliveries[1].alertId, adminKey, '.cap')).xml).alert.identifier).toBe(deliveries[1].alertId);
    });

    it('exports every alert version the partner was sent in this suite as CAP valid against the OASIS CAP 1.2 schema', async () => {
      const deliveries = (await Promise.all(filed.map(deliveriesOf))).flat().filter((delivery) => delivery.partnerName === 'taxii-reader');
      expect(new Set(deliveries.map((delivery) => delivery.msgType))).toEqual(new Set(['Alert', 'Update', 'Cancel']));
      const messages = await Promise.all(
        deliveries.map(async (delivery) => ({ name: `${delivery.alertId}-${delivery.msgType}`, xml: (await cap(delivery.alertId, partnerA.apiKey)).xml })),
      );
      expect(await capSchemaErrors(messages)).toEqual([]);
    });

    it("answers 404 for another partner's alert, and marks a RED alert Private to its one recipient", async () => {
      const id = await file(10);
      const [delivery] = await waitFor(async () => deliveriesOf(id), (found) => found.length > 0, { description: 'an alert' });
      const foreign = await fetch(`${sut.baseUrl}/alerts/${delivery.alertId}/cap`, { headers: { authorization: `Bearer ${partnerB.apiKey}` } });
      expect(foreign.status).toBe(404);
      const red = await request<{ id: string }>('POST', `${sut.baseUrl}/incidents`, {
        key: regulatorKey,
        body: { ...filings[0], title: 'Red incident for one partner', tlp: 'RED', recipients: ['taxii-reader'] },
      });
      const [redDelivery] = await waitFor(async () => deliveriesOf(red.body.id), (found) => found.length > 0, { description: 'the RED alert' });
      const redXml = (await cap(redDelivery.alertId, partnerA.apiKey)).xml;
      expect(await capSchemaErrors([{ name: 'red', xml: redXml }])).toEqual([]);
      const message = parse(redXml).alert;
      expect([message.scope, message.addresses, message.restriction]).toEqual(['Private', 'taxii-reader', undefined]);
    });
  });
});
