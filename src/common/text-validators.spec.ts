import { describe, expect, it } from '@jest/globals';
import { validateSync } from 'class-validator';
import { IsPlainText } from './text-validators.js';

class Sample {
  @IsPlainText({ visible: true })
  title!: string;
}

const refused = (title: string): boolean => validateSync(Object.assign(new Sample(), { title })).some((error) => error.property === 'title');

describe('IsPlainText', () => {
  it.each([
    ['U+202E right-to-left override ("Trojan Source")', 'Invoice \u202egpj.exe'],
    ['U+202A left-to-right embedding', 'a\u202ab'],
    ['U+202B right-to-left embedding', 'a\u202bb'],
    ['U+202C pop directional formatting', 'a\u202cb'],
    ['U+202D left-to-right override', 'a\u202db'],
    ['U+2066 left-to-right isolate', 'a\u2066b'],
    ['U+2067 right-to-left isolate', 'a\u2067b'],
    ['U+2068 first strong isolate', 'a\u2068b'],
    ['U+2069 pop directional isolate', 'a\u2069b'],
    ['a control character', 'a\u0007b'],
  ])('refuses %s', (_case, title) => {
    expect(refused(title)).toBe(true);
  });

  it.each([
    ['Arabic', 'حادثة في نظام التعرف على الوجه'],
    ['Hebrew with U+200F right-to-left mark', 'תקרית בזיהוי פנים \u200f(2024)'],
    ['Latin with U+200E left-to-right mark', 'Model card \u200e v2'],
    ['Arabic letter mark U+061C', 'نموذج \u061c 3'],
    ['tabs and line breaks', 'line one\n\tline two\r\n'],
  ])('accepts %s', (_case, title) => {
    expect(refused(title)).toBe(false);
  });
});
