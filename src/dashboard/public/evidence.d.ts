// Types of evidence.js (a browser module served as is), for the unit specs and editors.

/** A phrase of the classification evidence: UTF-16 offsets into one text field, end exclusive. */
export interface EvidenceSpan {
  start: number;
  end: number;
  text: string;
}

export interface TextSegment<E extends EvidenceSpan> {
  text: string;
  start: number;
  end: number;
  /** The evidence items covering the whole segment, in input order (empty: plain text). */
  evidence: E[];
}

export function highlightSegments<E extends EvidenceSpan>(text: string, evidence: E[]): Array<TextSegment<E>>;

/** What a phrase supports: the classification part and the code (api.js EvidencePhrase). */
export interface EvidenceSupport {
  part: string;
  supports: string;
}

export function evidenceTooltip(evidence: EvidenceSupport[], labels: { value(dimension: string, code: string | null): string; dimension(name: string): string }): string;
export function evidenceSupports(evidence: EvidenceSupport[]): string;
