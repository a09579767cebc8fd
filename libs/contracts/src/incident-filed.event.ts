import type { IncidentClassification } from '@app/taxonomy';

/** TLP 2.0 labels (FIRST, Traffic Light Protocol 2.0, August 2022). */
export const TLP_MARKINGS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type TlpMarking = (typeof TLP_MARKINGS)[number];

/** The incident as it travels in events and alerts (dates are ISO 8601 strings). */
export interface IncidentSnapshot {
  id: string;
  title: string;
  description: string;
  occurredAt: string;
  country: string;
  language: 'en' | 'zh';
  sector: string | null;
  reportingOrganisation: string;
  aiSystemName: string | null;
  developer: string | null;
  deployer: string | null;
  harmDescription: string | null;
  sourceUrls: string[];
  tlp: TlpMarking;
  /** ISO 3166-1 alpha-2 code of the jurisdiction whose single window the incident was filed with. */
  originJurisdiction: string;
  filedAt: string;
  /** 1 when filed; +1 per amendment or retraction. */
  version: number;
  status: 'active' | 'retracted';
  updatedAt: string;
  /**
   * Fields the filer marked personal (`personalFields` of the filing): in an alert they arrive replaced by the
   * redaction token (`sourceUrls` empty). Absent in events written before this member existed.
   */
  personalFields?: string[];
  /**
   * Whether the originating single window lets receiving single windows share the incident onward (TLP:CLEAR and
   * TLP:GREEN only; docs/federation.md). Absent (events and alerts from before this member): false.
   */
  onwardSharing?: boolean;
}

/**
 * Where a foreign incident came from: set on the incident events of an incident received from a peer single window
 * (docs/federation.md), so the router applies the onward-sharing rule and never sends it back to its origin.
 */
export interface ForeignOrigin {
  /** The peer's partner id in this single window. */
  peerId: string;
  /** ISO 3166-1 alpha-2 code of the originating single window. */
  originJurisdiction: string;
  /** The incident id in the originating single window. */
  originIncidentId: string;
  /** The newest alert received about it (its id in the originating single window) and that alert's version. */
  originAlertId: string;
  originVersion: number;
}

/**
 * Data of the incident events `org.aisw.incident.filed.v1`, `.amended.v1` and `.retracted.v1` (Kafka key:
 * incident id, so one incident's events keep their order). `reason` is set on retraction, and on an amendment that
 * is not the filer's (e.g. an analyst's review); it becomes the alert's `note`.
 */
export interface IncidentEventData {
  incident: IncidentSnapshot;
  classification: IncidentClassification;
  reason?: string;
  /** Partner slugs the filer named as recipients (the only partners a TLP:RED incident may reach). Internal. */
  recipients?: string[];
  /** Set when the incident is a foreign incident received from a peer single window. Internal. */
  foreignOrigin?: ForeignOrigin;
}

