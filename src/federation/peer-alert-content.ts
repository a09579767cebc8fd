import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import type { AlertData } from '@app/contracts';
import type { IncidentClassification } from '@app/taxonomy';
import { checkClassification } from '../classification/classification-contract.js';
import { EARLIEST_OCCURRED_AT, IsNotAfterNow, IsNotBefore } from '../common/date-bounds.validator.js';
import { IsCalendarDate } from '../common/text-validators.js';
import { flatten } from '../common/validation.js';
import { FileIncidentRequestDto } from '../incidents/commands/file-incident/file-incident.request.dto.js';
import { RetractIncidentRequestDto } from '../incidents/commands/retract-incident/retract-incident.request.dto.js';
import { ONWARD_MARKINGS } from './onward-sharing.js';

/** One refused member of a peer alert, named by its dotted path in the CloudEvent (`data.incident.occurredAt`). */
export interface AlertContentProblem {
  field: string;
  messages: string[];
}

/** Largest incident version stored (`incidents.version`, `foreign_incidents.origin_version`: PostgreSQL integer). */
export const MAX_INCIDENT_VERSION = 2_147_483_647;

/** The members of an incident snapshot a filing has, with the filing's rules (POST /incidents). */
const FILING_MEMBERS = [
  'title',
  'description',
  'occurredAt',
  'country',
  'language',
  'sector',
  'reportingOrganisation',
  'aiSystemName',
  'developer',
  'deployer',
  'harmDescription',
  'sourceUrls',
  'tlp',
  'personalFields',
  'onwardSharing',
] as const;

/**
 * A peer alert's incident as the rules of a local filing see it: the filing DTO's own rules (FileIncidentRequestDto:
 * plain visible text, ISO 3166-1 country, the sector vocabulary, RFC 3339 dates within 1950…now, sharable URLs,
 * personal field names), applied to the snapshot members a filing has, plus `filedAt`, which the server sets on a
 * filing: a real RFC 3339 instant, not before 1950, not in the future.
 */
class PeerIncidentRules extends FileIncidentRequestDto {
  @IsCalendarDate()
  @IsNotBefore(EARLIEST_OCCURRED_AT)
  @IsNotAfterNow()
  filedAt!: string;
}

/** `note` of an Update or Cancel: stored as the retraction reason, so the rules of a local retraction's `reason`. */
class PeerNoteRules extends RetractIncidentRequestDto {}

/** Problems of `value` against a DTO class's rules, each field below `parent`. */
function dtoProblems(type: new () => object, value: Record<string, unknown>, parent: string): AlertContentProblem[] {
  const errors = validateSync(plainToInstance(type, value), { forbidUnknownValues: false, stopAtFirstError: false });
  return flatten(errors, parent);
}

/**
 * Content rules a verified peer alert must meet beyond the alert JSON Schema, so a peer cannot file what a local filer
 * could not, and nothing it sends fails in the database or in a reader (docs/federation.md, "Receiving alerts"):
 * - `data.incident.originJurisdiction` equals the sending peer's jurisdiction (`senderJurisdiction`, from `source`,
 *   proven by the HMAC), or the alert is an onward-shared foreign incident: another jurisdiction, and for `Alert` /
 *   `Update` a TLP:CLEAR or TLP:GREEN incident whose originator allowed onward sharing (`onwardSharing: true`), the
 *   only ones a window sends on (onward-sharing.ts). It never equals this window's own jurisdiction (`ownJurisdiction`):
 *   nobody else speaks for incidents filed here.
 * - `data.version` fits the stored integer (at most MAX_INCIDENT_VERSION).
 * - `data.note`, when present, meets the rules of a local retraction's reason (plain visible text, 1–2000).
 * - for `Alert` / `Update`, which are stored: `data.incident` meets the rules of `POST /incidents`
 *   (FileIncidentRequestDto, the same decorators, errors named `data.incident.<member>`), `filedAt` included, and
 *   `data.classification` the contract our own classifier's output meets (classification-contract.ts: taxonomy
 *   vocabularies, shapes, numbers, plain text; errors named `data.classification.<path>`). A `Cancel` withdraws a
 *   copy whatever it held and stores none of its content (a withdrawal Cancel carries neutral values such as
 *   country `ZZ`, which no filing may have), so its incident and classification are not checked.
 * Returns the problems (empty when the alert is acceptable) and, when there are none, the classification to store:
 * the peer's, with members unknown to this version removed. Unknown members of `data` and `data.incident` are
 * allowed by the schema (forward compatibility) and dropped by the receiver, which stores only the members it knows.
 */
export function alertContentProblems(
  alert: AlertData,
  senderJurisdiction: string,
  ownJurisdiction: string,
): { problems: AlertContentProblem[]; classification?: IncidentClassification } {
  const problems: AlertContentProblem[] = [];
  const { originJurisdiction, tlp, onwardSharing } = alert.incident;
  if (originJurisdiction === ownJurisdiction) {
    problems.push({ field: 'data.incident.originJurisdiction', messages: [`must not be this window's own jurisdiction (${ownJurisdiction})`] });
  } else if (
    originJurisdiction !== senderJurisdiction &&
    alert.msgType !== 'Cancel' &&
    !(ONWARD_MARKINGS.has(tlp) && onwardSharing === true)
  ) {
    problems.push({
      field: 'data.incident.originJurisdiction',
      messages: [`must be the sending peer's jurisdiction (${senderJurisdiction}) unless the incident is a CLEAR or GREEN one its originator lets travel on`],
    });
  }
  if (alert.version > MAX_INCIDENT_VERSION) problems.push({ field: 'data.version', messages: [`must not be greater than ${MAX_INCIDENT_VERSION}`] });
  if (alert.note !== undefined) {
    for (const problem of dtoProblems(PeerNoteRules, { reason: alert.note }, 'data')) {
      problems.push({ field: 'data.note', messages: problem.messages.map((message) => message.replace(/^reason\b/, 'note')) });
    }
  }
  if (alert.msgType === 'Cancel') return { problems };

  const snapshot = alert.incident as unknown as Record<string, unknown>;
  // A snapshot says null where a filing leaves a member out.
  const filing = Object.fromEntries([...FILING_MEMBERS, 'filedAt'].map((name) => [name, snapshot[name] ?? undefined]));
  problems.push(...dtoProblems(PeerIncidentRules, filing, 'data.incident'));
  const checked = checkClassification(alert.classification);
  problems.push(
    ...checked.problems.map((problem) => ({ field: problem.path ? `data.classification.${problem.path}` : 'data.classification', messages: [problem.message] })),
  );
  return problems.length > 0 ? { problems } : { problems, classification: checked.classification };
}

/** `country` of a withdrawal Cancel's neutral content (ISO 3166-1 user-assigned, refused in every filing). */
export const WITHDRAWN_COUNTRY = 'ZZ';

/**
 * Whether a Cancel is a withdrawal, sent because the originator narrowed sharing (routing-rules.ts `planAlerts` and
 * `withdrawnContent`; docs/partner-integration.md: "a Cancel for narrowed sharing carries identifiers only, with
 * neutral values such as country ZZ"), rather than an ordinary retraction: its incident is still `active` at the
 * originator (an amendment narrowed sharing; a retraction sends `retracted`), or it carries the neutral values
 * (country `ZZ`, which no filing may have: a retraction that also narrowed sharing).
 */
export function isWithdrawal(alert: AlertData): boolean {
  return alert.msgType === 'Cancel' && (alert.incident.status === 'active' || alert.incident.country === WITHDRAWN_COUNTRY);
}
