import { describe, expect, it } from '@jest/globals';
import { MalformedImportError, mapAiidRecord, mapOecdRecord, parseAiidCsv } from './incident-record-formats.js';

// The header and record of AIID incident 23 as published in aiid_incidents.csv (CC BY-SA 4.0, AI Incident Database).
const AIID_CSV = `_id,incident_id,date,reports,Alleged deployer of AI system,Alleged developer of AI system,Alleged harmed or nearly harmed parties,description,title
ObjectId(625763de343edc875fe63a15),23,2017-11-08,"[242,243]","[""navya"",""keolis-north-america""]","[""navya"",""keolis-north-america""]","[""navya"",""keolis-north-america"",""bus-passengers""]","A self-driving public shuttle by Keolis North America and Navya was involved in a collision with a human-driven delivery truck in Las Vegas, Nevada on its first day of service.",Las Vegas Self-Driving Bus Involved in Accident
`;

describe(parseAiidCsv.name, () => {
  it('reads the AIID columns and numbers rows by their CSV line', () => {
    const [sut] = parseAiidCsv(AIID_CSV);
    expect(sut.row).toBe(2);
    expect(sut.fields).toMatchObject({ incident_id: '23', date: '2017-11-08', title: 'Las Vegas Self-Driving Bus Involved in Accident' });
  });

  it('refuses a document with an unclosed quote', () => {
    expect(() => parseAiidCsv(`${AIID_CSV}x,"24,2017-01-01`)).toThrow(MalformedImportError);
  });

  it.each([
    ['an unclosed quote', 'a,b\n1,"2\n3,4', 'a quoted value is never closed: the document ends inside it (line 3, column b); close the quote, and double a quote inside a value ("")'],
    ['text after a closing quote', 'a,b\n1,"2"x\n', 'line 2, column b: a closing quote must be followed by a comma or the end of the line; double a quote inside a quoted value ("")'],
    ['a quote inside an unquoted value', 'a,b\n1,x"y\n', 'line 2, column b: a quote inside a value that does not start with one; quote the whole value and double the quote ("")'],
    ['a row with a field too many', 'a,b\n1,2,3\n', 'line 2 has 3 fields, the header 2; every row needs one field per header column'],
  ])('names the line and column of %s in its own words, not the parser library\'s', (_case, csv, problem) => {
    expect(() => parseAiidCsv(csv)).toThrow(`csv is not a well-formed CSV document (RFC 4180): ${problem}`);
  });
});

describe(mapAiidRecord.name, () => {
  it('maps an AIID record to a filing with the defaults and a stable source id', () => {
    const [record] = parseAiidCsv(AIID_CSV);
    const sut = mapAiidRecord(record, { country: 'US', tlp: 'GREEN' });
    expect(sut.sourceId).toBe('aiid:23');
    expect(sut.filing).toEqual({
      title: 'Las Vegas Self-Driving Bus Involved in Accident',
      description: expect.stringContaining('self-driving public shuttle'),
      occurredAt: '2017-11-08',
      country: 'US',
      language: 'en',
      reportingOrganisation: 'AI Incident Database (import)',
      developer: 'Navya, Keolis North America',
      deployer: 'Navya, Keolis North America',
      harmDescription: 'Alleged harmed or nearly harmed parties: Navya, Keolis North America, Bus Passengers.',
      sourceUrls: ['https://incidentdatabase.ai/cite/23/'],
      tlp: 'GREEN',
    });
  });

  it('reads the JSON export keys, and leaves country out when neither record nor defaults give one', () => {
    const sut = mapAiidRecord({ row: 1, fields: { incident_id: 4, title: 'Uber AV Killed Pedestrian in Arizona', AllegedDeveloperOfAISystem: ['uber'] } }, {});
    expect(sut.filing).toMatchObject({ developer: 'Uber' });
    expect(sut.filing).not.toHaveProperty('country');
    expect(mapAiidRecord({ row: 1, fields: { incident_id: 'x1' } }, {}).sourceId).toBeNull();
  });
});

describe(mapOecdRecord.name, () => {
  it('takes an English country name or an ISO code from the record before the default', () => {
    const fields = { id: '2025-07-27-c835', title: 'Earthquake alerts failed', date: '2025-07-27', summary: 'Alerts under-estimated the quake.' };
    expect(mapOecdRecord({ row: 1, fields: { ...fields, country: 'Türkiye' } }, { country: 'FR' }).filing.country).toBe('TR');
    expect(mapOecdRecord({ row: 1, fields: { ...fields, country: 'de' } }, { country: 'FR' }).filing.country).toBe('DE');
    const sut = mapOecdRecord({ row: 1, fields }, { country: 'FR' });
    expect(sut).toMatchObject({ sourceId: 'oecd:2025-07-27-c835', filing: { country: 'FR', sourceUrls: ['https://oecd.ai/en/incidents/2025-07-27-c835'] } });
  });
});
