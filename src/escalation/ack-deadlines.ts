import type { ConfigService } from '@nestjs/config';
import { URGENCIES, type Urgency } from '@app/taxonomy';
import type { Environment } from '../config/environment.js';

/** The deadline settings, in seconds per urgency (ACK_DEADLINE_*_SECONDS). */
export type AckDeadlines = Pick<Environment, 'ACK_DEADLINE_FLASH_SECONDS' | 'ACK_DEADLINE_PRIORITY_SECONDS' | 'ACK_DEADLINE_ROUTINE_SECONDS'>;

/**
 * Urgency of an alert from its `data.classification.urgency` (classifier 0.2.0+: `{ label, reason }`). Results of
 * older classifiers carry none and count as `routine`, the least urgent class, so they never escalate early.
 */
export function urgencyOf(classification: unknown): Urgency {
  const urgency = (classification as { urgency?: unknown } | null | undefined)?.urgency;
  const label = typeof urgency === 'string' ? urgency : (urgency as { label?: unknown } | null | undefined)?.label;
  return URGENCIES.includes(label as Urgency) ? (label as Urgency) : 'routine';
}

/** Seconds a partner has to acknowledge an alert of this urgency. */
export function ackDeadlineSeconds(urgency: Urgency, deadlines: AckDeadlines): number {
  switch (urgency) {
    case 'flash':
      return deadlines.ACK_DEADLINE_FLASH_SECONDS;
    case 'priority':
      return deadlines.ACK_DEADLINE_PRIORITY_SECONDS;
    case 'routine':
      return deadlines.ACK_DEADLINE_ROUTINE_SECONDS;
  }
}

/** The ACK_DEADLINE_*_SECONDS settings in force. */
export function ackDeadlinesOf(config: ConfigService<Environment, true>): AckDeadlines {
  return {
    ACK_DEADLINE_FLASH_SECONDS: config.get('ACK_DEADLINE_FLASH_SECONDS', { infer: true }),
    ACK_DEADLINE_PRIORITY_SECONDS: config.get('ACK_DEADLINE_PRIORITY_SECONDS', { infer: true }),
    ACK_DEADLINE_ROUTINE_SECONDS: config.get('ACK_DEADLINE_ROUTINE_SECONDS', { infer: true }),
  };
}
