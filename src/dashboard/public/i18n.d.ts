// Types of i18n.js (a browser module served as is), for the unit specs and editors.
import type { Labels } from './chart-options.js';
import type { IgnoredParameter, Language } from './view-state.js';

/** A GET /taxonomy term: its code and its English and Chinese labels. */
export interface Term {
  code: string;
  label: { en: string; zh: string };
}

/** The GET /taxonomy vocabulary (libs/taxonomy taxonomy-vocabulary.ts; only the members the page reads). */
export interface Vocabulary {
  axes: Array<Term & { values: Term[] }>;
  undetermined: Term;
  harmTypes: Term[];
  sectors: Term[];
  severities: Term[];
  urgencies: Term[];
  lifecycleStages: { paper: Term[]; nist: Term[] };
  redLineFlags: Term[];
}

export function message(lang: Language, key: string): string;
export function createLabels(vocabulary: Vocabulary, lang: Language): Labels;
export function errorText(lang: Language, error: { message?: string; fieldErrors?: Array<{ field: string; messages: string[] }> }): string;
export function ignoredText(lang: Language, ignored: IgnoredParameter[]): string;
