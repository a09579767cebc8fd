/**
 * SQL condition, true for a delivery row `alias` (a `deliveries` row of an incident alert) whose version was followed
 * by a withdrawal `Cancel` to the same partner: `alert_recipients.withdrawn_versions` of (incident, partner) holds a
 * version greater than the delivery's. The router records that before it produces the Cancel, so the condition holds
 * from the moment the Cancel is queued. Such a delivery carries content the partner was told to delete; it is never
 * sent again (dispatcher claim, escalation, admin redelivery). False for surge alerts (no incident).
 */
export const withdrawnLaterSql = (alias: string): string =>
  `EXISTS (SELECT 1 FROM alert_recipients wr, unnest(wr.withdrawn_versions) AS ww(version)
            WHERE wr.incident_id = ${alias}.incident_id AND wr.partner_id = ${alias}.partner_id AND ww.version > ${alias}.version)`;

/** `last_error` of a delivery not sent because a later withdrawal `Cancel` went to its partner. */
export const SUPERSEDED_BY_WITHDRAWAL = 'not sent: superseded by a withdrawal Cancel (sharing narrowed)';
