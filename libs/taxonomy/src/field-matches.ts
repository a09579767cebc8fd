import { FACET_LEXICON, type FacetEntry, type Facets } from './facet-lexicon.js';
import { INCIDENT_LEXICON, type LexiconEntry } from './incident-lexicon.js';
import { workTitleSpans, type Span } from './context-rules.js';
import { compileLexicons, findGroupedLexiconMatches, type LexiconMatch } from './match-lexicon.js';

/** The facet lexicon's groups; overlaps are resolved within a group only. */
export type FacetGroup = 'harm' | 'redLine' | 'intrusion' | 'autonomy' | 'stage' | 'sector' | 'oecd' | 'casualty' | 'widespread' | 'uplift' | 'frame' | 'context';

/**
 * `frame` (0.8.0) holds the fiction-frame cues of the `context` group once more, in the first pass: where they stand tells
 * whether the context pass is needed for the fiction rules (classify-facets.ts `inFictionFrame`).
 */
export const FACET_GROUPS: readonly FacetGroup[] = ['harm', 'redLine', 'intrusion', 'autonomy', 'stage', 'sector', 'oecd', 'casualty', 'widespread', 'uplift', 'frame', 'context'];

// Each group is matched on its own, so one span can count for a harm type, an OECD cue and a severity cue
// at once; inside a group the longest match wins as in the axis lexicon.
function groupOf(facets: Facets): FacetGroup {
  if (facets.harm !== undefined) return 'harm';
  if (facets.redLine !== undefined) return 'redLine';
  if (facets.intrusion === true) return 'intrusion';
  if (facets.autonomy === true) return 'autonomy';
  if (facets.stage !== undefined) return 'stage';
  if (facets.sector !== undefined) return 'sector';
  if (facets.oecd !== undefined) return 'oecd';
  if (facets.casualty !== undefined) return 'casualty';
  if (facets.uplift !== undefined) return 'uplift';
  if (facets.context !== undefined) return 'context';
  return 'widespread';
}

// Group 0: the axis lexicon; groups 1..10: the facet groups in FACET_GROUPS order except `context`. One pass per field
// finds all. The context cues (context-rules.ts) are frequent words ("no", "ai", "was") that only matter next to a
// red-line, existential or misuse match, so they are matched in a second pass, only for a field that needs them.
const COMPILED = compileLexicons<LexiconEntry | FacetEntry>([
  INCIDENT_LEXICON,
  ...FACET_GROUPS.filter((group) => group !== 'context').map((group) =>
    FACET_LEXICON.filter((entry) => (group === 'frame' ? entry.facets.context === 'fiction_frame' : groupOf(entry.facets) === group)),
  ),
]);
// The fiction-frame and real-world cues (0.8.0) overlap AI-actor and fiction cues ("game ai", "video game developer"), so
// they form a second group of the same pass: overlaps are resolved within a group only.
const FRAME_KINDS: ReadonlySet<string> = new Set(['fiction_frame', 'real_world']);
const CONTEXT_ENTRIES = FACET_LEXICON.filter((entry) => groupOf(entry.facets) === 'context');
// The model's refusal verbs (0.8.2) form a third group: "said no" must not hide the negation cue "no".
const SEPARATE_KINDS: ReadonlySet<string> = new Set(['refused']);
const CONTEXT_COMPILED = compileLexicons<FacetEntry>([
  CONTEXT_ENTRIES.filter((entry) => !FRAME_KINDS.has(entry.facets.context ?? '') && !SEPARATE_KINDS.has(entry.facets.context ?? '')),
  CONTEXT_ENTRIES.filter((entry) => FRAME_KINDS.has(entry.facets.context ?? '')),
  CONTEXT_ENTRIES.filter((entry) => SEPARATE_KINDS.has(entry.facets.context ?? '')),
]);

/** The context cues (facet group `context`) in normalised `text`, sorted by start; a separate pass (see above). */
export function matchContext(text: string): LexiconMatch<FacetEntry>[] {
  const [cues = [], frames = [], refused = []] = findGroupedLexiconMatches(text, CONTEXT_COMPILED);
  if (frames.length === 0 && refused.length === 0) return cues;
  return [...cues, ...frames, ...refused].sort((a, b) => a.start - b.start || a.end - b.end);
}

/** The lexicon matches in one normalised field: offsets index the normalised text. */
export interface FieldMatches {
  /** Axis-lexicon (incident-lexicon.ts) matches, overlaps resolved, sorted by start. */
  readonly axis: readonly LexiconMatch<LexiconEntry>[];
  /** Facet-lexicon matches per group, in FACET_GROUPS order (`context` always empty here: see `matchContext`), each sorted by start. */
  readonly facets: readonly (readonly LexiconMatch<FacetEntry>[])[];
}

const FRAME_INDEX = FACET_GROUPS.indexOf('frame');
// The groups whose cues raise alarms: a bare title ("a non-existent movie", "rogue AI game") only hides these.
const ALARM_GROUPS: ReadonlySet<number> = new Set((['redLine', 'intrusion', 'autonomy'] as const).map((group) => FACET_GROUPS.indexOf(group)));

/**
 * Matches both lexicons against normalised `text` in one pass (match-lexicon.ts). Since 0.8.1 a match inside the title
 * of a work of fiction or a game (context-rules.ts `workTitleSpans`) does not count: inside a quoted title (the game
 * 'Rogue AI Uprising') it is dropped from every group but `frame`; inside bare title words next to a media noun ("rogue
 * AI game") only the alarm cues are dropped — red-line, intrusion and autonomy cues and axis entries with an existential
 * vote — so that "a non-existent movie" invented by a chatbot is still a hallucination. A name reports nothing that happened.
 */
export function matchField(text: string): FieldMatches {
  const [axis = [], ...facets] = findGroupedLexiconMatches(text, COMPILED);
  const titles = workTitleSpans(text);
  if (titles.length === 0) return { axis: axis as LexiconMatch<LexiconEntry>[], facets: [...(facets as LexiconMatch<FacetEntry>[][]), []] };
  const inTitle = (match: Span, alarm: boolean): boolean => titles.some((title) => (title.quoted || alarm) && match.start >= title.start && match.end <= title.end);
  return {
    axis: (axis as LexiconMatch<LexiconEntry>[]).filter((match) => !inTitle(match, match.entry.votes.magnitude?.label === 'existential')),
    facets: [
      ...(facets as LexiconMatch<FacetEntry>[][]).map((group, index) => (index === FRAME_INDEX ? group : group.filter((match) => !inTitle(match, ALARM_GROUPS.has(index))))),
      [],
    ],
  };
}
