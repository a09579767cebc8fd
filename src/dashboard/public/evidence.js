// Splits an incident's text into segments for highlighting classification evidence. Pure; see evidence.d.ts.

/**
 * Segments of `text` in order, each with the evidence items that cover all of it. Evidence offsets are UTF-16
 * code units into the original field text, end exclusive (libs/taxonomy PhraseEvidence); an item whose
 * `text.slice(start, end)` is not its `text` (e.g. evidence of an earlier version of the text) is left out.
 * Overlapping items split the text at every boundary; neighbours covered by the same items are merged.
 */
export function highlightSegments(text, evidence) {
  const items = evidence.filter(
    (item) => item.start >= 0 && item.end > item.start && item.end <= text.length && text.slice(item.start, item.end) === item.text,
  );
  const cuts = [...new Set([0, text.length, ...items.flatMap((item) => [item.start, item.end])])].sort((a, b) => a - b);
  const segments = [];
  for (let index = 0; index + 1 < cuts.length; index += 1) {
    const start = cuts[index];
    const end = cuts[index + 1];
    const covering = items.filter((item) => item.start <= start && item.end >= end);
    const previous = segments.at(-1);
    if (previous && sameItems(previous.evidence, covering)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      segments.push({ text: text.slice(start, end), start, end, evidence: covering });
    }
  }
  return segments;
}

function sameItems(a, b) {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * The tooltip of one highlighted segment: a line `Part → Label` per distinct part and label it supports, in the
 * order of the evidence (two phrases of the same term, or one term found twice, give one line, not two).
 * `labels` as i18n.js createLabels; `evidence` items `{ part, supports }` (api.js EvidencePhrase).
 */
export function evidenceTooltip(evidence, labels) {
  return [...new Set(evidence.map((item) => `${labels.dimension(item.part)} → ${labels.value(item.part, item.supports)}`))].join('\n');
}

/** The `data-supports` value of one segment: each distinct `part:code` once, space-separated. */
export function evidenceSupports(evidence) {
  return [...new Set(evidence.map((item) => `${item.part}:${item.supports}`))].join(' ');
}
