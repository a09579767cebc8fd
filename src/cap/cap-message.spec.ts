import { describe, expect, it } from '@jest/globals';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { alertFactory } from '../../test/factories/alert-data.factory.js';
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
