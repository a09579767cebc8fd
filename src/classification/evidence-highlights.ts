import { AXES, type Evidence, type EvidenceField, type IncidentClassification } from '@app/taxonomy';

/** Characters of context kept on each side of a matched phrase (UTF-16 code units, a surrogate pair is never cut). */
export const HIGHLIGHT_CONTEXT = 40;

/**
 * A highlighted snippet of phrase evidence: `before + match + after` is the text around the match, with runs of
 * whitespace in the context squeezed to one space and `…` where the context was cut; `match` is the matched text
 * verbatim (= the evidence's `text`).
 */
export interface EvidenceHighlight {
  before: string;
  match: string;
  after: string;
}

/** Evidence as stored and shown: phrase evidence on the three axes carries its `highlight`. */
export type HighlightedEvidence = Evidence & { highlight?: EvidenceHighlight };

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;
const squeeze = (text: string): string => text.replace(/\s+/gu, ' ');

/** The snippet around `text.slice(start, end)` with `context` code units either side (see EvidenceHighlight). */
export function highlightOf(text: string, start: number, end: number, context = HIGHLIGHT_CONTEXT): EvidenceHighlight {
  let from = Math.max(0, start - context);
  let to = Math.min(text.length, end + context);
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from -= 1;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to += 1;
  return {
    before: `${from > 0 ? '…' : ''}${squeeze(text.slice(from, start))}`,
    match: text.slice(start, end),
    after: `${squeeze(text.slice(end, to))}${to < text.length ? '…' : ''}`,
  };
}

/**
 * Adds a `highlight` to every phrase evidence item of the three axes whose offsets still point at its text in
 * `texts` (the incident's fields as classified); other items are left as they are. Stored with the result because
 * the incident keeps only its newest text, so an earlier version's offsets could not be shown later. Pure; returns
 * a copy.
 */
export function withEvidenceHighlights<C extends IncidentClassification>(
  classification: C,
  texts: Partial<Record<EvidenceField, string | null>>,
): C {
  const highlighted: C = { ...classification };
  for (const axis of AXES) {
    const result = classification[axis];
    const evidence = result.evidence.map((item): HighlightedEvidence => {
      if (item.kind !== 'phrase') return item;
      const text = texts[item.field];
      if (!text || text.slice(item.start, item.end) !== item.text) return item;
      return { ...item, highlight: highlightOf(text, item.start, item.end) };
    });
    Object.assign(highlighted, { [axis]: { ...result, evidence } });
  }
  return highlighted;
}
