import { FACET_LEXICON, type FacetEntry, type Facets } from './facet-lexicon.js';
import { INCIDENT_LEXICON, type LexiconEntry } from './incident-lexicon.js';
import { compileLexicon, compileLexicons, findGroupedLexiconMatches, findLexiconMatches, type LexiconMatch } from './match-lexicon.js';

/** The facet lexicon's groups; overlaps are resolved within a group only. */
export type FacetGroup = 'harm' | 'redLine' | 'intrusion' | 'autonomy' | 'stage' | 'sector' | 'oecd' | 'casualty' | 'widespread' | 'context';

export const FACET_GROUPS: readonly FacetGroup[] = ['harm', 'redLine', 'intrusion', 'autonomy', 'stage', 'sector', 'oecd', 'casualty', 'widespread', 'context'];

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
  if (facets.context !== undefined) return 'context';
  return 'widespread';
}

// Group 0: the axis lexicon; groups 1..9: the facet groups in FACET_GROUPS order except `context`. One pass per field
// finds all. The context cues (context-rules.ts) are frequent words ("no", "ai", "was") that only matter next to a
// red-line, existential or misuse match, so they are matched in a second pass, only for a field that needs them.
const COMPILED = compileLexicons<LexiconEntry | FacetEntry>([
  INCIDENT_LEXICON,
  ...FACET_GROUPS.filter((group) => group !== 'context').map((group) => FACET_LEXICON.filter((entry) => groupOf(entry.facets) === group)),
]);
const CONTEXT_COMPILED = compileLexicon<FacetEntry>(FACET_LEXICON.filter((entry) => groupOf(entry.facets) === 'context'));

/** The context cues (facet group `context`) in normalised `text`, sorted by start; a separate pass (see above). */
export function matchContext(text: string): LexiconMatch<FacetEntry>[] {
  return findLexiconMatches(text, CONTEXT_COMPILED);
}

/** The lexicon matches in one normalised field: offsets index the normalised text. */
export interface FieldMatches {
  /** Axis-lexicon (incident-lexicon.ts) matches, overlaps resolved, sorted by start. */
  readonly axis: readonly LexiconMatch<LexiconEntry>[];
  /** Facet-lexicon matches per group, in FACET_GROUPS order (`context` always empty here: see `matchContext`), each sorted by start. */
  readonly facets: readonly (readonly LexiconMatch<FacetEntry>[])[];
}

/** Matches both lexicons against normalised `text` in one pass (match-lexicon.ts). */
export function matchField(text: string): FieldMatches {
  const [axis = [], ...facets] = findGroupedLexiconMatches(text, COMPILED);
  return { axis: axis as LexiconMatch<LexiconEntry>[], facets: [...(facets as LexiconMatch<FacetEntry>[][]), []] };
}
