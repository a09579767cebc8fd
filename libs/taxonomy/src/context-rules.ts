import { FACET_LEXICON, type FacetEntry } from './facet-lexicon.js';
import { compileTerm, type LexiconMatch } from './match-lexicon.js';

/**
 * Structural rules of classifier 0.6.0: where a lexicon match stands in its sentence, not just whether it occurs.
 * All of them read the normalised text of one field (normalize-text.ts) and the context cues of the facet lexicon
 * (facet-lexicon.ts, `context`), which the single matching pass already found, so they add no pass over the text.
 *
 * - negation: a cue ("no", "not", "never", "no evidence of", 没有, 并未, 从未, 否认, 未发现, 未见, 并无) ending at most NEGATION_WORDS
 *   words (English) or NEGATION_HAN characters (Chinese) before the match, in the same clause;
 * - refusal (0.8.0): a refusal or failed-attempt cue ("refused to provide", "could not obtain", 拒绝提供, 未能获得) anywhere
 *   before the match in the same clause negates it, however long the object phrase between them, unless a coordinated
 *   verb phrase starts between them ("and", "but", "then", 并, 但, 然后: "refused to provide … and then copied itself");
 * - refused request (0.8.1, `isRefusedRequest`): the match is what a person asked for ("asked the chatbot for … sarin",
 *   索要) and the model refused it in that sentence or the next ("the model refused", 模型拒绝提供), not undone later;
 * - fiction: an entertainment-media cue (video game, film, novel, 游戏, 电影, 小说) in the same sentence. Tests and
 *   evaluations are NOT fiction: an agent that hacks during an evaluation is a precursor (LABELLING.md);
 * - fiction frame (0.8.0): a narrower cue that puts the AI inside the story ("in the film", "game AI", "sci-fi", NPC,
 *   电影中, 游戏中, 科幻, 剧情) in the same sentence, or opening the field (`opensWithFiction`: its first sentence). Both
 *   fiction rules yield to a real-world cue in the same sentence: a real person or organisation of the industry (voice
 *   actor, studio, 演员, 公司), real personal data or a lawsuit, or an experiment (reinforcement learning, 强化学习);
 * - target: the AI is what was acted on, not the actor: a human actor (researchers, hackers, attackers, 黑客) is the
 *   nearest actor before the match and an AI noun follows it in the sentence, with no AI or autonomy cue between the
 *   human and the match ("researchers break out of the Copilot sandbox", "a hacker compromised the AI bot"); or the
 *   match is passive right after an AI noun ("the agent was hacked", 智能体遭到攻击);
 * - AI subject: an AI noun (agent, model, bot, chatbot, Claude, 智能体, 模型) is the grammatical subject of the matched
 *   verb: English — the AI noun directly before a finite verb form (-s, -ed), at most one adverb between ("AI agent
 *   blackmails", "the model then lied"); Chinese — the AI noun at most AI_SUBJECT_HAN characters before it, with no human
 *   actor between: only an adverb or a short topic phrase may separate them (智能体擅自删除, 机器人就内幕交易撒谎), and a verb that starts a noun (勒索软件) does not count.
 *
 * - comparison (0.8.1): a fiction or fiction-frame cue inside a comparison ("reminiscent of the film", "like in a
 *   sci-fi movie", 如同科幻电影, 电影般) is no cue: the sentence reports a real event that resembles a story (`notCompared`).
 *   Since 0.8.2 the compared cue is fiction for its own clause only ("as in the video game 'X', an agent copied its
 *   weights" keeps the main clause real), and "unlike", 不同于 are comparison cues;
 * - undone refusal (0.8.2, `isUndone`): a later turn plus a hand-over of the know-how ("then provided them anyway",
 *   但随后给出了详细的合成路线) undoes a refusal; a hand-over of something else ("a list of hotlines") does not;
 * - hypothetical (0.8.2, `isHypothetical`): a yes/no question or an if/如果 clause reports no weapon uplift.
 *
 * Sentences end at . ! ? ; (a period only before a space or the end), 。！？； and line breaks; clauses also at , : —
 * and ，、：. Scans are bounded by MAX_CONTEXT_CHARS, so every rule is O(1) per match. Deterministic and pure.
 */
export const NEGATION_WORDS = 3;
export const NEGATION_HAN = 3;
export const AI_SUBJECT_HAN = 10;
export const MAX_CONTEXT_CHARS = 400;

/** The context cues of one field, by kind, each sorted by start (offsets in the normalised text). */
export interface FieldContext {
  readonly text: string;
  readonly negation: readonly LexiconMatch<FacetEntry>[];
  readonly refusal: readonly LexiconMatch<FacetEntry>[];
  /** Request cues and refusal verbs of the refused-request rule (0.8.1). */
  readonly request: readonly LexiconMatch<FacetEntry>[];
  readonly refused: readonly LexiconMatch<FacetEntry>[];
  readonly fiction: readonly LexiconMatch<FacetEntry>[];
  readonly fictionFrame: readonly LexiconMatch<FacetEntry>[];
  /** Fiction and fiction-frame cues inside a comparison (0.8.1 `notCompared`): fiction for their own clause only (0.8.2). */
  readonly compared: readonly LexiconMatch<FacetEntry>[];
  readonly realWorld: readonly LexiconMatch<FacetEntry>[];
  readonly humanActor: readonly LexiconMatch<FacetEntry>[];
  readonly aiActor: readonly LexiconMatch<FacetEntry>[];
  readonly passive: readonly LexiconMatch<FacetEntry>[];
  readonly vulnerability: readonly LexiconMatch<FacetEntry>[];
  /** Autonomy cues (facet `autonomy`): count as AI presence between a human actor and the match. */
  readonly autonomy: readonly LexiconMatch<FacetEntry>[];
}

/** A span in the normalised text of a field. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Builds the context of one field from the facet matches of the context groups. */
export function fieldContext(text: string, contextMatches: readonly LexiconMatch<FacetEntry>[], autonomy: readonly LexiconMatch<FacetEntry>[]): FieldContext {
  const of = (kind: string): LexiconMatch<FacetEntry>[] => contextMatches.filter((match) => match.entry.facets.context === kind);
  const comparison = of('comparison');
  const fiction = notCompared(text, of('fiction'), comparison);
  const fictionFrame = notCompared(text, of('fiction_frame'), comparison);
  const compared = [...of('fiction'), ...of('fiction_frame')].filter((cue) => !fiction.includes(cue) && !fictionFrame.includes(cue)).sort((a, b) => a.start - b.start);
  return {
    text,
    negation: of('negation'),
    refusal: of('refusal'),
    request: of('request'),
    refused: of('refused'),
    fiction,
    fictionFrame,
    compared,
    realWorld: of('real_world'),
    humanActor: of('human_actor'),
    aiActor: of('ai_actor'),
    passive: of('passive'),
    vulnerability: of('vulnerability'),
    autonomy,
  };
}

const HAN = /\p{Script=Han}/u;
// Chinese comparison after the cue: 电影般的场景, 像电影里一样 (a few characters may stand between).
const HAN_COMPARED_AFTER = /^[\p{Script=Han}]{0,6}?(?:般|一样|一般|似的)/u;

/**
 * The fiction cues that are not part of a comparison (0.8.1): a cue with a comparison cue ("reminiscent of", "like",
 * "straight out of", 如同, 像, 仿佛, 犹如) before it in its clause, or 般/一样/似的 right after it (电影般的), names what a
 * real event resembles, not a story the event happens in. TAXONOMY.md defines the axes on harm that arose: "in a scene
 * reminiscent of the film Terminator, the agent deceived its overseers" reports a real deception.
 */
function notCompared(text: string, cues: LexiconMatch<FacetEntry>[], comparison: readonly LexiconMatch<FacetEntry>[]): LexiconMatch<FacetEntry>[] {
  if (cues.length === 0) return cues;
  return cues.filter((cue) => {
    if (HAN.test(text.charAt(cue.end - 1)) && HAN_COMPARED_AFTER.test(text.slice(cue.end, cue.end + 8))) return false;
    if (comparison.length === 0) return true;
    const clauseStart = unitStart(text, cue.start, true);
    // Since 0.8.2 the comparison cue may overlap the fiction cue: "as in the video game" holds "in the video game".
    return !comparison.some((other) => other.start >= clauseStart && other.start < cue.start);
  });
}
// Code units that end a sentence (! ? ; 。！？； line break) and, in addition, a clause (: , ：，、 —).
const SENTENCE_END_UNITS = [0x21, 0x3f, 0x3b, 0x3002, 0xff01, 0xff1f, 0xff1b, 0x0a];
const CLAUSE_END_UNITS = [...SENTENCE_END_UNITS, 0x3a, 0x2c, 0xff1a, 0xff0c, 0x3001, 0x2014];
// Per code unit: bit 1 ends a sentence, bit 2 ends a clause (the scans below test every unit of up to 400 per rule).
const SENTENCE_END = 1;
const CLAUSE_END = 2;
const BREAKS = new Uint8Array(0x10000);
for (const unit of SENTENCE_END_UNITS) BREAKS[unit] = SENTENCE_END;
for (const unit of CLAUSE_END_UNITS) BREAKS[unit] = (BREAKS[unit] ?? 0) | CLAUSE_END;

function isSentenceBreak(text: string, at: number, clause: boolean): boolean {
  const code = text.charCodeAt(at);
  if (code === 0x2e) {
    const next = text.charCodeAt(at + 1);
    return Number.isNaN(next) || next === 0x20;
  }
  if (clause && code === 0x2d && text.charCodeAt(at - 1) === 0x20 && text.charCodeAt(at + 1) === 0x20) return true;
  return ((BREAKS[code] ?? 0) & (clause ? CLAUSE_END : SENTENCE_END)) !== 0;
}

// The AI-actor cues of the facet lexicon, for the cheap test `mayHaveAiSubject`: Latin words (exact, or a prefix for a
// term ending in `*`) and Han terms.
const AI_ACTOR_TERMS = FACET_LEXICON.filter((entry) => entry.facets.context === 'ai_actor').flatMap((entry) => entry.terms);
const AI_ACTOR_WORDS: ReadonlySet<string> = new Set(AI_ACTOR_TERMS.filter((term) => !term.endsWith('*') && !HAN.test(term)));
const AI_ACTOR_PREFIXES: readonly string[] = AI_ACTOR_TERMS.filter((term) => term.endsWith('*')).map((term) => term.slice(0, -1));
const AI_ACTOR_HAN: readonly string[] = AI_ACTOR_TERMS.filter((term) => HAN.test(term));
/** Code units before a Chinese match that `mayHaveAiSubject` reads. */
export const AI_SUBJECT_WINDOW = AI_SUBJECT_HAN + 6;

function isAiWord(word: string): boolean {
  return AI_ACTOR_WORDS.has(word) || AI_ACTOR_PREFIXES.some((prefix) => word.startsWith(prefix));
}

/**
 * A cheap test before `hasAiSubject`, on the normalised text alone: whether an AI-actor cue ends close enough before
 * `start` to be the subject (English: one of the two words before it; Chinese: within AI_SUBJECT_WINDOW code units).
 * When it does not, no subject rule can apply and the field's context pass is not needed.
 */
export function mayHaveAiSubject(text: string, start: number): boolean {
  if (HAN.test(text.charAt(start))) {
    const window = text.slice(Math.max(0, start - AI_SUBJECT_WINDOW), start);
    return AI_ACTOR_HAN.some((term) => window.includes(term)) || /ai|bot|gpt|llm|claude|gemini|copilot|grok/u.test(window);
  }
  // The two space-separated words before `start`, read backwards without splitting the text.
  let end = start - 1;
  for (let word = 0; word < 2; word += 1) {
    while (end >= 0 && text.charCodeAt(end) === 0x20) end -= 1;
    let begin = end;
    while (begin >= 0 && text.charCodeAt(begin) !== 0x20 && end - begin < 24) begin -= 1;
    if (end < 0 || begin === end) return false;
    if (isAiWord(text.slice(begin + 1, end + 1))) return true;
    end = begin;
  }
  return false;
}

/** Start of the sentence (or clause) that contains offset `at`, at most MAX_CONTEXT_CHARS back. */
export function unitStart(text: string, at: number, clause = false): number {
  const limit = Math.max(0, at - MAX_CONTEXT_CHARS);
  for (let index = at - 1; index >= limit; index -= 1) if (isSentenceBreak(text, index, clause)) return index + 1;
  return limit;
}

/** End of the sentence (or clause) that contains offset `at`, at most MAX_CONTEXT_CHARS ahead. */
export function unitEnd(text: string, at: number, clause = false): number {
  const limit = Math.min(text.length, at + MAX_CONTEXT_CHARS);
  for (let index = at; index < limit; index += 1) if (isSentenceBreak(text, index, clause)) return index;
  return limit;
}

function wordsBetween(text: string, from: number, to: number): number {
  const gap = text.slice(from, to).trim();
  return gap === '' ? 0 : gap.split(/\s+/u).length;
}

function lastBefore(cues: readonly Span[], from: number, to: number): Span | undefined {
  let found: Span | undefined;
  for (const cue of cues) {
    if (cue.start >= to) break;
    if (cue.start >= from && cue.end <= to) found = cue;
  }
  return found;
}

function anyWithin(cues: readonly Span[], from: number, to: number, except?: Span): boolean {
  for (const cue of cues) {
    if (cue.start >= to) break;
    if (cue.start >= from && cue.end <= to && cue !== except) return true;
  }
  return false;
}

// A refusal's scope ends where a coordinated verb phrase begins: "refused to stop and then copied itself" reports an act.
const NEXT_ACT = /\s(?:and|but|then|yet|instead|before|after)\s|并|但|却|然后|随后|而是|之后|后来/u;

/**
 * The match is negated: a negation cue ends shortly before it, or a refusal cue anywhere before it, in the same clause;
 * or (0.8.1) it is the object of a refused request (`isRefusedRequest`).
 */
export function isNegated(context: FieldContext, match: Span): boolean {
  const { text } = context;
  const clauseStart = unitStart(text, match.start, true);
  const refusal = lastBefore(context.refusal, clauseStart, match.start);
  if (refusal !== undefined && !NEXT_ACT.test(text.slice(refusal.end, match.start)) && !isUndone(text, match.end)) return true;
  if (isRefusedRequest(context, match, clauseStart)) return true;
  const cue = lastBefore(context.negation, clauseStart, match.start);
  if (cue === undefined) return false;
  const gap = text.slice(cue.end, match.start);
  if (HAN.test(text.charAt(match.start)) && !/[a-z]/u.test(gap)) return gap.replace(/\s/gu, '').length <= NEGATION_HAN;
  return wordsBetween(text, cue.end, match.start) <= NEGATION_WORDS;
}

// What undoes a refusal after it (0.8.2): a turn ("but", "then", "later", "after", "when … rephrased", 但随后, 后来, 之后)
// followed by a verb of handing over whose object is the weapon's know-how or stands for it ("provided them", "gave a
// detailed route", "provided step-by-step instructions", 给出了详细的合成路线). "Refused at first but then provided a list
// of poison-control hotlines" hands over nothing of the weapon, so the refusal stands.
const UNDOING_EN = /\b(?:but|however|eventually|later|then|after|afterwards|until|yet|nevertheless|still|finally|anyway|when|once)\b[^.;!?]{0,120}?\b(?:provided|provides|gave|gives|given|generated|explained|listed|produced|wrote|described|detailed|supplied|shared|output|obtained|got|extracted|revealed)(?:\s[\w-]+){0,3}?\s(?:instructions|instruction|steps|step-by-step|route|routes|recipe|recipes|protocol|protocols|synthesis|procedure|method|them|it)\b/u;
const UNDOING_HAN = /(?:但|却|后来|随后|最终|然后|之后|不过|仍然|终于)[^。！？；]{0,30}?(?:提供了|给出了|生成了|写出了|解释了|列出了|透露了|提供|给出)[^。！？；，]{0,10}?(?:路线|步骤|方法|配方|说明|流程)/u;

/** A refusal before `from` is undone in the rest of its sentence or the next one (`UNDOING_EN`, `UNDOING_HAN`, 0.8.2). */
function isUndone(text: string, from: number): boolean {
  const sentenceEnd = unitEnd(text, from);
  const to = sentenceEnd < text.length ? unitEnd(text, sentenceEnd + 1) : sentenceEnd;
  const after = text.slice(from, to);
  return UNDOING_EN.test(after) || UNDOING_HAN.test(after);
}
// A pronoun right before the refusal verb stands for the model the request named ("it refused", 它拒绝).
const PRONOUN_SUBJECT = /(?:^|\s)it\s*$|它\s*$/u;

/**
 * A refused request (0.8.1): the match is the object of a request and the model refused it. Either a request cue
 * ("asked the chatbot for", "requested", "tried to obtain", 索要, 请求) stands before the match in its clause and a refusal
 * verb whose subject is the model ("the model refused", "it declined", 模型拒绝提供) stands in the match's sentence or the
 * next one, with no verb of handing over ("provided", "gave", 提供了, 给出了) between the match and a later refusal; or, as
 * in a headline, the model's refusal verb stands before the match and a request cue after it in the clause ("Chatbot
 * refuses sarin request"). In both, nothing after the refusal, to the end of the sentence that follows it, may undo it
 * ("but then", "later", 但随后). "A user asked the chatbot for a synthesis route for sarin; the model refused to provide
 * it" reports an attempt, not uplift: TAXONOMY.md (Magnitude) counts uplift toward a weapon, which a refused request
 * does not give, and LABELLING.md §1 records a red line only where the text shows the behaviour. The refusal's subject
 * is the nearest actor cue before it in its clause (an AI noun, not a person), or "it"/它 right before it; a refusal
 * without a subject ("the request was refused") does not count.
 */
export function isRefusedRequest(context: FieldContext, match: Span, clauseStart = unitStart(context.text, match.start, true)): boolean {
  if (context.request.length === 0 || (context.refused.length === 0 && context.refusal.length === 0)) return false;
  const { text } = context;
  const requestBefore = lastBefore(context.request, clauseStart, match.start) !== undefined;
  const clauseEnd = unitEnd(text, match.end, true);
  const requestAfter = !requestBefore && anyWithin(context.request, match.end, clauseEnd);
  if (!requestBefore && !requestAfter) return false;
  const sentenceStart = unitStart(text, match.start);
  const sentenceEnd = unitEnd(text, match.end);
  const nextEnd = sentenceEnd < text.length ? unitEnd(text, sentenceEnd + 1) : sentenceEnd;
  const [from, to] = requestBefore ? [sentenceStart, nextEnd] : [clauseStart, match.start];
  const refusals = [...context.refused, ...context.refusal].filter((cue) => cue.start >= from && cue.end <= to && (cue.end <= match.start || cue.start >= match.end));
  return refusals.some((cue) => {
    if (!isModelSubject(context, cue)) return false;
    if (cue.start >= match.end && HANDED_OVER.test(text.slice(match.end, cue.start))) return false;
    return !isUndone(text, cue.end);
  });
}

// A verb of handing over between the requested thing and a later refusal: the model gave it, then refused something else.
const HANDED_OVER = /\b(?:provided|provides|gave|gives|given|generated|explained|listed|produced|wrote|described|detailed|supplied|shared|output)\b|提供了|给出了|生成了|写出了|解释了|列出了/u;

function isModelSubject(context: FieldContext, cue: Span): boolean {
  const { text } = context;
  const clauseStart = unitStart(text, cue.start, true);
  if (PRONOUN_SUBJECT.test(text.slice(clauseStart, cue.start))) return true;
  const ai = lastBefore(context.aiActor, clauseStart, cue.start);
  if (ai === undefined) return false;
  return !anyWithin(context.humanActor, ai.end, cue.start);
}

/**
 * The match is in a sentence about a game, film or novel (a fiction or fiction-frame cue) that names nothing real
 * (`isAnchored`).
 */
export function isFictional(context: FieldContext, match: Span): boolean {
  const { text } = context;
  const [start, end] = [unitStart(text, match.start), unitEnd(text, match.end)];
  // A comparison clause that names a work ("as in the video game 'X'", 不同于游戏《X》) is its own frame (0.8.2): what it
  // tells is the story, while the main clause reports real events.
  if (context.compared.length > 0 && anyWithin(context.compared, unitStart(text, match.start, true), unitEnd(text, match.end, true))) return true;
  return (anyWithin(context.fiction, start, end) || anyWithin(context.fictionFrame, start, end)) && !anyWithin(context.realWorld, start, end);
}

/** The match is in a sentence that puts the AI inside a story (a fiction-frame cue) and names nothing real (0.8.0). */
export function isFictionFramed(context: FieldContext, match: Span): boolean {
  const { text } = context;
  const [start, end] = [unitStart(text, match.start), unitEnd(text, match.end)];
  return anyWithin(context.fictionFrame, start, end) && !anyWithin(context.realWorld, start, end);
}

/** The sentence of the match names a real person, organisation, data, lawsuit or experiment (a real-world cue, 0.8.0). */
export function isAnchored(context: FieldContext, match: Span): boolean {
  const { text } = context;
  return anyWithin(context.realWorld, unitStart(text, match.start), unitEnd(text, match.end));
}

/** The field opens with a fiction frame: its first sentence has a fiction-frame cue and no real-world cue (0.8.0). */
export function opensWithFiction(context: FieldContext): boolean {
  const end = unitEnd(context.text, 0);
  return anyWithin(context.fictionFrame, 0, end) && !anyWithin(context.realWorld, 0, end);
}

// A yes/no question opens with a modal ("Can chatbots give out sarin routes?"); a conditional clause with if/如果.
const MODAL_QUESTION = /^\s*(?:can|could|would|will|should|might|may)\s/u;
const HAN_QUESTION_END = /吗\s*$/u;
const CONDITIONAL_CLAUSE = /^\s*(?:if|even if|suppose|supposing)\s|^\s*(?:如果|假如|倘若|要是|假设|若)/u;

/**
 * The match is asked about or supposed, not reported (0.8.2): its sentence is a yes/no question ("Can chatbots give out
 * sarin synthesis routes?": it opens with a modal and ends with ?, or ends with 吗？), or its clause is a conditional ("If
 * a model gave a detailed sarin route, it would be catastrophic", 如果模型给出了…). LABELLING.md §1 records a red line only
 * where the text shows the behaviour. For weapons of mass destruction only (classify-facets.ts `countsInContext`).
 */
export function isHypothetical(context: FieldContext, match: Span): boolean {
  const { text } = context;
  const end = unitEnd(text, match.end);
  const sentence = text.slice(unitStart(text, match.start), end);
  const mark = text.charAt(end);
  if ((mark === '?' || mark === '\uff1f') && (MODAL_QUESTION.test(sentence) || HAN_QUESTION_END.test(sentence))) return true;
  return CONDITIONAL_CLAUSE.test(text.slice(unitStart(text, match.start, true), match.start));
}

// ── Work titles (0.8.1) ──
// Nouns that name a work of fiction or a game; "series" and "show" are left out ("tests show", "a series of attacks").
const MEDIA_NOUN = String.raw`(?:video ?games?|games?|films?|movies?|novels?|franchise|tv series|tv show|游戏|电影|小说|影片|电视剧)`;
const MEDIA_BEFORE_QUOTE = new RegExp(String.raw`${MEDIA_NOUN}\s?(?:called |titled |named |,\s?)?$`, 'u');
const MEDIA_AFTER_QUOTE = new RegExp(String.raw`^\s?${MEDIA_NOUN}(?![a-z])`, 'u');
const MEDIA_WORD = new RegExp(String.raw`(?<![a-z])${MEDIA_NOUN}(?![a-z])`, 'gu');
const MEDIA_HINT = /game|film|movie|novel|franchise|游戏|电影|小说|影片|电视剧/u;
// Words that end an unquoted title: articles, prepositions, pronouns, auxiliaries, conjunctions.
const TITLE_STOP = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'in', 'on', 'at', 'of', 'for', 'to', 'from', 'by', 'with', 'as', 'into', 'about', 'during', 'and', 'or', 'but', 'is', 'are', 'was', 'were', 'be', 'been', 'has', 'have', 'had', 'it', 'new', 'popular', 'online', 'mobile', 'whose', 'which', 'who', 'where']);
const MAX_TITLE_WORDS = 4;
const MAX_TITLE_CHARS = 80;
/** A work's title; `quoted` when it stands in quotes or title marks, not when it is bare words next to a media noun. */
export interface TitleSpan extends Span {
  readonly quoted: boolean;
}
const QUOTES: ReadonlyMap<string, string> = new Map([['"', '"'], ["'", "'"], ['《', '》'], ['「', '」'], ['『', '』']]);

/**
 * The titles of works of fiction and games in normalised `text` (0.8.1): a name is not a report of what an AI did, so
 * the lexicon matches inside it do not count (field-matches.ts `matchField`). "Hackers breached the studio making the
 * game 'Rogue AI Uprising'" reports a breach by people, not a rogue AI; "Rogue AI game leaks user chats" a leak by a game.
 * A title is: a quoted name (' " 《》 「」 『』, up to MAX_TITLE_CHARS, one sentence) right after a media noun (game, film, movie, novel, franchise, 游戏, 电影, 小说; "called"/"titled" may stand between) or right before one
 * ("'Rogue AI' game"); or, unquoted in English, up to MAX_TITLE_WORDS words right before a media noun ("rogue AI game") or
 * right after "the game/film/movie/novel" ("the game rogue AI uprising"), none of them an article, preposition, pronoun
 * or auxiliary (TITLE_STOP) or a word that looks like a finite verb or a plural (-s, -ed: "hackers hacked game servers"
 * names no title). Source: TAXONOMY.md defines every axis on harm that arose; a work's name is none. Unquoted Chinese
 * titles are not recognised (no word boundaries to tell "失控AI游戏" from "智能体入侵游戏服务器"). Sorted by start; linear.
 */
export function workTitleSpans(text: string): TitleSpan[] {
  if (!MEDIA_HINT.test(text)) return [];
  const spans: TitleSpan[] = [];
  // Quoted titles.
  for (let open = 0; open < text.length; open += 1) {
    const close = QUOTES.get(text.charAt(open));
    if (close === undefined) continue;
    const latinQuote = close === '"' || close === "'";
    // An apostrophe inside a word ("user's", "players'") opens nothing.
    if (close === "'" && open > 0 && /[\p{L}\p{N}]/u.test(text.charAt(open - 1))) continue;
    const limit = Math.min(text.length, open + 1 + MAX_TITLE_CHARS);
    let end = open + 1;
    while (end < limit && text.charAt(end) !== close && !isSentenceBreak(text, end, false)) end += 1;
    if (end >= limit || text.charAt(end) !== close || end === open + 1) continue;
    if (close === "'" && /[\p{L}\p{N}]/u.test(text.charAt(end + 1))) continue;
    const named = MEDIA_BEFORE_QUOTE.test(text.slice(Math.max(0, open - 24), open)) || MEDIA_AFTER_QUOTE.test(text.slice(end + 1, end + 14));
    if (named) spans.push({ start: open + 1, end, quoted: true });
    if (latinQuote || named) open = end;
  }
  // Unquoted English titles around a media noun.
  for (const media of text.matchAll(MEDIA_WORD)) {
    const at = media.index;
    if (HAN.test(media[0].charAt(0))) continue;
    const before = titleWords(text, at, -1);
    if (before !== undefined) spans.push(before);
    if (/(?:^|\s)the\s$/u.test(text.slice(Math.max(0, at - 5), at))) {
      const after = titleWords(text, at + media[0].length, 1);
      if (after !== undefined) spans.push(after);
    }
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

// Up to MAX_TITLE_WORDS title words next to offset `from` (before it for direction −1, after it for +1), or undefined.
function titleWords(text: string, from: number, direction: -1 | 1): TitleSpan | undefined {
  let edge = from;
  let inner = from;
  for (let count = 0; count < MAX_TITLE_WORDS; count += 1) {
    if (text.charAt(direction < 0 ? edge - 1 : edge) !== ' ') break;
    const wordStart = direction < 0 ? edge - 2 : edge + 1;
    let wordEnd = wordStart;
    while (wordEnd >= 0 && wordEnd < text.length && /[a-z0-9'-]/u.test(text.charAt(wordEnd))) wordEnd += direction;
    const word = direction < 0 ? text.slice(wordEnd + 1, wordStart + 1) : text.slice(wordStart, wordEnd);
    if (word === '' || TITLE_STOP.has(word) || /(?:[^s']s|ed)$/u.test(word)) break;
    edge = direction < 0 ? wordEnd + 1 : wordEnd;
    inner = edge;
  }
  if (inner === from) return undefined;
  return direction < 0 ? { start: inner, end: from - 1, quoted: false } : { start: from + 1, end: inner, quoted: false };
}

// Adverbs that may stand between an English subject and its verb.
const ADVERB = /^(?:then|also|reportedly|allegedly|autonomously|repeatedly|later|itself|themselves|apparently|even|still|again|then also)$/u;
const PASSIVE_GAP = /^\s*$/u;

/** The AI is the target of the matched act (see the module comment). */
export function isAiTarget(context: FieldContext, match: Span): boolean {
  const { text } = context;
  const start = unitStart(text, match.start);
  const end = unitEnd(text, match.end);
  // Passive right after an AI noun: "the agent was hacked", 智能体遭到攻击.
  const passive = lastBefore(context.passive, start, match.start);
  if (passive !== undefined && PASSIVE_GAP.test(text.slice(passive.end, match.start)) && isParticiple(text, match)) {
    const subject = lastBefore(context.aiActor, start, passive.start);
    if (subject !== undefined && !anyWithin(context.humanActor, subject.end, passive.start)) return true;
  }
  const human = lastBefore(context.humanActor, start, match.start);
  if (human === undefined) return false;
  if (anyWithin(context.aiActor, human.end, match.start) || anyWithin(context.autonomy, human.end, match.start)) return false;
  return anyWithin(context.aiActor, match.end, end) || anyWithin(context.autonomy, match.end, end);
}

function firstWord(text: string, match: Span): string {
  return text.slice(match.start, match.end).split(/[\s-]/u)[0] ?? '';
}

// A passive needs a participle: "was hacked", "were compromised", 被入侵; not "is hacking".
function isParticiple(text: string, match: Span): boolean {
  const last = text.charAt(match.end - 1);
  if (HAN.test(last) || HAN.test(text.charAt(match.start))) return true;
  return /(?:ed|en|wn)$/u.test(firstWord(text, match));
}

const VULNERABILITY_PATTERN = new RegExp(
  FACET_LEXICON.filter((entry) => entry.facets.context === 'vulnerability')
    .flatMap((entry) => entry.terms)
    .map((term) => `(?:${compileTerm(term).source})`)
    .join('|'),
  'u',
);

/**
 * The filing reports a software vulnerability (a CVE number, exploit code, a zero-day, privilege escalation): then a
 * containment term ("sandbox escape") names the exploit of a bug by people, not an AI leaving its containment.
 * `texts` are the normalised fields; callers ask only when a containment term matched.
 */
export function isVulnerabilityReport(texts: readonly string[]): boolean {
  return texts.some((text) => VULNERABILITY_PATTERN.test(text));
}

/**
 * An AI noun directly before an intrusion noun or gerund names the AI as the object: "any agent compromise", "model
 * hijacking" (English only; a finite verb after the AI noun is an act of the AI: "agent hacked").
 */
export function isAiObjectCompound(context: FieldContext, match: Span): boolean {
  const { text } = context;
  if (HAN.test(text.charAt(match.start))) return false;
  const before = lastBefore(context.aiActor, unitStart(text, match.start, true), match.start);
  return before !== undefined && text.slice(before.end, match.start).trim() === '' && !FINITE_VERB.test(firstWord(text, match));
}

/** The match lies inside an actor noun ("hackers" under the intrusion term `hack*`, 攻击 in 攻击者): a person, not an act. */
export function isActorNoun(context: FieldContext, match: Span): boolean {
  return context.humanActor.some((cue) => cue.start <= match.start && cue.end >= match.end);
}

// Human actors whose presence before an act makes it theirs, whatever AI they used ("a hacker used an agent to wipe …").
const HOSTILE_ACTOR = /hacker|attacker|threat actor|criminal|scammer|fraudster|黑客|攻击者|犯罪|诈骗|骗子/u;
// A passive right before the act makes the AI its patient: "the AI-generated video was deleted", 被删除.
// An article right before it makes a participle an adjective: "found in a deleted folder".
const PASSIVE_BEFORE = /(?:\s(?:was|were|been|being|got|a|an|the)\s*|被|遭)$/u;

/**
 * An AI is the actor of the matched act (0.8.1; for lexicon entries with `onlyWithAiActor`): an AI-actor or autonomy cue
 * ("agent", "model", "autonomous", 智能体) stands before the match in its sentence, the nearest actor cue before the match
 * is that AI and not a person (researchers, users, 用户), no hostile actor (hacker, attacker, criminal, 黑客) stands before
 * it in the sentence, and the match is not passive ("was deleted", 被删除) nor an adjective after an article ("a deleted
 * folder"). Or an AI noun is the grammatical subject
 * (`hasAiSubject`). "An autonomous coding agent … ran rm -rf on the user's home directory and deleted years of personal
 * files" is the agent's act; "the hacker deleted the database" and "AI-generated videos were deleted" are not.
 */
export function isAiActing(context: FieldContext, match: Span): boolean {
  if (hasAiSubject(context, match)) return true;
  const { text } = context;
  const start = unitStart(text, match.start);
  if (PASSIVE_BEFORE.test(text.slice(Math.max(start, match.start - 12), match.start))) return false;
  const ai = [lastBefore(context.aiActor, start, match.start), lastBefore(context.autonomy, start, match.start)].filter((cue) => cue !== undefined);
  if (ai.length === 0) return false;
  const nearestAi = Math.max(...ai.map((cue) => cue.end));
  const human = lastBefore(context.humanActor, start, match.start);
  if (human !== undefined && human.end > nearestAi) return false;
  for (const cue of context.humanActor) {
    if (cue.start >= match.start) break;
    if (cue.start >= start && HOSTILE_ACTOR.test(text.slice(cue.start, cue.end))) return false;
  }
  return true;
}

/** An AI noun is the subject of the matched verb (see the module comment). */
export function hasAiSubject(context: FieldContext, match: Span): boolean {
  const { text } = context;
  const clauseStart = unitStart(text, match.start, true);
  const subject = lastBefore(context.aiActor, clauseStart, match.start);
  if (subject === undefined) return false;
  if (HAN.test(text.charAt(match.start))) {
    // 被用于, 遭到: a passive verb makes the AI the patient or the instrument, not the actor.
    if (HAN_PASSIVE.test(text.charAt(match.start))) return false;
    const gap = text.slice(subject.end, match.start).replace(/\s/gu, '');
    return gap.length <= AI_SUBJECT_HAN && (HAN_ADVERB.test(gap) || HAN_TOPIC.test(gap)) && !HAN_NOUN.test(text.slice(match.start, match.end + 2));
  }
  const gap = text.slice(subject.end, match.start).trim();
  return (gap === '' || (!gap.includes(' ') && ADVERB.test(gap))) && FINITE_VERB.test(firstWord(text, match));
}

// Chinese: only adverbs may stand between the AI subject and its verb (no 被/遭/用于: those make the AI the patient or
// the instrument); a match that contains or is followed by 软件/病毒/程序/活动 is a noun (勒索软件, ransomware).
const HAN_ADVERB = /^(?:还|又|竟|竟然|也|曾|擅自|自行|主动|随后|甚至|一再|再次)?$/u;
const HAN_NOUN = /软件|病毒|程序|活动|团伙|案/u;
// ...or a short prepositional phrase naming the topic, addressee or purpose: 就内幕交易撒谎 (lies about insider trading),
// 向主管撒谎, 为避免被关闭而勒索 (blackmails to avoid being shut down).
const HAN_TOPIC = /^(?:(?:就|对|向|关于)[\p{Script=Han}a-z0-9]{1,8}|为了?[\p{Script=Han}a-z0-9]{1,8}而)$/u;
const HAN_PASSIVE = /^[被遭受]$/u;
// English: the matched word must look like a finite verb ("blackmails", "lied", "hacked"), not a noun or gerund
// ("AI weaponisation", "AI targeting").
const FINITE_VERB = /(?:[^s]s|ed)$/u;
