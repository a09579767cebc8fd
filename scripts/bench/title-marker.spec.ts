import { describe, expect, it } from '@jest/globals';
import { redactText, TEXT_REDACTION_KINDS } from '../../src/redaction/redact-text.js';
import { parseRedactionOptions } from '../../src/redaction/redaction-options.js';
import { benchTitleMarker, sentAtFromTitle } from './title-marker.js';

const ALL = parseRedactionOptions(TEXT_REDACTION_KINDS.join(','), '[redacted:{kind}]');

describe('bench title marker', () => {
  // One marker per hour over ten years from 2026-11-30: none may be taken for personal data and redacted away.
  const times = Array.from({ length: 24 * 365 * 10 }, (_, hour) => Date.UTC(2026, 10, 30) + hour * 3_600_000 + (hour % 1000));

  it('reads back the time it was written with', () => {
    for (const sentAt of times.slice(0, 500)) expect(sentAtFromTitle(`Deepfake voice fraud ${benchTitleMarker(sentAt)}`)).toBe(sentAt);
  });

  it('survives the redaction alerts get before they leave the jurisdiction', () => {
    const redacted = times.filter((sentAt) => redactText(`Title ${benchTitleMarker(sentAt)}`, ALL, ['DE', 'US', 'CN', 'GB']).edits.length > 0);
    expect(redacted).toEqual([]);
  });

  it('gives NaN for a title without a marker', () => {
    expect(sentAtFromTitle('Deepfake voice fraud')).toBeNaN();
  });
});
