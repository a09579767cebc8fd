import type { AckDeadlines } from '../escalation/ack-deadlines.js';

/** Why a suspended partner's webhook delivery waits; shown to the filer as the delivery's `lastError`. */
export const HELD_WHILE_SUSPENDED = 'held: partner suspended by an admin; sent when it is resumed';

/** Why a removed partner's pending delivery stopped; shown to the filer as the delivery's `lastError`. */
export const CANCELLED_PARTNER_REMOVED = 'cancelled: partner removed by an admin';

/**
 * SQL expression: seconds the partner has to acknowledge an alert of `urgencySql` (a text expression: flash,
 * priority, anything else counts as routine), i.e. the partner's override (partners.ack_deadline_*_seconds) or else
 * the global ACK_DEADLINE_*_SECONDS passed as parameters `$first`, `$first+1`, `$first+2` (see ackDeadlineParams).
 * Kept in SQL so a deadline for many deliveries (resume) is one statement.
 */
export function ackDeadlineSecondsSql(urgencySql: string, partnerAlias: string, first: number): string {
  const pick = (flash: string, priority: string, routine: string): string =>
    `CASE ${urgencySql} WHEN 'flash' THEN ${flash} WHEN 'priority' THEN ${priority} ELSE ${routine} END`;
  return `COALESCE(${pick(
    `${partnerAlias}.ack_deadline_flash_seconds`,
    `${partnerAlias}.ack_deadline_priority_seconds`,
    `${partnerAlias}.ack_deadline_routine_seconds`,
  )}, ${pick(`$${first}::int`, `$${first + 1}::int`, `$${first + 2}::int`)})`;
}

/** The parameters ackDeadlineSecondsSql expects, in order. */
export const ackDeadlineParams = (deadlines: AckDeadlines): number[] => [
  deadlines.ACK_DEADLINE_FLASH_SECONDS,
  deadlines.ACK_DEADLINE_PRIORITY_SECONDS,
  deadlines.ACK_DEADLINE_ROUTINE_SECONDS,
];

/** SQL expression: the urgency label stored in a delivery's CloudEvent (`<alias>.event`), as text. */
export const deliveryUrgencySql = (deliveryAlias: string): string =>
  `COALESCE(${deliveryAlias}.event->'data'->'classification'->'urgency'->>'label', ${deliveryAlias}.event->'data'->'classification'->>'urgency')`;
