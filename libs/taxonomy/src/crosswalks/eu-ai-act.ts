import type { IncidentClassification } from '../classification.js';
import { TAXONOMY_VOCABULARY } from '../taxonomy-vocabulary.js';
import type { EuAiActCategory } from '../vocabulary.js';

export interface EuAiActView {
  view: 'euaiact';
  /** True when the text suggests an Art. 3(49) serious incident. */
  seriousIncident: boolean;
  category: EuAiActCategory | null;
  /** Letter of Art. 3(49). */
  article3Point: 'a' | 'b' | 'c' | 'd' | null;
  categories: EuAiActCategory[];
  deadlineDays: 2 | 10 | 15 | null;
  legalBasis: string | null;
  /** The reporting duty (Art. 73(1)) binds providers of high-risk AI systems; the classifier cannot decide that. */
  appliesIf: string;
}

/** EU AI Act view of the classifier's `euAiAct` result, with the Art. 3(49) point of the category. */
export function toEuAiActView(classification: IncidentClassification): EuAiActView {
  const result = classification.euAiAct;
  const category = result?.category ?? null;
  const term = TAXONOMY_VOCABULARY.euAiActCategories.find((item) => item.code === category);
  return {
    view: 'euaiact',
    seriousIncident: category !== null,
    category,
    article3Point: term?.article3Point ?? null,
    categories: result?.categories ?? [],
    deadlineDays: result?.deadlineDays ?? null,
    legalBasis: result?.legalBasis ?? null,
    appliesIf: 'the AI system is a high-risk AI system placed on the Union market (Art. 6, Art. 73(1))',
  };
}
