import { describe, expect, it } from '@jest/globals';
import { partnerAcksTopic, partnerSlugOfAcksTopic } from './topics.js';

describe(partnerSlugOfAcksTopic.name, () => {
  it('reads the partner slug back from its acknowledgement topic, also under a dotted prefix', () => {
    expect(partnerSlugOfAcksTopic('aisw', partnerAcksTopic('aisw', 'fr-window'))).toBe('fr-window');
    expect(partnerSlugOfAcksTopic('t-abc.run', partnerAcksTopic('t-abc.run', 'de-1'))).toBe('de-1');
  });

  it('names no partner for an alerts topic, another prefix or a slug that is not [a-z0-9-]', () => {
    expect(partnerSlugOfAcksTopic('aisw', 'aisw.partner.fr-window.alerts.v1')).toBeUndefined();
    expect(partnerSlugOfAcksTopic('aisw', 'other.partner.fr-window.acks.v1')).toBeUndefined();
    expect(partnerSlugOfAcksTopic('aisw', 'aisw.partner.fr.window.acks.v1')).toBeUndefined();
    expect(partnerSlugOfAcksTopic('aisw', 'aisw.partner..acks.v1')).toBeUndefined();
  });
});
