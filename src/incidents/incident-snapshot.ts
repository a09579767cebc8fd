import type { IncidentSnapshot } from '@app/contracts';
import type { IncidentEntity } from './incident.entity.js';

/** The incident as it travels in events and alerts (no internal columns such as key ids or hashes). */
export function toIncidentSnapshot(incident: IncidentEntity): IncidentSnapshot {
  return {
    id: incident.id,
    title: incident.title,
    description: incident.description,
    occurredAt: incident.occurredAt.toISOString(),
    country: incident.country,
    language: incident.language,
    sector: incident.sector,
    reportingOrganisation: incident.reportingOrganisation,
    aiSystemName: incident.aiSystemName,
    developer: incident.developer,
    deployer: incident.deployer,
    harmDescription: incident.harmDescription,
    sourceUrls: incident.sourceUrls,
    tlp: incident.tlp,
    originJurisdiction: incident.originJurisdiction,
    filedAt: incident.filedAt.toISOString(),
    version: incident.version,
    status: incident.status,
    updatedAt: incident.updatedAt.toISOString(),
    personalFields: incident.personalFields,
    onwardSharing: incident.onwardSharing,
  };
}
