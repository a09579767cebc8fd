import { describe, expect, it } from '@jest/globals';
import { alertFactory } from '../../../test/factories/alert-data.factory.js';
import { toStixIncident } from './incident-stix-object.js';
import { staticStixObjects } from './static-objects.js';
import { AISW_INCIDENT_EXTENSION_ID, stixIncidentId, TLP_2_MARKING_IDS } from './stix-ids.js';
import { stixObjectErrors } from './stix-objects.schema.js';

describe(toStixIncident.name, () => {
  it('maps an alert to a valid STIX 2.1 incident with our extension, the TLP 2.0 marking and the filing as created', () => {
    const alert = alertFactory();
    const sut = toStixIncident(alert);
    expect(stixObjectErrors(sut)).toEqual([]);
    expect(sut).toMatchObject({
      type: 'incident',
      id: stixIncidentId(alert.incident.id),
      created: '2026-11-29T09:59:59.000Z',
      modified: '2026-11-29T09:59:59.000Z',
      name: alert.incident.title,
      object_marking_refs: [TLP_2_MARKING_IDS.GREEN],
    });
    expect((sut.extensions as Record<string, Record<string, unknown>>)[AISW_INCIDENT_EXTENSION_ID]).toMatchObject({
      msg_type: 'Alert',
      incident_version: 1,
      occurred_at: '2018-03-18T00:00:00.000Z',
      sector: 'autonomous_driving',
      mechanism: alert.classification.mechanism.label,
    });
    expect(sut).not.toHaveProperty('revoked');
  });

  it('keeps one id across versions and revokes on Cancel', () => {
    const first = toStixIncident(alertFactory());
    const cancel = toStixIncident(alertFactory({ msgType: 'Cancel', version: 2 }, { status: 'retracted', version: 2, updatedAt: '2026-11-29T11:00:00.000Z' }));
    expect(cancel.id).toBe(first.id);
    expect([cancel.revoked, cancel.modified]).toEqual([true, '2026-11-29T11:00:00.000Z']);
    expect(stixObjectErrors(cancel)).toEqual([]);
  });

  it('is refused by the schema when a required STIX property or an extension value is wrong', () => {
    const { name: _name, ...nameless } = toStixIncident(alertFactory());
    expect(stixObjectErrors(nameless).join()).toContain("must have required property 'name'");
    const bad = toStixIncident(alertFactory());
    (bad.extensions as Record<string, Record<string, unknown>>)[AISW_INCIDENT_EXTENSION_ID].msg_type = 'Retract';
    expect(stixObjectErrors(bad)).not.toEqual([]);
  });
});

describe(staticStixObjects.name, () => {
  it('publishes valid identities, the extension definition and the five official TLP 2.0 markings', () => {
    const sut = staticStixObjects('CN');
    for (const object of sut) expect({ id: object.id, errors: stixObjectErrors(object) }).toEqual({ id: object.id, errors: [] });
    expect(sut.filter((object) => object.type === 'marking-definition').map((object) => object.name)).toEqual([
      'TLP:CLEAR',
      'TLP:GREEN',
      'TLP:AMBER',
      'TLP:AMBER+STRICT',
      'TLP:RED',
    ]);
  });
});
