import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { readFileSync } from 'node:fs';
import type { AlertData } from '@app/contracts';
import { classifyIncident, type Sector } from '@app/taxonomy';
import { alertFactory } from '../../test/factories/alert-data.factory.js';
import { capSchemaErrors } from '../../test/support/cap-schema.js';
import { capDateTime, capScopeOf, toCapXml } from './cap-message.js';

const context = { sender: 'aisw:CN', recipient: 'partner-a', referencedSent: new Map<string, string>() };
const parse = (xml: string) => new XMLParser({ parseTagValue: false }).parse(xml) as { alert: Record<string, string> & { info: Record<string, string> } };

describe(toCapXml.name, () => {
  it('escapes text so markup in a title stays text', () => {
    const xml = toCapXml(alertFactory({}, { title: 'Bot said <script> & "more"' }), context);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parse(xml).alert.info.headline).toBe('Bot said <script> & "more"');
  });

  it('writes references as sender,identifier,sent triples of the earlier alerts it knows', () => {
    const earlier = '11111111-1111-5111-8111-111111111111';
    const xml = toCapXml(alertFactory({ msgType: 'Update', version: 2, references: [earlier] }), {
      ...context,
      referencedSent: new Map([[earlier, '2026-11-29T08:00:00.999Z']]),
    });
    expect(parse(xml).alert.references).toBe(`aisw:CN,${earlier},2026-11-29T08:00:00-00:00`);
  });
});

describe(capScopeOf.name, () => {
  it.each([
    ['CLEAR', 'Public', undefined],
    ['GREEN', 'Restricted', 'TLP:GREEN'],
    ['AMBER', 'Restricted', 'TLP:AMBER'],
    ['AMBER+STRICT', 'Restricted', 'TLP:AMBER+STRICT'],
    ['RED', 'Private', undefined],
  ] as const)('maps TLP:%s to scope %s', (tlp, scope, restriction) => {
    const sut = capScopeOf(tlp);
    expect(sut.scope).toBe(scope);
    if (restriction) expect(sut.restriction).toMatch(new RegExp(`^${restriction.replace('+', '\\+')}:`));
    else expect(sut.restriction).toBeUndefined();
  });
});

describe(capDateTime.name, () => {
  it('drops fractions and writes UTC as -00:00 (CAP 1.2 §3.3.2)', () => {
    expect(capDateTime('2026-11-29T10:00:00.123Z')).toBe('2026-11-29T10:00:00-00:00');
  });
});

describe('CAP 1.2 XML Schema (OASIS CAP-v1.2.xsd, libxml2)', () => {
  /** The 330 shipped demo incidents (real ones; deploy/demo/NOTICE.md), each as Alert, Update and Cancel. */
  const demo = (JSON.parse(readFileSync('deploy/demo/incidents.json', 'utf8')) as Array<{ filing: Partial<AlertData['incident']> & { title: string; description: string; sector?: string } }>).map(
    (entry) => entry.filing,
  );
  const versionsOf = (filing: (typeof demo)[number], index: number) => {
    const id = (n: number) => `${String(index).padStart(8, '0')}-1111-5111-8111-00000000000${n}`;
    const classification = classifyIncident({
      title: filing.title,
      description: filing.description,
      harmDescription: filing.harmDescription ?? undefined,
      sector: filing.sector as Sector | undefined,
    });
    const incident = { sector: null, aiSystemName: null, developer: null, deployer: null, harmDescription: null, sourceUrls: [], tlp: 'GREEN' as const, ...filing };
    const sent = new Map([[id(1), '2026-11-29T08:00:00.000Z'], [id(2), '2026-11-29T09:00:00.000Z']]);
    const build = (msgType: AlertData['msgType'], version: number, references: string[], status: 'active' | 'retracted' = 'active') => ({
      name: `${index}-${msgType}`,
      xml: toCapXml(alertFactory({ alertId: id(version), msgType, version, references, classification, note: msgType === 'Alert' ? undefined : 'Amended by the filer' }, { ...incident, version, status }), {
        ...context,
        referencedSent: sent,
      }),
    });
    return [build('Alert', 1, []), build('Update', 2, [id(1)]), build('Cancel', 3, [id(1), id(2)], 'retracted')];
  };

  it('validates every alert version (Alert, Update, Cancel) of the 330 demo incidents, every TLP marking included', async () => {
    const messages = demo.flatMap(versionsOf);
    expect(messages).toHaveLength(990);
    expect(new Set(demo.map((filing) => filing.tlp ?? 'GREEN')).size).toBeGreaterThan(2);
    expect(await capSchemaErrors(messages)).toEqual([]);
  });

  it('reports a message the schema refuses (an unknown msgType, a date with Z), so the check above can fail', async () => {
    const [alert] = versionsOf(demo[0], 0);
    const errors = await capSchemaErrors([
      { name: 'msgType', xml: alert.xml.replace('<msgType>Alert</msgType>', '<msgType>Retract</msgType>') },
      { name: 'sent', xml: alert.xml.replace(/<sent>([^<]+)-00:00<\/sent>/, '<sent>$1Z</sent>') },
    ]);
    expect(errors.join('\n')).toMatch(/msgType[\s\S]*sent/);
  });
});
