import { describe, expect, it } from '@jest/globals';
import { TAXONOMY_VOCABULARY } from '@app/taxonomy';
import { ApiError } from './public/api.js';
import { createLabels, errorText, ignoredText } from './public/i18n.js';

// The API's answer to GET /trends?interval=day without a range (src/common/problem-details.filter.ts).
const tooManyBuckets = new ApiError(400, {
  type: 'about:blank',
  title: 'Bad Request',
  status: 400,
  code: 'VALIDATION.FAILED',
  detail: 'Invalid field(s): interval',
  errors: [{ field: 'interval', messages: ['the range needs about 1856 day buckets; the limit is 1000'] }],
});

describe(errorText.name, () => {
  it('shows each refused field with the API’s message, framed in English or Chinese', () => {
    expect(errorText('en', tooManyBuckets)).toBe('Could not load: the API refused the request. interval: the range needs about 1856 day buckets; the limit is 1000');
    expect(errorText('zh', tooManyBuckets)).toBe('加载失败：API 拒绝了该请求。interval：the range needs about 1856 day buckets; the limit is 1000');
  });

  it('falls back to the error’s message when the problem names no field', () => {
    expect(errorText('en', new ApiError(503, { title: 'Service Unavailable', detail: 'database unavailable' }))).toBe('Could not load: database unavailable');
    expect(errorText('zh', new TypeError('Failed to fetch'))).toBe('加载失败：Failed to fetch');
  });
});

describe(ignoredText.name, () => {
  it('names each ignored URL value as name=value', () => {
    expect(ignoredText('en', [{ name: 'to', value: '2026-13-45' }, { name: 'foo', value: 'bar' }])).toBe('Not applied (not a valid value here): to=2026-13-45, foo=bar');
    expect(ignoredText('zh', [{ name: 'to', value: '2026-13-45' }])).toBe('以下参数值无效，未予应用：to=2026-13-45');
    expect(ignoredText('en', [])).toBe('');
  });
});

describe(createLabels.name, () => {
  it('labels harm type "undetermined" with the taxonomy’s term in both languages (the heatmap shows it)', () => {
    const { undetermined } = TAXONOMY_VOCABULARY;
    expect(createLabels(TAXONOMY_VOCABULARY, 'en').value('harmType', 'undetermined')).toBe(undetermined.label.en);
    expect(createLabels(TAXONOMY_VOCABULARY, 'zh').value('harmType', 'undetermined')).toBe(undetermined.label.zh);
    expect(undetermined.label.zh).not.toBe('undetermined');
  });
});
