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
