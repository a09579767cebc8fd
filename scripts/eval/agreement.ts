/**
 * `npm run eval:agreement`: inter-annotator agreement between the first labeller's hand labels (scripts/eval/labels/*.json)
 * and the blind second labeller (scripts/eval/agreement/second-labeller.json) on the agreement sample (`inAgreementSample`
 * in labelled-set.ts), per axis: n, raw agreement and Cohen's kappa (cohen-kappa.ts, Cohen 1960), for all rows, dev
 * and test; a confusion table for all rows; agreement on the flash-worthy flag (existential or a red line); the second
 * labeller's mechanism macro-F1 against the first as gold (the figure the classifier's aim is stated in).
 *
 * Contested (`null`) labels: "both determined" figures leave out a row where either labeller left the axis contested;
 * the "with contested" figures count `contested` as a third category. Only dev-split disagreements are listed by id;
 * test rows appear in counts only (LABELLING.md §3). Output: plain-text tables on stdout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { AXES, RED_LINE_FLAGS, type Axis } from '../../libs/taxonomy/src/index.js';

import { cohenKappa, type Agreement } from './cohen-kappa.js';
import {
  AXIS_LABELS,
  incidentsDir,
  inAgreementSample,
  labelsDir,
  loadHandLabels,
  loadTexts,
  missingIncidentData,
  type LabelledIncident,
  type Split,
} from './labelled-set.js';

/** One row of second-labeller.json. */
export interface SecondLabel {
  id: string;
  labels: Record<Axis, string | null>;
  redLines: string[];
  rationale: string;
}

export const CONTESTED = 'contested';
export const secondLabellerFile = join(labelsDir, '..', 'agreement', 'second-labeller.json');

interface Paired {
  id: string;
  split: Split;
  first: Record<Axis, string> & { flash: string };
  second: Record<Axis, string> & { flash: string };
}

/** Reads and checks second-labeller.json: known ids only, known labels and red-line codes. Throws on the first bad row. */
export function readSecondLabels(file: string): SecondLabel[] {
  const rows = JSON.parse(readFileSync(file, 'utf8')) as SecondLabel[];
  for (const row of rows) {
    for (const axis of AXES) {
      const label = row.labels[axis];
      if (label !== null && !AXIS_LABELS[axis].includes(label)) throw new Error(`${file}: ${row.id} has ${axis} "${label}"`);
    }
    const unknown = row.redLines.filter((flag) => !(RED_LINE_FLAGS as readonly string[]).includes(flag));
    if (unknown.length > 0) throw new Error(`${file}: ${row.id} has unknown red lines ${unknown.join(', ')}`);
  }
  return rows;
}

/** Pairs each second label with the first labeller's row of the same id; both must cover the same sample. */
export function pairLabels(first: readonly LabelledIncident[], second: readonly SecondLabel[]): Paired[] {
  const firstById = new Map<string, LabelledIncident>();
  for (const incident of first.filter(inAgreementSample)) {
    if (firstById.has(incident.id)) throw new Error(`first labeller has ${incident.id} twice`);
    firstById.set(incident.id, incident);
  }
  const missing = [...firstById.keys()].filter((id) => !second.some((row) => row.id === id));
  const extra = second.filter((row) => !firstById.has(row.id)).map((row) => row.id);
  if (missing.length > 0 || extra.length > 0) throw new Error(`sample mismatch: ${missing.length} rows not labelled twice, ${extra.length} ids not in the sample`);
  return second.map((row) => {
    const incident = firstById.get(row.id) as LabelledIncident;
    const pick = (labels: Partial<Record<Axis, string | null>>): Record<Axis, string> =>
      Object.fromEntries(AXES.map((axis) => [axis, labels[axis] ?? CONTESTED])) as Record<Axis, string>;
    const secondFlash = row.labels.magnitude === 'existential' || row.redLines.length > 0;
    return {
      id: row.id,
      split: incident.split,
      first: { ...pick(incident.gold), flash: String(incident.flashWorthy === true) },
      second: { ...pick(row.labels), flash: String(secondFlash) },
    };
  });
}

type Facet = Axis | 'flash';

const fmt = (value: number): string => (Number.isNaN(value) ? 'n/a' : value.toFixed(3));

/** κ ± 1.96σ, clipped to [−1, 1]; none at perfect agreement, where the large-sample σ is 0 and says nothing. */
const interval = ({ kappa, observed, standardError }: Agreement): string =>
  Number.isNaN(standardError) || observed === 1 ? '' : `(${fmt(Math.max(-1, kappa - 1.96 * standardError))}–${fmt(Math.min(1, kappa + 1.96 * standardError))})`;

function agreementOf(rows: readonly Paired[], facet: Facet, withContested: boolean): Agreement {
  const pairs = rows
    .map((row) => ({ first: row.first[facet], second: row.second[facet] }))
    .filter((pair) => withContested || (pair.first !== CONTESTED && pair.second !== CONTESTED));
  return cohenKappa(pairs);
}

/** Macro-F1 of the second labeller's mechanism against the first labeller's as gold, over rows both determined. */
export function mechanismMacroF1(rows: readonly Paired[]): number {
  const both = rows.filter((row) => row.first.mechanism !== CONTESTED && row.second.mechanism !== CONTESTED);
  const f1s = AXIS_LABELS.mechanism.map((label) => {
    const tp = both.filter((row) => row.first.mechanism === label && row.second.mechanism === label).length;
    const predicted = both.filter((row) => row.second.mechanism === label).length;
    const gold = both.filter((row) => row.first.mechanism === label).length;
    return tp === 0 ? 0 : (2 * tp) / (predicted + gold);
  });
  return f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
}

function printTable(title: string, rows: readonly Paired[]): void {
  console.log(`\n## ${title} (${rows.length} rows)`);
  console.log('| axis | n both determined | raw agreement | Cohen κ (95% CI) | n with contested | raw | κ (contested as a category) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const facet of [...AXES, 'flash'] as const) {
    const strict = agreementOf(rows, facet, false);
    const all = agreementOf(rows, facet, true);
    const name = facet === 'flash' ? 'flash-worthy (existential or a red line)' : facet;
    const loose = facet === 'flash' ? '| – | – | – |' : `| ${all.n} | ${fmt(all.observed)} | ${fmt(all.kappa)} |`;
    console.log(`| ${name} | ${strict.n} | ${fmt(strict.observed)} | ${fmt(strict.kappa)} ${interval(strict)} ${loose}`);
  }
  console.log(`Second labeller's mechanism macro-F1 with the first labeller as gold: ${fmt(mechanismMacroF1(rows))}`);
}

function printConfusion(rows: readonly Paired[]): void {
  console.log('\n## Confusion, all rows (row: first labeller, column: second labeller)');
  for (const facet of [...AXES, 'flash'] as const) {
    const categories = facet === 'flash' ? ['true', 'false'] : [...AXIS_LABELS[facet], CONTESTED];
    const { confusion } = agreementOf(rows, facet, true);
    console.log(`\n${facet}\n| first \\ second | ${categories.join(' | ')} |\n|---|${categories.map(() => '---|').join('')}`);
    for (const first of categories) console.log(`| ${first} | ${categories.map((second) => confusion.get(`${first}→${second}`) ?? 0).join(' | ')} |`);
  }
}

function main(): void {
  const missing = missingIncidentData(incidentsDir, 'eval:agreement');
  if (missing) {
    console.error(missing);
    process.exitCode = 1;
    return;
  }
  const rows = pairLabels(loadHandLabels(loadTexts()), readSecondLabels(secondLabellerFile));
  const dev = rows.filter((row) => row.split === 'dev');
  console.log('# Inter-annotator agreement: first labeller (labels/*.json) vs blind second labeller (agreement/second-labeller.json)');
  printTable('All rows', rows);
  printTable('Dev split', dev);
  printTable('Test split (held out: counts and κ only)', rows.filter((row) => row.split === 'test'));
  printConfusion(rows);
  console.log('\n## Dev-split disagreements (ids; "first/second")');
  for (const facet of [...AXES, 'flash'] as const) {
    const differing = dev.filter((row) => row.first[facet] !== row.second[facet]);
    console.log(`${facet} (${differing.length}): ${differing.map((row) => `${row.id} ${row.first[facet]}/${row.second[facet]}`).join(', ') || '–'}`);
  }
}

main();
