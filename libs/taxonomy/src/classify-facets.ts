import type {
  AxisResult,
  Evidence,
  EvidenceField,
  EuAiActResult,
  FieldEvidence,
  HarmTypeResult,
  LifecycleResult,
  NistLifecycleStage,
  PaperLifecycleStage,
  PhraseEvidence,
  RedLineResult,
  SectorResult,
  SeverityResult,
  UrgencyResult,
} from './classification.js';
import {
  fieldContext,
  hasAiSubject,
  isActorNoun,
  isAiActing,
  isAiObjectCompound,
  isAiTarget,
  isAnchored,
  isFictionFramed,
  isFictional,
  isHypothetical,
  isNegated,
  isVulnerabilityReport,
  opensWithFiction,
  unitEnd,
  unitStart,
  type FieldContext,
} from './context-rules.js';
import { decideAxis } from './decide-axis.js';
import type { FacetEntry } from './facet-lexicon.js';
import { FACET_GROUPS, matchContext, type FacetGroup, type FieldMatches } from './field-matches.js';
import { toSourceRange, type NormalizedText } from './normalize-text.js';
import { mayMatch, requiredLiterals } from './required-literals.js';
import {
  EU_AI_ACT_CATEGORIES,
  HARM_TYPES,
  OECD_EVENT_TYPES,
  RED_LINE_FLAGS,
  SECTORS,
  UNDETERMINED,
  type EuAiActCategory,
  type HarmType,
  type Magnitude,
  type OecdEventType,
  type RedLineFlag,
  type Sector,
  type Severity,
  type Undetermined,
} from './vocabulary.js';

/** One field of the filing, normalised once and shared by every lexicon pass. */
export interface NormalizedField {
  field: EvidenceField;
  original: string;
  normalized: NormalizedText;
  /** Both lexicons' matches in `normalized.text` (field-matches.ts). */
  matches: FieldMatches;
  /** The context cues of this field for the structural rules (context-rules.ts); built on first use. */
  context?: FieldContext;
}

/** The field's context (context-rules.ts), built once from its matches. */
export function contextOf(field: NormalizedField): FieldContext {
  if (field.context === undefined) {
    const autonomyIndex = FACET_GROUPS.indexOf('autonomy');
    field.context = fieldContext(field.normalized.text, matchContext(field.normalized.text), field.matches.facets[autonomyIndex] ?? []);
  }
  return field.context;
}

/** A facet-lexicon match located in the original field. */
export interface FacetMatch {
  group: FacetGroup;
  entry: FacetEntry;
  evidence: Omit<PhraseEvidence, 'supports' | 'weight'>;
  /** The field it was found in and its offsets in the normalised text, for the structural rules. */
  source: NormalizedField;
  span: { start: number; end: number };
}

/** Finds every facet-lexicon term in the normalised fields; sorted by field order, then start. */
export function findFacetMatches(fields: readonly NormalizedField[]): FacetMatch[] {
  const found: FacetMatch[] = [];
  for (const source of fields) {
    const { field, original, normalized, matches: fieldMatches } = source;
    fieldMatches.facets.forEach((matches, groupIndex) => {
      const group = FACET_GROUPS[groupIndex] ?? 'widespread';
      if (group === 'context' || group === 'frame') return;
      for (const match of matches) {
        const [start, end] = toSourceRange(normalized, match.start, match.end);
        found.push({
          group,
          entry: match.entry,
          evidence: { kind: 'phrase', field, start, end, text: original.slice(start, end), term: match.term },
          source,
          span: { start: match.start, end: match.end },
        });
      }
    });
  }
  return found;
}

function phrase(match: FacetMatch, supports: string, weight = 1): PhraseEvidence {
  const { field, start, end, text, term } = match.evidence;
  return { kind: 'phrase', field, start, end, text, term, supports, weight };
}

function byGroup(matches: readonly FacetMatch[], group: FacetGroup): FacetMatch[] {
  return matches.filter((match) => match.group === group);
}

/** Red-line terms that name a containment escape; a CVE report calls a software bug a "sandbox escape" too. */
const CONTAINMENT_TERMS: ReadonlySet<string> = new Set(['sandbox escape*', 'escap* * sandbox', 'escap* from * sandbox', 'broke out of * sandbox', 'break* out of * sandbox', 'beyond the sandbox', '逃出沙箱', '逃逸沙箱', '突破了沙箱', '突破沙箱', '逃出了沙箱', '逃逸出沙箱']);
/** Deception verbs (harm lexicon) that make an autonomous agent's act a deception of its overseers (0.6.0). */
const AGENT_DECEPTION_TERMS: ReadonlySet<string> = new Set(['lied', 'lying', 'lie to', 'lies about', 'lie about', 'deceiv*', 'misled', 'mislead*', 'cover* * tracks', '欺骗', '撒谎']);

/**
 * Whether a red-line cue counts where it stands (context-rules.ts, 0.6.0): not when negated ("no evidence of
 * self-replication"; since 0.8.0 also refused: "refused to provide nerve-agent instructions"; since 0.8.1 also a refused
 * request: "asked the chatbot for sarin; the model refused", context-rules.ts `isRefusedRequest`), in a game, film or novel
 * (since 0.8.0 also anywhere in a filing that opens with a fiction frame, `reportsFiction`), or when the AI is the target
 * of the act ("researchers broke out of the Copilot sandbox", "a hacker compromised the AI bot"; since 0.8.1 not for
 * weapons of mass destruction, which are not acts); a containment term in a
 * vulnerability report (CVE, exploit code) names a software bug, not an escaping AI.
 */
export function countsInContext(match: FacetMatch, vulnerabilityReport: () => boolean, fictionReport: () => boolean = () => false): boolean {
  const context = contextOf(match.source);
  if (isNegated(context, match.span) || inFiction(match.source, match.span, fictionReport) || isActorNoun(context, match.span)) return false;
  // A weapon is not an act whose target the AI could be: "a user asked for sarin synthesis steps and the model gave a
  // detailed route" is uplift by the model (0.8.1), where the target rule read "user … sarin … model" as an attack on it.
  if (match.entry.facets.redLine !== 'wmd_assistance' && isAiTarget(context, match.span)) return false;
  // A question or a supposition about weapon uplift reports none (0.8.2, context-rules.ts `isHypothetical`).
  if (match.entry.facets.redLine === 'wmd_assistance' && isHypothetical(context, match.span)) return false;
  return !(CONTAINMENT_TERMS.has(match.evidence.term) && vulnerabilityReport());
}

/**
 * Whether the filing is about fiction (0.8.0): its title, or the first sentence of its description, puts the AI inside a
 * story ("Videogame AI goes rogue", "In the film, …", 游戏中的AI失控) and names nothing real (context-rules.ts
 * `opensWithFiction`). A function that computes it on first call and remembers it; a field without any frame literal
 * skips the context pass.
 */
export function reportsFiction(fields: readonly NormalizedField[]): () => boolean {
  let known: boolean | undefined;
  const opens = (field: NormalizedField): boolean => {
    const { text } = field.normalized;
    const end = unitEnd(text, 0);
    return frameHints(field).some((hint) => hint.end <= end) && opensWithFiction(contextOf(field));
  };
  return () => (known ??= fields.some((field) => field.field !== 'harmDescription' && opens(field)));
}

/**
 * A match stands in fiction (0.8.0): in a sentence about a game, film or novel (`isFictional`), or anywhere in a filing
 * about fiction (`reportsFiction`) unless its own sentence names something real (`isAnchored`). For red-line cues and
 * existential votes.
 */
export function inFiction(field: NormalizedField, span: { start: number; end: number }, fictionReport: () => boolean): boolean {
  const context = contextOf(field);
  return isFictional(context, span) || (fictionReport() && !isAnchored(context, span));
}

/**
 * A match stands in a fiction frame (0.8.0): a sentence that puts the AI inside a story (`isFictionFramed`), or anywhere in
 * a filing about fiction unless its own sentence names something real. Narrower than `inFiction`: it discounts the
 * mechanism and source votes (classify-incident.ts), which a mere mention of a film or game must not do ("a deepfake of
 * a film actor"). Skips the context pass when neither applies.
 */
export function inFictionFrame(field: NormalizedField, span: { start: number; end: number }, fictionReport: () => boolean): boolean {
  const { text } = field.normalized;
  const hints = frameHints(field);
  let framedSentence = false;
  if (hints.length > 0) {
    const [start, end] = [unitStart(text, span.start), unitEnd(text, span.end)];
    framedSentence = hints.some((hint) => hint.start >= start && hint.end <= end);
  }
  if (!framedSentence && !fictionReport()) return false;
  const context = contextOf(field);
  return (framedSentence && isFictionFramed(context, span)) || (fictionReport() && !isAnchored(context, span));
}

const FRAME_GROUP = FACET_GROUPS.indexOf('frame');

/** The fiction-frame cues of the first pass (field-matches.ts group `frame`), sorted by start. */
function frameHints(field: NormalizedField): readonly { start: number; end: number }[] {
  return field.matches.facets[FRAME_GROUP] ?? [];
}

/**
 * Whether any field of the filing reports a software vulnerability (context-rules.ts `isVulnerabilityReport`), as a
 * function that computes it on first call and remembers it: only a containment match needs it.
 */
export function reportsVulnerability(fields: readonly NormalizedField[]): () => boolean {
  let known: boolean | undefined;
  return () => (known ??= isVulnerabilityReport(fields.map((field) => field.normalized.text)));
}

/**
 * Red-line flags in RED_LINE_FLAGS order. An intrusion verb ("hacked") counts as an autonomous cyberattack only with an
 * autonomy cue ("agent", "unsanctioned"). Since 0.6.0 every cue must count in its context (`countsInContext`), and an
 * autonomous agent that is the subject of a deception verb ("the autonomous AI bot lies about insider trading",
 * 自主智能体撒谎) flags `deception_of_overseers`: an agent acting for its principals deceives those who oversee it.
 * Since 0.8.1 an autonomy cue in a sentence about fiction (`inFiction`: "In the game, a rogue AI takes over") is no
 * autonomy of a real system, and a cue inside a work's title ("the game 'Rogue AI Uprising'") is not matched at all
 * (field-matches.ts): a breach by people at a studio is no autonomous cyberattack (TAXONOMY.md, Red lines).
 */
export function detectRedLines(matches: readonly FacetMatch[], vulnerabilityReport: () => boolean = () => false, fictionReport: () => boolean = () => false): RedLineResult[] {
  const evidence = new Map<RedLineFlag, Evidence[]>();
  const add = (flag: RedLineFlag, item: Evidence): void => {
    const items = evidence.get(flag);
    if (items === undefined) evidence.set(flag, [item]);
    else items.push(item);
  };
  for (const match of byGroup(matches, 'redLine')) {
    const flag = match.entry.facets.redLine;
    if (flag !== undefined && countsInContext(match, vulnerabilityReport, fictionReport)) add(flag, phrase(match, flag));
  }
  // The context checks below only run when both halves of a co-occurrence are present: most texts skip them.
  const rawAutonomy = byGroup(matches, 'autonomy');
  let autonomyCache: FacetMatch[] | undefined;
  const autonomyCues = (): FacetMatch[] =>
    (autonomyCache ??= rawAutonomy.filter((match) => !isNegated(contextOf(match.source), match.span) && !inFiction(match.source, match.span, fictionReport)));
  for (const match of rawAutonomy.length === 0 ? [] : byGroup(matches, 'harm')) {
    if (!AGENT_DECEPTION_TERMS.has(match.evidence.term)) continue;
    const autonomy = autonomyCues();
    if (autonomy.length === 0) continue;
    const context = contextOf(match.source);
    const [start, end] = [unitStart(context.text, match.span.start), unitEnd(context.text, match.span.end)];
    const sameSentence = autonomy.some((cue) => cue.source === match.source && cue.span.start >= start && cue.span.end <= end);
    if (sameSentence && hasAiSubject(context, match.span) && !isNegated(context, match.span) && !inFiction(match.source, match.span, fictionReport)) {
      add('deception_of_overseers', phrase(match, 'deception_of_overseers', 0.5));
    }
  }
  const intrusions =
    rawAutonomy.length === 0
      ? []
      : byGroup(matches, 'intrusion').filter((match) => countsInContext(match, vulnerabilityReport, fictionReport) && !isAiObjectCompound(contextOf(match.source), match.span));
  if (intrusions.length > 0 && autonomyCues().length > 0) {
    for (const match of [...intrusions.slice(0, 3), ...autonomyCues().slice(0, 3)]) add('autonomous_cyberattack', phrase(match, 'autonomous_cyberattack', 0.5));
  }
  return RED_LINE_FLAGS.flatMap((flag) => {
    const items = evidence.get(flag);
    return items === undefined ? [] : [{ flag, evidence: items }];
  });
}

const HARM_GROUPS: ReadonlySet<FacetGroup> = new Set(['harm', 'casualty', 'widespread']);

/**
 * The facet matches without the harm, casualty and widespread cues that stand in a fiction frame (0.8.0, `inFictionFrame`):
 * a death in a film's plot is neither a harm type nor a severity cue. For harm types, severity and the EU AI Act category;
 * sector and lifecycle keep every match. `matches` itself when nothing is in a frame.
 */
export function withoutFictionalHarm(matches: readonly FacetMatch[], fictionReport: () => boolean): readonly FacetMatch[] {
  const kept = matches.filter((match) => !HARM_GROUPS.has(match.group) || !inFictionFrame(match.source, match.span, fictionReport));
  return kept.length === matches.length ? matches : kept;
}

// ── Severity: numbers stated in the text ──

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['a', 1], ['an', 1], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['dozens of', 24], ['hundreds of', 200], ['thousands of', 2000],
  ['一', 1], ['两', 2], ['二', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9], ['十', 10], ['数十', 20], ['数百', 200], ['数千', 2000],
]);
const COUNT = String.raw`(\d[\d,]*(?:\.\d+)?(?:\s?(?:thousand|million))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of|thousands of)`;
const WHO = String.raw`(?:\s(?:more|other|people|persons|civilians|passengers|pedestrians|women|men|children|students|users|patients|workers|soldiers|officials|scientists|teenagers|americans)){0,2}`;
const DEATH_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\w.])${COUNT}${WHO}(?:\s(?:were|was|have been|had been|are))?\s(?:killed|dead|deaths|died|fatalities|lives lost|premature deaths|homicides)`, 'gu'),
  new RegExp(String.raw`(?:killed|killing|killing at least|deaths of|death toll of|death toll rose to)\s(?:at least\s|over\s|more than\s)?${COUNT}(?![\w])`, 'gu'),
  /(\d+|[一二两三四五六七八九十]+|数十|数百|数千)\s?(?:人|名)[^，。,.]{0,4}(?:死亡|遇难|丧生|身亡)/gu,
];
const INJURY_PATTERNS: readonly RegExp[] = [
  new RegExp(String.raw`(?<![\w.])${COUNT}${WHO}(?:\s(?:were|was|have been|had been))?\s(?:injured|injuries|hurt|wounded|hospitali[sz]ed|asthma cases)`, 'gu'),
  new RegExp(String.raw`(?:injuring|injured|wounding)\s(?:at least\s|over\s|more than\s)?${COUNT}(?![\w])`, 'gu'),
  /(\d+|[一二两三四五六七八九十]+|数十|数百|数千)\s?(?:人|名)[^，。,.]{0,4}受伤/gu,
];
/** Rough fixed rates to USD, good to an order of magnitude, which is all severity needs. */
const TO_USD: ReadonlyMap<string, number> = new Map([
  ['$', 1], ['us$', 1], ['usd', 1], ['dollars', 1], ['美元', 1], ['€', 1.1], ['eur', 1.1], ['euros', 1.1], ['欧元', 1.1],
  ['£', 1.3], ['gbp', 1.3], ['pounds', 1.3], ['英镑', 1.3], ['hk$', 0.13], ['hkd', 0.13], ['港元', 0.13], ['港币', 0.13],
  ['¥', 0.14], ['rmb', 0.14], ['cny', 0.14], ['yuan', 0.14], ['元', 0.14], ['人民币', 0.14], ['krw', 0.00075], ['won', 0.00075],
  ['a$', 0.65], ['c$', 0.73], ['nz$', 0.6], ['inr', 0.012], ['rupees', 0.012],
]);
const SCALE: ReadonlyMap<string, number> = new Map([
  ['k', 1e3], ['thousand', 1e3], ['m', 1e6], ['mn', 1e6], ['million', 1e6], ['b', 1e9], ['bn', 1e9], ['billion', 1e9], ['万', 1e4], ['亿', 1e8],
]);
const MONEY_PATTERNS: readonly RegExp[] = [
  /(us\$|hk\$|a\$|c\$|nz\$|\$|€|£|¥)\s?(\d[\d,]*(?:\.\d+)?)(?:\s?(thousand|million|billion|mn|bn|k|m|b)(?![a-z]))?/gu,
  /(?<![\w.])(\d[\d,]*(?:\.\d+)?)\s?(thousand|million|billion|mn|bn|k|m|b)?\s?(usd|eur|gbp|hkd|rmb|cny|krw|inr|dollars|euros|pounds|yuan|won|rupees)(?![a-z])/gu,
  /(\d+(?:\.\d+)?)\s?(万|亿)?\s?(美元|欧元|英镑|港元|港币|人民币|元)/gu,
];

const CURRENCY_CUE = /[$€£¥元镑]|usd|eur|gbp|hkd|rmb|cny|krw|inr|dollar|pound|yuan|won|rupee/u;

function parseCount(raw: string): number {
  const word = NUMBER_WORDS.get(raw);
  if (word !== undefined) return word;
  const scaled = /^([\d,.]+)\s?(thousand|million)$/u.exec(raw);
  const base = Number.parseFloat((scaled?.[1] ?? raw).replace(/,/g, ''));
  const factor = scaled?.[2] === 'million' ? 1e6 : scaled?.[2] === 'thousand' ? 1e3 : 1;
  if (Number.isFinite(base)) return base * factor;
  // Chinese numerals up to 九十九 (e.g. 三, 十二, 二十).
  const digits = [...raw].map((char) => NUMBER_WORDS.get(char) ?? 0);
  if (digits.length === 2 && digits[0] === 10) return 10 + (digits[1] ?? 0);
  if (digits.length >= 2 && digits[1] === 10) return (digits[0] ?? 0) * 10 + (digits[2] ?? 0);
  return digits[0] ?? 0;
}

interface NumericFinding {
  value: number;
  evidence: PhraseEvidence;
}

// The number patterns are the costliest scans: a field without any of a pattern's required words is skipped.
const REQUIRED_LITERALS = new Map([...DEATH_PATTERNS, ...INJURY_PATTERNS, ...MONEY_PATTERNS].map((pattern) => [pattern, requiredLiterals(pattern)]));

function scan(
  fields: readonly NormalizedField[],
  patterns: readonly RegExp[],
  value: (groups: RegExpExecArray) => number,
  supports: string,
  fictionReport: () => boolean = () => false,
): NumericFinding[] {
  const found: NumericFinding[] = [];
  for (const source of fields) {
    const { field, original, normalized } = source;
    for (const pattern of patterns) {
      if (!mayMatch(normalized.text, REQUIRED_LITERALS.get(pattern) ?? [])) continue;
      for (const match of normalized.text.matchAll(pattern)) {
        if (match[0].length === 0) continue;
        // Deaths in a film's plot are not deaths (0.8.0).
        if (inFictionFrame(source, { start: match.index, end: match.index + match[0].length }, fictionReport)) continue;
        const amount = value(match);
        if (!Number.isFinite(amount) || amount <= 0) continue;
        const [start, end] = toSourceRange(normalized, match.index, match.index + match[0].length);
        found.push({
          value: amount,
          evidence: { kind: 'phrase', field, start, end, text: original.slice(start, end), term: match[0], supports, weight: 1 },
        });
      }
    }
  }
  return found;
}

function moneyValue(match: RegExpExecArray): number {
  const [, first = '', second = '', third = ''] = match;
  // Pattern 1: currency, amount, scale; patterns 2 and 3: amount, scale, currency.
  const currencyFirst = TO_USD.has(first);
  const currency = currencyFirst ? first : third;
  const amount = Number.parseFloat((currencyFirst ? second : first).replace(/,/g, ''));
  const scale = SCALE.get(currencyFirst ? third : second) ?? 1;
  return amount * scale * (TO_USD.get(currency) ?? 1);
}

function largest(findings: readonly NumericFinding[]): NumericFinding | undefined {
  return findings.reduce<NumericFinding | undefined>((best, item) => (best === undefined || item.value > best.value ? item : best), undefined);
}

/** A cue marked `onlyWithAiActor` counts: an AI is the actor of the act and it is not negated (context-rules.ts, 0.8.1). */
function actsAsAi(match: FacetMatch): boolean {
  const context = contextOf(match.source);
  return isAiActing(context, match.span) && !isNegated(context, match.span);
}

/** Harm types the text shows, in HARM_TYPES order, plus the ones implied by numbers and red lines; a cue marked
 * `onlyWithAiActor` (an agent deleting its user's files, 0.8.1) only where an AI did it. */
export function detectHarmTypes(matches: readonly FacetMatch[], redLines: readonly RedLineResult[], severity: SeverityResult): HarmTypeResult[] {
  const evidence = new Map<HarmType, Evidence[]>();
  const add = (type: HarmType, item: Evidence): void => {
    const items = evidence.get(type);
    if (items === undefined) evidence.set(type, [item]);
    else items.push(item);
  };
  for (const match of byGroup(matches, 'harm')) {
    const type = match.entry.facets.harm;
    if (match.entry.facets.onlyWithAiActor === true && !actsAsAi(match)) continue;
    if (type !== undefined) add(type, phrase(match, type));
  }
  if ((severity.deaths ?? 0) > 0 || (severity.injuries ?? 0) > 0) {
    add('physical_harm', { kind: 'field', field: 'severity', value: `deaths=${severity.deaths ?? 0};injuries=${severity.injuries ?? 0}`, supports: 'physical_harm', weight: 1 });
  }
  if (severity.financialLossUsd !== null) {
    add('financial_loss', { kind: 'field', field: 'severity', value: `financialLossUsd=${severity.financialLossUsd}`, supports: 'financial_loss', weight: 1 });
  }
  if (redLines.some((result) => result.flag === 'deception_of_overseers')) {
    add('deceptive_behaviour', { kind: 'field', field: 'redLineFlags', value: 'deception_of_overseers', supports: 'deceptive_behaviour', weight: 1 });
  }
  if (redLines.some((result) => result.flag === 'autonomous_cyberattack')) {
    add('cyberattack', { kind: 'field', field: 'redLineFlags', value: 'autonomous_cyberattack', supports: 'cyberattack', weight: 1 });
  }
  return HARM_TYPES.flatMap((type) => {
    const items = evidence.get(type);
    return items === undefined ? [] : [{ type, evidence: items }];
  });
}

/** Money amounts above this (USD) make the severity at least `severe`; EU AI Act "serious harm to property". */
export const SEVERE_LOSS_USD = 1_000_000;
/** ... above this, `critical`. */
export const CRITICAL_LOSS_USD = 100_000_000;
/** ... above this, at least `moderate`. */
export const MODERATE_LOSS_USD = 10_000;
/** Harm types that, when harm occurred, make an incident at least `moderate`. */
const MODERATE_HARMS: ReadonlySet<HarmType> = new Set([
  'discrimination',
  'fundamental_rights_violation',
  'privacy_infringement',
  'cyberattack',
  'critical_infrastructure_disruption',
  'physical_harm',
  'financial_loss',
  'human_machine_relationship_disorder',
]);

interface SeverityContext {
  fields: readonly NormalizedField[];
  matches: readonly FacetMatch[];
  redLines: readonly RedLineResult[];
  magnitude: Magnitude | Undetermined;
  oecd: OecdEventType | Undetermined;
  describesIncident: boolean;
  /** Whether the filing is about fiction (`reportsFiction`); absent = not. */
  fictionReport?: () => boolean;
}

/**
 * The dangerous-instructions cues that count (0.8.0): an `instructions` cue (a jailbreak, a recipe, step-by-step
 * instructions, 越狱, 步骤, 配方) and a `conventional` weapon or drug cue (explosives, napalm, methamphetamine, 炸药, 冰毒),
 * each neither negated nor refused ("refused to provide bomb-making instructions") nor in fiction; empty unless both
 * kinds count. The conventional cues first.
 */
function dangerousInstructions(matches: readonly FacetMatch[], fictionReport: () => boolean): FacetMatch[] {
  const uplift = byGroup(matches, 'uplift');
  if (!uplift.some((match) => match.entry.facets.uplift === 'conventional')) return [];
  const counting = uplift.filter((match) => !isNegated(contextOf(match.source), match.span) && !inFiction(match.source, match.span, fictionReport));
  const conventional = counting.filter((match) => match.entry.facets.uplift === 'conventional');
  const instructions = counting.filter((match) => match.entry.facets.uplift === 'instructions');
  return conventional.length === 0 || instructions.length === 0 ? [] : [...conventional, ...instructions];
}

/**
 * Severity rule, first that applies:
 * critical — ≥ 2 deaths, ≥ 100 injured, a loss ≥ CRITICAL_LOSS_USD, any red-line flag, or magnitude existential;
 * severe — 1 death, any injury, a loss ≥ SEVERE_LOSS_USD, or a widespread harm;
 * moderate — a loss ≥ MODERATE_LOSS_USD, or harm occurred (OECD not hazard) of a type in MODERATE_HARMS, or (0.8.0) a
 *   model handed over, or was made to hand over, instructions for a conventional weapon, explosive or illegal drug
 *   (`dangerousInstructions`): "real harm to people" on the product's scale (taxonomy-vocabulary.ts, `moderate`), but not
 *   weapons of mass destruction (TAXONOMY.md, Magnitude: uplift toward biological, chemical, nuclear or radiological
 *   weapons only; LABELLING.md, red-line set 0.4.0: explosives, knives and poisons are conventional), so neither a red
 *   line nor `critical`. CBRN instructions raise `wmd_assistance` (facet-lexicon.ts) and so are critical;
 * minor — any other harm type or a hazard; negligible — an incident text with no harm cue at all;
 * undetermined — nothing to read. Death/injury words without a number count as 1.
 */
export function estimateSeverity(context: SeverityContext, harmTypesFromText: readonly HarmType[]): SeverityResult {
  const casualty = (kind: 'death' | 'injury'): FacetMatch[] => byGroup(context.matches, 'casualty').filter((match) => match.entry.facets.casualty === kind);
  const deathWords = casualty('death');
  const injuryWords = casualty('injury');
  // The number patterns only run when a cue word makes a match possible: they are the costliest regexes.
  const fictionReport = context.fictionReport ?? ((): boolean => false);
  const deathsFound = deathWords.length > 0 ? scan(context.fields, DEATH_PATTERNS, (match) => parseCount(match[1] ?? ''), 'deaths', fictionReport) : [];
  const injuriesFound = injuryWords.length > 0 ? scan(context.fields, INJURY_PATTERNS, (match) => parseCount(match[1] ?? ''), 'injuries', fictionReport) : [];
  const mentionsMoney = harmTypesFromText.includes('financial_loss') && context.fields.some(({ normalized }) => CURRENCY_CUE.test(normalized.text));
  const moneyFound = mentionsMoney ? scan(context.fields, MONEY_PATTERNS, moneyValue, 'financialLossUsd') : [];
  const maxDeaths = largest(deathsFound);
  const maxInjuries = largest(injuriesFound);
  const maxMoney = largest(moneyFound);
  const deaths = maxDeaths?.value ?? (deathWords.length > 0 ? 1 : null);
  const injuries = maxInjuries?.value ?? (injuryWords.length > 0 ? 1 : null);
  // A money amount is a loss only when the text also shows a loss, fraud or damage harm.
  const financialLossUsd = maxMoney !== undefined && harmTypesFromText.includes('financial_loss') ? Math.round(maxMoney.value) : null;
  const widespread = byGroup(context.matches, 'widespread');
  let dangerousCache: FacetMatch[] | undefined;
  const dangerous = (): FacetMatch[] => (dangerousCache ??= dangerousInstructions(context.matches, fictionReport));

  const evidence: Evidence[] = [];
  if (maxDeaths !== undefined) evidence.push(maxDeaths.evidence);
  else evidence.push(...deathWords.slice(0, 2).map((match) => phrase(match, 'deaths')));
  if (maxInjuries !== undefined) evidence.push(maxInjuries.evidence);
  else evidence.push(...injuryWords.slice(0, 2).map((match) => phrase(match, 'injuries')));
  if (financialLossUsd !== null && maxMoney !== undefined) evidence.push(maxMoney.evidence);

  let label: Severity | Undetermined;
  const loss = financialLossUsd ?? 0;
  if ((deaths ?? 0) >= 2 || (injuries ?? 0) >= 100 || loss >= CRITICAL_LOSS_USD || context.redLines.length > 0 || context.magnitude === 'existential') {
    label = 'critical';
    if (context.redLines.length > 0) evidence.push({ kind: 'field', field: 'redLineFlags', value: context.redLines.map((item) => item.flag).join(','), supports: 'critical', weight: 1 });
    if (context.magnitude === 'existential') evidence.push({ kind: 'field', field: 'magnitude', value: 'existential', supports: 'critical', weight: 1 });
  } else if ((deaths ?? 0) >= 1 || (injuries ?? 0) >= 1 || loss >= SEVERE_LOSS_USD || (widespread.length > 0 && harmTypesFromText.length > 0)) {
    label = 'severe';
    evidence.push(...widespread.slice(0, 1).map((match) => phrase(match, 'widespread')));
  } else if (loss >= MODERATE_LOSS_USD || (context.oecd !== 'hazard' && harmTypesFromText.some((type) => MODERATE_HARMS.has(type)))) {
    label = 'moderate';
  } else if (dangerous().length > 0) {
    label = 'moderate';
    evidence.push(...dangerous().slice(0, 2).map((match) => phrase(match, 'dangerous_instructions')));
  } else if (harmTypesFromText.length > 0 || context.oecd === 'hazard') {
    label = 'minor';
  } else {
    label = context.describesIncident ? 'negligible' : UNDETERMINED;
  }
  return { label, deaths, injuries, financialLossUsd, evidence };
}

/** OECD incident versus hazard from the cue scores, decided like an axis (decide-axis.ts). */
export function decideOecd(matches: readonly FacetMatch[]): AxisResult<OecdEventType> {
  const evidence = byGroup(matches, 'oecd').flatMap((match) => {
    const cue = match.entry.facets.oecd;
    return cue === undefined ? [] : [phrase(match, cue.label, cue.weight)];
  });
  return decideAxis(OECD_EVENT_TYPES, evidence);
}

/** The filer's sector when it is a known code; otherwise the sector with the most text cues (media counts half). */
export function decideSector(matches: readonly FacetMatch[], filerSector: unknown): SectorResult {
  if (typeof filerSector === 'string' && (SECTORS as readonly string[]).includes(filerSector)) {
    const field: FieldEvidence = { kind: 'field', field: 'sector', value: filerSector, supports: filerSector, weight: 1 };
    return { label: filerSector as Sector, source: 'filer', evidence: [field] };
  }
  const scores = new Map<Sector, number>();
  const evidence: PhraseEvidence[] = [];
  for (const match of byGroup(matches, 'sector')) {
    const sector = match.entry.facets.sector;
    if (sector === undefined) continue;
    const weight = sector === 'media' ? 0.5 : 1;
    scores.set(sector, (scores.get(sector) ?? 0) + weight);
    evidence.push(phrase(match, sector, weight));
  }
  let best: Sector | undefined;
  for (const sector of SECTORS) {
    const score = scores.get(sector) ?? 0;
    if (score >= 1 && (best === undefined || score > (scores.get(best) ?? 0))) best = sector;
  }
  if (best === undefined) return { label: UNDETERMINED, source: 'none', evidence: [] };
  return { label: best, source: 'text', evidence: evidence.filter((item) => item.supports === best) };
}

const PAPER_PREFERENCE: readonly PaperLifecycleStage[] = ['model_training', 'service_launch', 'content_dissemination', 'content_generation'];
const NIST_OF_PAPER: Record<PaperLifecycleStage, NistLifecycleStage> = {
  model_training: 'development',
  service_launch: 'deployment',
  content_generation: 'operation_and_monitoring',
  content_dissemination: 'operation_and_monitoring',
};

/**
 * Lifecycle stage: the paper stage with the highest cue count (ties in the order training, launch,
 * dissemination, generation: the more specific stage wins); NIST stage `design` on a design cue, else the
 * NIST stage of the paper stage (training → development, launch → deployment, generation and dissemination
 * → operation_and_monitoring).
 */
export function decideLifecycle(matches: readonly FacetMatch[]): LifecycleResult {
  const scores = new Map<string, number>();
  const evidence: PhraseEvidence[] = [];
  for (const match of byGroup(matches, 'stage')) {
    const stage = match.entry.facets.stage;
    if (stage === undefined) continue;
    scores.set(stage, (scores.get(stage) ?? 0) + 1);
    evidence.push(phrase(match, stage));
  }
  let paper: PaperLifecycleStage | Undetermined = UNDETERMINED;
  for (const stage of PAPER_PREFERENCE) {
    const score = scores.get(stage) ?? 0;
    if (score > 0 && (paper === UNDETERMINED || score > (scores.get(paper) ?? 0))) paper = stage;
  }
  const nist: NistLifecycleStage | Undetermined = (scores.get('design') ?? 0) > 0 ? 'design' : paper === UNDETERMINED ? UNDETERMINED : NIST_OF_PAPER[paper];
  const kept = evidence.filter((item) => item.supports === paper || item.supports === nist);
  return { paper, nist, evidence: kept };
}

const DEADLINE: Record<EuAiActCategory, { days: 2 | 10 | 15; basis: string }> = {
  death_or_serious_health_harm: { days: 15, basis: 'Art. 73(2)' },
  critical_infrastructure_disruption: { days: 2, basis: 'Art. 73(3)' },
  fundamental_rights_infringement: { days: 15, basis: 'Art. 73(2)' },
  serious_property_or_environmental_harm: { days: 15, basis: 'Art. 73(2)' },
};

/**
 * EU AI Act Art. 3(49) categories and the Art. 73 deadline. Only for harm that occurred (OECD not `hazard`).
 * (a) deaths or injuries → 10 days if a death (Art. 73(4)), else 15 (Art. 73(2)); (b) critical-infrastructure
 * disruption → 2 days (Art. 73(3)); (c) discrimination, fundamental-rights or privacy harm → 15 days, 2 when
 * the text signals a widespread infringement (Art. 73(3), Art. 3(61)); (d) environmental harm or a loss ≥
 * SEVERE_LOSS_USD → 15 days. The shortest deadline decides `category`.
 */
export function decideEuAiAct(harmTypes: readonly HarmTypeResult[], severity: SeverityResult, oecd: OecdEventType | Undetermined, matches: readonly FacetMatch[]): EuAiActResult {
  const widespreadMatches = byGroup(matches, 'widespread');
  const none: EuAiActResult = { category: null, categories: [], deadlineDays: null, legalBasis: null, widespread: widespreadMatches.length > 0, evidence: [] };
  if (oecd === 'hazard') return none;
  const has = (type: HarmType): HarmTypeResult | undefined => harmTypes.find((item) => item.type === type);
  const found = new Map<EuAiActCategory, { days: 2 | 10 | 15; basis: string; evidence: Evidence[] }>();
  if ((severity.deaths ?? 0) > 0 || (severity.injuries ?? 0) > 0) {
    const death = (severity.deaths ?? 0) > 0;
    found.set('death_or_serious_health_harm', { days: death ? 10 : 15, basis: death ? 'Art. 73(4)' : 'Art. 73(2)', evidence: severity.evidence.filter((item) => item.supports === 'deaths' || item.supports === 'injuries') });
  }
  const infrastructure = has('critical_infrastructure_disruption');
  if (infrastructure !== undefined) found.set('critical_infrastructure_disruption', { ...DEADLINE.critical_infrastructure_disruption, evidence: infrastructure.evidence });
  const rights = ['discrimination', 'fundamental_rights_violation', 'privacy_infringement'].flatMap((type) => has(type as HarmType)?.evidence ?? []);
  if (rights.length > 0) {
    const widespread = widespreadMatches.length > 0;
    found.set('fundamental_rights_infringement', {
      days: widespread ? 2 : 15,
      basis: widespread ? 'Art. 73(3) (widespread infringement, Art. 3(61))' : 'Art. 73(2)',
      evidence: [...rights.slice(0, 3), ...widespreadMatches.slice(0, 1).map((match) => phrase(match, 'widespread'))],
    });
  }
  const environment = has('environmental_harm');
  if (environment !== undefined || (severity.financialLossUsd ?? 0) >= SEVERE_LOSS_USD) {
    found.set('serious_property_or_environmental_harm', {
      ...DEADLINE.serious_property_or_environmental_harm,
      evidence: [...(environment?.evidence ?? []), ...severity.evidence.filter((item) => item.supports === 'financialLossUsd')],
    });
  }
  const categories = EU_AI_ACT_CATEGORIES.filter((category) => found.has(category)).sort(
    (a, b) => (found.get(a)?.days ?? 15) - (found.get(b)?.days ?? 15),
  );
  const first = categories[0];
  if (first === undefined) return none;
  const chosen = found.get(first);
  return {
    category: first,
    categories,
    deadlineDays: chosen?.days ?? null,
    legalBasis: chosen?.basis ?? null,
    widespread: widespreadMatches.length > 0,
    evidence: chosen?.evidence ?? [],
  };
}

/** Urgency rule (TAXONOMY_VOCABULARY.urgencyRule): red line or existential → flash; severe/critical or a death → priority; else routine. */
export function decideUrgency(redLines: readonly RedLineResult[], magnitude: Magnitude | Undetermined, severity: SeverityResult): UrgencyResult {
  if (redLines.length > 0) return { label: 'flash', reason: 'red_line' };
  if (magnitude === 'existential') return { label: 'flash', reason: 'existential' };
  if (severity.label === 'severe' || severity.label === 'critical') return { label: 'priority', reason: 'severity' };
  if ((severity.deaths ?? 0) > 0) return { label: 'priority', reason: 'death' };
  return { label: 'routine', reason: 'default' };
}
