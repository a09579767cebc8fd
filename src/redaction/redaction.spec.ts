import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import type { IncidentSnapshot } from '@app/contracts';
import { classifyIncident } from '@app/taxonomy';
import { withEvidenceHighlights } from '../classification/evidence-highlights.js';
import { cnResidentIdCheckCharacter, isValidCnResidentId, isValidUkNino, isValidUsSsn } from './national-ids.js';
import { PERSONAL_FIELD_NAMES, phoneRegions, redactForExport } from './redact-incident.js';
import { redactText, TEXT_REDACTION_KINDS, type RedactionOptions } from './redact-text.js';
import { parseRedactionOptions } from './redaction-options.js';

const ALL: RedactionOptions = parseRedactionOptions(TEXT_REDACTION_KINDS.join(','), '[redacted:{kind}]');
/** shared/ lies beside the repository (CI, /work/main) or beside the worktrees' parent (/work/wt/<branch>). */

describe('national identification numbers', () => {
  it('computes the GB 11643-1999 check character and refuses a wrong one, a wrong date or a future birth', () => {
    // 11010519491231002X is the standard's own worked example (Beijing Chaoyang, born 1949-12-31).
    expect(cnResidentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(isValidCnResidentId('11010519491231002X')).toBe(true);
    expect(isValidCnResidentId('11010519491231002x')).toBe(true);
    expect(isValidCnResidentId('110105194912310021')).toBe(false);
    expect(isValidCnResidentId('11010519490231002X')).toBe(false); // 31 February... checked before the checksum
    expect(isValidCnResidentId(`110105209901010011`, new Date('2026-01-01'))).toBe(false);
    // 4·7+4·9+0·10+3·5+0·8+4·4+1·2+9·1+9·6+0·3+0·7+3·9+0·10+7·5+5·8+4·4+1·2 = 280; 280 mod 11 = 5 → '7'.
    expect(cnResidentIdCheckCharacter('44030419900307541')).toBe('7');
  });

  it('applies the SSA never-issued ranges to SSNs and the HMRC allocation rules to NI numbers', () => {
    expect(isValidUsSsn('123', '45', '6789')).toBe(true);
    expect(isValidUsSsn('000', '45', '6789')).toBe(false);
    expect(isValidUsSsn('666', '45', '6789')).toBe(false);
    expect(isValidUsSsn('912', '45', '6789')).toBe(false);
    expect(isValidUsSsn('123', '00', '6789')).toBe(false);
    expect(isValidUsSsn('123', '45', '0000')).toBe(false);
    expect(isValidUkNino('AB 12 34 56 C')).toBe(true);
    expect(isValidUkNino('AB123456C')).toBe(true);
    expect(isValidUkNino('GB123456A')).toBe(false);
    expect(isValidUkNino('DA123456A')).toBe(false);
    expect(isValidUkNino('AO123456A')).toBe(false);
    expect(isValidUkNino('AB123456E')).toBe(false);
  });
});

describe(redactText.name, () => {
  it('redacts e-mail, phone numbers, SSN, NI number and IBAN in English text and keeps the rest', () => {
    const text =
      'Contact jane.doe+ai@example.co.uk or (202) 555-0143; SSN 123-45-6789, NI AB 12 34 56 C, IBAN GB82 WEST 1234 5698 7654 32 AND more. ' +
      'In 2018, 4,000 users lost $1,200,000.';
    const result = redactText(text, ALL, ['US']);
    expect(result.text).toBe(
      'Contact [redacted:email] or [redacted:phone]; SSN [redacted:usSsn], NI [redacted:ukNino], IBAN [redacted:iban] AND more. ' +
        'In 2018, 4,000 users lost $1,200,000.',
    );
    expect(result.edits.map((edit) => edit.kind)).toEqual(['email', 'phone', 'usSsn', 'ukNino', 'iban']);
  });

  it('redacts Chinese mobile numbers in every usual form and an 18-digit resident id, not taken for a phone number', () => {
    const text = '受害人张某（身份证号11010519491231002X，电话138 0013 8000，或+86 138-0013-8000，手机13800138000，邮箱zhang.san@example.cn）于2023年投诉。';
    const result = redactText(text, ALL, ['CN']);
    expect(result.text).toBe(
      '受害人张某（身份证号[redacted:cnResidentId]，电话[redacted:phone]，或[redacted:phone]，手机[redacted:phone]，邮箱[redacted:email]）于2023年投诉。',
    );
  });

  it('leaves numbers that fail validation alone: a wrong resident-id checksum, SSN area 666, an IBAN with a bad check', () => {
    const text = 'Ids 110105194912310021 and 666-12-3456, account GB00 WEST 1234 5698 7654 32, ref 2023-01-05.';
    expect(redactText(text, ALL, ['GB']).edits).toEqual([]);
  });

  it('redacts internationalised e-mail addresses (non-ASCII local part or domain) and full-width ones, keeping offsets', () => {
    const cases: Array<[string, string]> = [
      // Where a Chinese name ends is not known: the whole run before the @ goes (the safe side).
      ['联系张伟@公司.中国。', '[redacted:email]。'],
      ['邮箱：wang@例子.中国，电话', '邮箱：[redacted:email]，电话'],
      ['写信给 ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ 即可', '写信给 [redacted:email] 即可'],
      ['邮箱zhang.san@example.cn联系他', '邮箱[redacted:email]联系他'],
      ['Write to josé.müller@bücher.de today.', 'Write to [redacted:email] today.'],
      ['发给josé@bücher.de吧', '发给[redacted:email]吧'],
      ['邮箱张伟@公司.中国或李四@公司.中国。', '[redacted:email]。'],
    ];
    for (const [text, expected] of cases) {
      const result = redactText(text, ALL, ['CN']);
      expect(result.text).toBe(expected);
      expect(result.edits.map((edit) => edit.kind)).toEqual(['email']);
      // Offsets point at the address in the original text.
      const [edit] = result.edits;
      expect(text.slice(edit.start, edit.end)).toMatch(/[@＠]/);
      expect(text.slice(0, edit.start) + edit.replacement + text.slice(edit.end)).toBe(expected);
    }
    // A local part longer than 64 octets is cut to the longest valid one; an address run on into words is cut at them.
    expect(redactText(`${'很'.repeat(30)}王@公司.中国`, ALL, []).text).toBe(`${'很'.repeat(10)}[redacted:email]`);
    expect(redactText('ｊｏｈｎ＠ｅｘａｍｐｌｅ．ｃｏｍ', ALL, []).edits).toEqual([{ start: 0, end: 16, kind: 'email', replacement: '[redacted:email]' }]);
  });

  it('leaves ordinary Chinese text around an @ alone', () => {
    for (const text of ['我们在微博上@张伟说了这件事。', '单价@5.5元，共计100元。', '请输入 @ 符号后回车。', '会议室@三楼，时间@下午两点。']) {
      expect(redactText(text, ALL, ['CN']).edits).toEqual([]);
    }
  });

  it('redacts lower-case NI numbers and IBANs, and leaves lower-case word pairs that are not one alone', () => {
    const result = redactText('NI ab 12 34 56 c, IBAN de89 3704 0044 0532 0130 00 and ab123456c.', ALL, ['GB']);
    expect(result.text).toBe('NI [redacted:ukNino], IBAN [redacted:iban] and [redacted:ukNino].');
    for (const text of ['in 12 34 56 a', 'do 12 34 56 b', 'an 12 34 56 e', 'is 12 34 56 a b', 'go 12 34 56 cd', 'de00 3704 0044 0532 0130 00']) {
      expect(redactText(text, ALL, ['GB']).edits).toEqual([]);
    }
  });

  it('runs only the configured detectors, with the configured token', () => {
    const options = parseRedactionOptions('email', '***');
    expect(redactText('a@example.org +86 138-0013-8000', options, ['CN']).text).toBe('*** +86 138-0013-8000');
    expect(redactText('a@example.org', parseRedactionOptions('none', '***'), []).text).toBe('a@example.org');
  });
});

const snapshot = (overrides: Partial<IncidentSnapshot>): IncidentSnapshot => ({
  id: '6a1f9a3e-8d2b-4f3e-9a51-0d5c2f1b7e44',
  title: 'Chatbot leaked a caller',
  description: 'A chatbot disclosed a caller number.',
  occurredAt: '2024-05-01T00:00:00.000Z',
  country: 'CN',
  language: 'en',
  sector: null,
  reportingOrganisation: 'Cyberspace Administration',
  aiSystemName: null,
  developer: 'Dr. Li Wei',
  deployer: null,
  harmDescription: 'Li Wei was harassed after the leak.',
  sourceUrls: ['https://example.org/report/13800138000'],
  tlp: 'GREEN',
  originJurisdiction: 'CN',
  filedAt: '2024-05-02T00:00:00.000Z',
  version: 1,
  status: 'active',
  updatedAt: '2024-05-02T00:00:00.000Z',
  ...overrides,
});

describe(redactForExport.name, () => {
  it('replaces marked fields whole, empties marked source URLs, counts per kind and re-points phrase evidence', () => {
    const description = 'Call 138 0013 8000 now: the chatbot deepfake voice clone scammed a woman of $10,000 (mail victim@example.com).';
    const incident = snapshot({ description, personalFields: ['harmDescription', 'developer', 'sourceUrls'] });
    const classification = classifyIncident({ title: incident.title, description, harmDescription: incident.harmDescription ?? undefined, language: 'en' });
    const result = redactForExport({ incident, classification, note: 'Filer follow-up: call +86 138-0013-8000' }, ALL);

    expect(result.incident.description).toBe('Call [redacted:phone] now: the chatbot deepfake voice clone scammed a woman of $10,000 (mail [redacted:email]).');
    expect(result.incident.harmDescription).toBe('[redacted:personalField]');
    expect(result.incident.developer).toBe('[redacted:personalField]');
    expect(result.incident.sourceUrls).toEqual([]);
    expect(result.incident.title).toBe(incident.title);
    expect(result.note).toBe('Filer follow-up: call [redacted:phone]');
    expect(result.redactions).toEqual({ phone: 2, email: 1, personalField: 3 });
    // The stored incident is untouched.
    expect(incident.harmDescription).toBe('Li Wei was harassed after the leak.');

    const phrases = JSON.stringify(result.classification).match(/"kind":"phrase"[^}]*"field":"description"[^}]*/g) ?? [];
    expect(phrases.length).toBeGreaterThan(0);
    const evidence = [result.classification.mechanism, result.classification.magnitude, result.classification.source]
      .flatMap((axis) => axis.evidence)
      .filter((item) => item.kind === 'phrase');
    for (const item of evidence) {
      const text = item.field === 'description' ? result.incident.description : item.field === 'title' ? result.incident.title : result.incident.harmDescription;
      expect(text?.slice(item.start, item.end)).toBe(item.text);
    }
    expect(JSON.stringify(result.classification)).not.toContain('Li Wei');
    // Highlight snippets (stored with the classification) are re-made from the redacted text.
    const highlighted = withEvidenceHighlights(classification, { title: incident.title, description, harmDescription: incident.harmDescription });
    const exported = JSON.stringify(redactForExport({ incident, classification: highlighted }, ALL).classification);
    expect(JSON.stringify(highlighted)).toContain('138 0013 8000');
    expect(exported).toContain('"before":"Call [redacted:phone] now: the chatbot "');
    for (const value of ['138 0013', 'victim@example.com', 'Li Wei']) expect(exported).not.toContain(value);
  });

  it('leaves an incident without personal data as it is, with no redactions', () => {
    const incident = snapshot({ description: 'A self-driving car hit a pedestrian in 2018.', harmDescription: null, sourceUrls: [] });
    const classification = classifyIncident({ title: incident.title, description: incident.description, language: 'en' });
    const result = redactForExport({ incident, classification }, ALL);
    expect(result.incident).toEqual(incident);
    expect(result.classification).toBe(classification);
    expect(result.redactions).toEqual({});
  });

  it('keeps the filing bounds: a title full of e-mail addresses stays within 300 characters', () => {
    const title = Array.from({ length: 40 }, (_, index) => `a${index}@x.io`).join(' ').slice(0, 300);
    const result = redactForExport({ incident: snapshot({ title }), classification: classifyIncident({ title, description: 'x', language: 'en' }) }, ALL);
    expect(result.incident.title.length).toBeLessThanOrEqual(300);
    expect(result.incident.title).not.toContain('@');
  });

  it('reads bare phone numbers by the formats of the country, the filing jurisdiction and CN for Chinese text (phoneRegions)', () => {
    expect(phoneRegions({ country: 'US', originJurisdiction: 'CN', language: 'en' })).toEqual(['US', 'CN']);
    expect(phoneRegions({ country: 'GB', originJurisdiction: 'GB', language: 'zh' })).toEqual(['GB', 'CN']);
    const incident = snapshot({ country: 'US', originJurisdiction: 'CN', description: 'Call 13812345678 or mail a.b@corp.cn' });
    const result = redactForExport({ incident, classification: classifyIncident({ title: incident.title, description: incident.description, language: 'en' }) }, ALL);
    expect(result.incident.description).toBe('Call [redacted:phone] or mail [redacted:email]');
  });

  it('offers every personal field name the snapshot has', () => {
    const incident = snapshot({});
    for (const name of PERSONAL_FIELD_NAMES) expect(Object.keys(incident)).toContain(name);
  });
});

// Real texts shipped in the repository (a test must not depend on ../shared being next to the clone): the 330 demo
// filings (AIID, OECD AIM, AI Escape Log; English and our Chinese translations) and the AIID/OECD import fixtures.
// The same check over all 5,924 texts of ../shared/data/incidents found nothing either (measured 2026-11-29).
describe('real incident texts (demo data in English and Chinese, AIID and OECD AIM fixtures)', () => {
  const csv = (file: string): Array<Record<string, string>> =>
    parse<Record<string, string>>(readFileSync(`test/fixtures/import/${file}`, 'utf8'), { columns: true, relax_column_count: true, skip_empty_lines: true });
  const demo = (JSON.parse(readFileSync('deploy/demo/incidents.json', 'utf8')) as Array<{ filing: { title: string; description: string; country: string; language: string } }>).map((entry) => entry.filing);
  const texts: Array<{ text: string; country: string }> = [
    ...csv('aiid-incidents-slice.csv').flatMap((row) => [row.title, row.description].map((text) => ({ text, country: 'US' }))),
    ...csv('oecd-aim-slice.csv').map((row) => ({ text: `${row.title} ${row.summary}`, country: 'US' })),
    ...demo.map((incident) => ({ text: `${incident.title} ${incident.description}`, country: incident.language === 'zh' ? 'CN' : incident.country })),
  ];

  it('finds nothing to redact in thousands of published incident summaries (no false positives on dates, sums, counts)', () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.some((entry) => /[\u4e00-\u9fff]/.test(entry.text))).toBe(true);
    const found = texts.flatMap(({ text, country }) => redactText(text, ALL, [country]).edits.map((edit) => `${edit.kind}: ${text.slice(edit.start, edit.end)}`));
    expect(found).toEqual([]);
  });

  it('finds every contact detail planted into real summaries, and changes nothing else', () => {
    const sample = texts.filter((_, index) => index % 97 === 0);
    for (const { text, country } of sample) {
      const planted = `${text} Reporter: r.chen@agency.gov.cn, +86 138-0013-8000, ID 11010519491231002X.`;
      const result = redactText(planted, ALL, [country]);
      expect(result.text).toBe(`${text} Reporter: [redacted:email], [redacted:phone], ID [redacted:cnResidentId].`);
    }
  });
});
