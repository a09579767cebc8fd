import type { EntityManager } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { ForeignIncidentEntity } from '../federation/foreign-incident.entity.js';
import { IncidentEntity } from './incident.entity.js';

/**
 * Sharing rule for reading one incident (TLP 2.0 RED: named recipients only): a RED incident is visible only to the
 * API key that filed it; every other marking to every regulator, analyst and admin (as in search and trends,
 * src/read-models/incident-dimensions.ts).
 */
export function mayView(incident: Pick<IncidentEntity, 'tlp' | 'filedByKeyId'>, viewerKeyId: string): boolean {
  return incident.tlp !== 'RED' || incident.filedByKeyId === viewerKeyId;
}

/**
 * `mayView` as a SQL condition, for queries over many rows: `tlp` and `filedByKeyId` are SQL expressions (e.g.
 * `i.tlp`), `viewer` the placeholder of the viewer's key id (e.g. `$2`). Keep in step with mayView.
 */
export function mayViewSql(tlp: string, filedByKeyId: string, viewer: string): string {
  return `(${tlp} <> 'RED' OR ${filedByKeyId} = ${viewer}::uuid)`;
}

/**
 * Sharing rule for the content of one alert version (CAP export, TAXII, overdue list) read by a key of this single
 * window, not by the partner it was sent to: `mayView` of the incident now, and of the version the alert carries
 * (`alertTlp`, its marking then), so neither a RED incident's earlier versions nor a RED version of an incident
 * amended since to a wider marking show. SQL form: `mayViewAlertSql`.
 */
export function mayViewAlert(incident: Pick<IncidentEntity, 'tlp' | 'filedByKeyId'>, alertTlp: string, viewerKeyId: string): boolean {
  return mayView(incident, viewerKeyId) && mayView({ tlp: alertTlp as IncidentEntity['tlp'], filedByKeyId: incident.filedByKeyId }, viewerKeyId);
}

/**
 * `mayViewAlert` as a SQL condition over incident alias `incident` and delivery alias `delivery` (the alert's marking
 * is `event.data.incident.tlp`); `viewer` is the placeholder of the viewer's key id.
 */
export function mayViewAlertSql(incident: string, delivery: string, viewer: string): string {
  const filer = `${incident}.filed_by_key_id`;
  return `(${mayViewSql(`${incident}.tlp`, filer, viewer)} AND ${mayViewSql(`(${delivery}.event #>> '{data,incident,tlp}')`, filer, viewer)})`;
}

/**
 * Sharing rule for one follow-up (`follow_ups` alias `followUp`) read by a key of this single window: `mayView` of the
 * version it is about, since it may quote that version. A partner's follow-up is about the alert it answers (the
 * delivery's `event.data.incident.tlp`); the filer's own follow-up is about the version it produced, whose marking is
 * that of the newest classification row at or before that version (`incident_classifications.incident_tlp`, written
 * with every filing and amendment; unknown = RED). So after a RED version's incident is widened to GREEN, only the
 * filer sees the follow-ups of the RED version. `filedByKeyId` and `viewer` as in mayViewSql.
 */
export function mayViewFollowUpSql(followUp: string, filedByKeyId: string, viewer: string): string {
  const versionTlp = `COALESCE((SELECT c.incident_tlp FROM incident_classifications c
                                 WHERE c.incident_id = ${followUp}.incident_id AND c.incident_version <= ${followUp}.version
                                 ORDER BY c.incident_version DESC, c.seq DESC LIMIT 1), 'RED')`;
  return `(NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.alert_id = ${followUp}.alert_id
                        AND NOT ${mayViewSql(`(d.event #>> '{data,incident,tlp}')`, filedByKeyId, viewer)})
           AND (${followUp}.version IS NULL OR ${mayViewSql(versionTlp, filedByKeyId, viewer)}))`;
}

/**
 * Loads the incident with a row lock (SELECT ... FOR UPDATE) inside the caller's transaction, so concurrent
 * amendments and retractions get consecutive versions. Only the API key that filed the incident may change it
 * (`actorKeyId`; null for changes that are not the filer's, e.g. an analyst's review or an admin's follow-up); another
 * key gets 403 INCIDENT.NOT_FILER. Every caller (`viewerKeyId`, the actor's key unless given) first gets 404 for an
 * incident it may not view (a TLP:RED incident not its own), exactly as for an unknown id and before any other check,
 * so its existence does not leak (the same rule as GET /incidents/{id}). Errors: INCIDENT.NOT_FOUND (404),
 * INCIDENT.FOREIGN (409: a foreign incident, changed only by its originator's alerts), INCIDENT.NOT_FILER (403),
 * INCIDENT.RETRACTED (409).
 */
export async function lockIncidentForChange(
  manager: EntityManager,
  incidentId: string,
  actorKeyId: string | null,
  viewerKeyId: string | null = actorKeyId,
): Promise<IncidentEntity> {
  const incident = await manager.findOne(IncidentEntity, { where: { id: incidentId }, lock: { mode: 'pessimistic_write' } });
  if (!incident || (viewerKeyId !== null && !mayView(incident, viewerKeyId))) throw new DomainError('INCIDENT.NOT_FOUND', `No incident ${incidentId}`);
  // A foreign incident is the originating single window's: only its alerts change the copy (src/federation).
  if (await manager.existsBy(ForeignIncidentEntity, { incidentId })) {
    throw new DomainError('INCIDENT.FOREIGN', `Incident ${incidentId} was received from a peer single window; only its originator can change it`);
  }
  if (actorKeyId !== null && incident.filedByKeyId !== actorKeyId) {
    throw new DomainError('INCIDENT.NOT_FILER', 'Only the API key that filed this incident may amend or retract it');
  }
  if (incident.status === 'retracted') {
    throw new DomainError('INCIDENT.RETRACTED', `Incident ${incidentId} was retracted at version ${incident.version}`);
  }
  return incident;
}
