import { keyText } from './name-keys.js';

/** Where a name came from on the filing. */
export type NameRole = 'ai_system' | 'developer' | 'deployer';

/** What the scorer compares of one incident (newest version; labels in force from the search read model). */
export interface CorrelationSubject {
  id: string;
  title: string;
  description: string;
  occurredAt: Date;
  language: 'en' | 'zh';
  originJurisdiction: string;
  /** Normalised name keys (name-keys.ts) of the AI system, developer and deployer. */
  names: Array<{ role: NameRole; key: string }>;
  /** Labels in force; null when the incident has no classification yet. */
  labels: { mechanism: string; source: string; sector: string; harmTypes: string[] } | null;
}

/** Pair facts computed in PostgreSQL: pg_trgm `similarity()` of titles and of descriptions (0..1), and name frequency. */
export interface PairEvidence {
  titleSimilarity: number;
  descriptionSimilarity: number;
  /** How many incidents carry each name key (for the rarity factor); a key missing here counts as 1. */
  nameFrequency: ReadonlyMap<string, number>;
}

export type LinkSignal = 'ai_system' | 'organisation' | 'name_in_text' | 'title' | 'description' | 'date' | 'labels';

/** One signal that matched, the weight it added to the score, and what matched (names, similarity, days apart). */
export interface LinkReason {
  signal: LinkSignal;
  weight: number;
  detail: string;
}

/**
 * Weights of the signals (docs/correlation.md). A score is the sum of the matched signals' weights, at most 1.
 * Name weights are multiplied by a rarity factor min(1, `commonNameFrequency` / frequency), so a name carried by
 * hundreds of incidents (ChatGPT, Google) adds little on its own.
 */
export const LINK_WEIGHTS = {
  aiSystem: 0.3,
  organisation: 0.2,
  nameInText: 0.15,
  /** Full weight at `titleFull` similarity, none at or below `titleFloor`, linear in between. */
  title: 0.35,
  titleFloor: 0.15,
  titleFull: 0.6,
  description: 0.25,
  descriptionFloor: 0.1,
  descriptionFull: 0.5,
  /** Date bands: days apart (inclusive) → weight. */
  dateBands: [
    [3, 0.2],
    [14, 0.15],
    [60, 0.08],
  ] as ReadonlyArray<readonly [number, number]>,
  labels: 0.1,
  commonNameFrequency: 5,
  /**
   * Across languages trigram similarity says nothing (the text signals, 0.6 of the weight, cannot match), so the other
   * signals count this many times their weight.
   */
  crossLanguage: 1.5,
} as const;

/** Name keys shorter than this are not looked for inside the other incident's text (too many accidental hits). */
const MIN_KEY_IN_TEXT = 4;
const DAY_MS = 86_400_000;

const ramp = (value: number, floor: number, full: number) => Math.max(0, Math.min(1, (value - floor) / (full - floor)));
const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * Scores whether two incidents describe the same real-world event. Pure. Signals: a shared AI-system name; a shared
 * developer or deployer (any role on either side); a name of one side inside the other's title or description (works
 * across languages when the Chinese text keeps a Latin name); title and description trigram similarity (meaningful in
 * one language only); occurrence dates within 3, 14 or 60 days; the same mechanism and source with the same sector or
 * a shared harm type. Pairs in different languages get `crossLanguage` times each weight (they cannot match on
 * text). Returns the score in 0..1 (3 decimals) and the reasons, strongest first.
 */
export function scoreLink(probe: CorrelationSubject, candidate: CorrelationSubject, evidence: PairEvidence, weights = LINK_WEIGHTS): { score: number; reasons: LinkReason[] } {
  const reasons: LinkReason[] = [];
  const rarity = (key: string) => Math.min(1, weights.commonNameFrequency / Math.max(1, evidence.nameFrequency.get(key) ?? 1));
  const best = (keys: string[], weight: number) => keys.map((key) => ({ key, weight: weight * rarity(key) })).sort((a, b) => b.weight - a.weight)[0];

  const systemKeys = (subject: CorrelationSubject) => new Set(subject.names.filter((name) => name.role === 'ai_system').map((name) => name.key));
  const orgKeys = (subject: CorrelationSubject) => new Set(subject.names.filter((name) => name.role !== 'ai_system').map((name) => name.key));
  const candidateSystems = systemKeys(candidate);
  const sharedSystems = [...systemKeys(probe)].filter((key) => candidateSystems.has(key));
  const candidateOrgs = orgKeys(candidate);
  const sharedOrgs = [...orgKeys(probe)].filter((key) => candidateOrgs.has(key));
  const system = best(sharedSystems, weights.aiSystem);
  if (system) reasons.push({ signal: 'ai_system', weight: system.weight, detail: `same AI system: ${system.key}` });
  const organisation = best(sharedOrgs, weights.organisation);
  if (organisation) reasons.push({ signal: 'organisation', weight: organisation.weight, detail: `same developer or deployer: ${organisation.key}` });

  // A name of one side inside the other side's text, when the names did not already match as structured fields.
  const structured = new Set([...sharedSystems, ...sharedOrgs]);
  const inText = (names: CorrelationSubject['names'], other: CorrelationSubject) => {
    const text = keyText(`${other.title} ${other.description}`);
    return names.map((name) => name.key).filter((key) => !structured.has(key) && [...key].length >= MIN_KEY_IN_TEXT && text.includes(key));
  };
  const named = best([...new Set([...inText(probe.names, candidate), ...inText(candidate.names, probe)])], weights.nameInText);
  if (named) reasons.push({ signal: 'name_in_text', weight: named.weight, detail: `named in the other's text: ${named.key}` });

  const title = weights.title * ramp(evidence.titleSimilarity, weights.titleFloor, weights.titleFull);
  if (title > 0) reasons.push({ signal: 'title', weight: title, detail: `title trigram similarity ${evidence.titleSimilarity.toFixed(2)}` });
  const description = weights.description * ramp(evidence.descriptionSimilarity, weights.descriptionFloor, weights.descriptionFull);
  if (description > 0) reasons.push({ signal: 'description', weight: description, detail: `description trigram similarity ${evidence.descriptionSimilarity.toFixed(2)}` });

  const days = Math.abs(probe.occurredAt.getTime() - candidate.occurredAt.getTime()) / DAY_MS;
  const band = weights.dateBands.find(([limit]) => days <= limit);
  if (band) reasons.push({ signal: 'date', weight: band[1], detail: `occurred ${Math.round(days)} day(s) apart` });

  const [a, b] = [probe.labels, candidate.labels];
  if (a && b && a.mechanism !== 'undetermined' && a.mechanism === b.mechanism && a.source !== 'undetermined' && a.source === b.source) {
    const sameSector = a.sector !== 'undetermined' && a.sector === b.sector;
    const sharedHarm = a.harmTypes.find((harm) => b.harmTypes.includes(harm));
    if (sameSector || sharedHarm) {
      reasons.push({ signal: 'labels', weight: weights.labels, detail: `same ${a.mechanism}/${a.source}${sameSector ? `, sector ${a.sector}` : `, harm type ${sharedHarm}`}` });
    }
  }
  const factor = probe.language === candidate.language ? 1 : weights.crossLanguage;
  const scaled = reasons
    .map((reason) => (factor === 1 ? reason : { ...reason, weight: reason.weight * factor, detail: `${reason.detail} (×${factor} across languages)` }))
    .sort((x, y) => y.weight - x.weight);
  const score = Math.min(1, scaled.reduce((sum, reason) => sum + reason.weight, 0));
  return { score: round(score), reasons: scaled.map((reason) => ({ ...reason, weight: round(reason.weight) })) };
}
