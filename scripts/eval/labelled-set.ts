/**
 * The labelled evaluation set of the incident classifier (scripts/eval/LABELLING.md) and its per-axis figures, shared by
 * `evaluate-classifier.ts` (`npm run eval:classifier`) and `cross-validate.ts` (`npm run eval:classifier:cv`).
 *
 * Data: `$SHARED_DIR/data/incidents/` (default `<repo>/../shared`, or `<repo>/../../shared` for a worktree).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parse } from 'csv-parse/sync';

import {
  AXES,
  MAGNITUDES,
  MECHANISMS,
  RISK_SOURCES,
  UNDETERMINED,
  type Axis,
  type ClassifierInput,
  type CompleteIncidentClassification,
} from '../../libs/taxonomy/src/index.js';

export type Split = 'dev' | 'test';
export type LabelSource = 'hand' | 'proxy-mit' | 'proxy-cset';
export type Gold = Partial<Record<Axis, string>>;

export interface LabelledIncident {
  id: string;
  baseId: string;
  labelSource: LabelSource;
  language: 'en' | 'zh';
  /** `dev` or `test`: `splitOf(baseId)`, except hand labels added with `"split": "dev"` (LABELLING.md §3, 0.6.0). */
  split: Split;
  input: ClassifierInput;
  gold: Gold;
  /** Gold "flash-worthy": existential magnitude or at least one red line (hand labels only). */
  flashWorthy?: boolean;
  /** A hand-picked trap: gold not flash-worthy, but its text carries red-line vocabulary (weapons, sandbox, rogue, agents). */
  hardNegative?: boolean;
}

interface HandLabel {
  id: string;
  translationOf?: string;
  /**
   * Only `"dev"`: a row added after the held-out split was fixed (0.6.0) goes to dev whatever its hash says, so the
   * held-out split stays as it was. A row can never be forced into `test`.
   */
  split?: 'dev';
  title?: string;
  description?: string;
  labels: Record<Axis, string | null>;
  redLines?: string[];
  hardNegative?: boolean;
  rationale: string;
}

type CsvRow = Record<string, string>;

export const DEV_SHARE = 70;
export const AXIS_LABELS: Record<Axis, readonly [string, string]> = {
  mechanism: MECHANISMS,
  magnitude: MAGNITUDES,
  source: RISK_SOURCES,
};

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
// A checkout at /work/main finds ../shared; a worktree at /work/wt/<branch> finds ../../shared.
const sharedDir = process.env.SHARED_DIR ?? [resolve(repoRoot, '..', 'shared'), resolve(repoRoot, '..', '..', 'shared')].find((dir) => existsSync(dir)) ?? resolve(repoRoot, '..', 'shared');
export const incidentsDir = join(sharedDir, 'data', 'incidents');
export const labelsDir = join(repoRoot, 'scripts', 'eval', 'labels');

/** The CSV files the evaluation reads from `incidentsDir`. */
const INCIDENT_FILES = ['aiid_incidents.csv', 'oecd_aim_fatal_incidents.csv', 'ai_escape_log_incidents.csv', 'aiaaic_incidents.csv'];

/** Why the incident data cannot be read (a message for the user), or null when every file is there. */
export function missingIncidentData(dir: string, script = 'eval:classifier'): string | null {
  const missing = INCIDENT_FILES.filter((file) => !existsSync(join(dir, file)));
  if (missing.length === 0) return null;
  return (
    `${script} needs the labelled incident data, but ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing from ${dir}.\n` +
    'Set SHARED_DIR to the folder that holds data/incidents/ (the shared data set; default ../shared or ../../shared next to the repository).'
  );
}

/** FNV-1a 32-bit over UTF-8; the split must not change between runs or machines. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export function splitOf(baseId: string): Split {
  return fnv1a(`split:${baseId}`) % 100 < DEV_SHARE ? 'dev' : 'test';
}

/** Share (percent of the hash range) of English hand-labelled rows in the second labeller's blind sample (LABELLING.md). */
export const AGREEMENT_SHARE = 40;

/** The second labeller's sample: English hand-labelled rows (no translations) with `fnv1a("agreement:<baseId>") % 100 < 40`, both splits. */
export function inAgreementSample(incident: Pick<LabelledIncident, 'baseId' | 'language'>): boolean {
  return incident.language === 'en' && fnv1a(`agreement:${incident.baseId}`) % 100 < AGREEMENT_SHARE;
}

function readCsv(file: string): CsvRow[] {
  return parse<CsvRow>(readFileSync(join(incidentsDir, file)), { columns: true, relax_column_count: true, skip_empty_lines: true });
}

export function loadTexts(): Map<string, ClassifierInput> {
  const texts = new Map<string, ClassifierInput>();
  for (const row of readCsv('aiid_incidents.csv')) {
    texts.set(`aiid:${row.incident_id}`, { title: row.title ?? '', description: row.description ?? '' });
  }
  for (const row of readCsv('oecd_aim_fatal_incidents.csv')) {
    texts.set(`oecd:${row.id}`, { title: row.title ?? '', description: row.summary ?? '' });
  }
  for (const row of readCsv('ai_escape_log_incidents.csv')) {
    texts.set(`esc:${row.id}`, { title: row.title ?? '', description: row.summary ?? '' });
  }
  // AIAAIC has no summary text, only a headline and structured fields: the headline is the title and the system name,
  // technology and stated purpose (the deployer's, as AIAAIC recorded it) the description.
  for (const row of readCsv('aiaaic_incidents.csv')) {
    const parts = [
      ['System', row['System name']],
      ['Technology', row.Technology],
      ['Purpose', row.Purpose],
    ].flatMap(([label, value]) => (value === undefined || value.trim() === '' ? [] : [`${label}: ${value.trim()}.`]));
    texts.set(`aiaaic:${row['AIAAIC ID#'] ?? ''}`, { title: (row.Headline ?? '').trim(), description: parts.join(' ') });
  }
  return texts;
}

export function loadHandLabels(texts: Map<string, ClassifierInput>): LabelledIncident[] {
  const incidents: LabelledIncident[] = [];
  for (const file of readdirSync(labelsDir).filter((name) => name.endsWith('.json')).sort()) {
    const parsed = JSON.parse(readFileSync(join(labelsDir, file), 'utf8')) as unknown;
    // Hand-label files are arrays of rows; an object (correlation-judgements.json, read by eval:correlation) is not ours.
    if (!Array.isArray(parsed)) continue;
    for (const row of parsed as HandLabel[]) {
      const input =
        row.title !== undefined ? { title: row.title, description: row.description ?? '', language: 'zh' as const } : texts.get(row.id);
      if (input === undefined) throw new Error(`${file}: no incident text for ${row.id}`);
      const gold: Gold = {};
      for (const axis of AXES) {
        const label = row.labels[axis];
        if (label !== null) gold[axis] = label;
      }
      if (row.split !== undefined && row.split !== 'dev') throw new Error(`${file}: ${row.id} has split "${String(row.split)}"; only "dev" may be set`);
      const baseId = row.translationOf ?? row.id;
      incidents.push({
        id: row.id,
        baseId,
        labelSource: 'hand',
        language: row.title !== undefined ? 'zh' : 'en',
        split: row.split ?? splitOf(baseId),
        input,
        gold,
        flashWorthy: row.labels.magnitude === 'existential' || (row.redLines ?? []).length > 0,
        hardNegative: row.hardNegative === true,
      });
    }
  }
  return incidents;
}

/**
 * MIT causal labels → our axes. Only the combinations whose meaning matches a decision rule of TAXONOMY.md:
 * Human + Intentional (a person meant the outcome) → misuse / enabled; AI + Unintentional (the system did
 * what nobody intended) → loss_of_control / system. AI + Intentional (the system did what its deployer
 * designed, e.g. a discriminatory scoring rule) and the `Other` and Human + Unintentional cells are left out.
 * Magnitude: subdomain 7.1 (AI pursuing its own goals) → existential; domains 1–3, 5, 6 and 7.3 → general.
 */
export function loadMitProxies(texts: Map<string, ClassifierInput>): LabelledIncident[] {
  const incidents: LabelledIncident[] = [];
  for (const row of readCsv('aiid_classifications_MIT.csv')) {
    const id = `aiid:${row['Incident ID']}`;
    const input = texts.get(id);
    if (input === undefined) continue;
    const gold: Gold = {};
    if (row.Entity === 'Human' && row.Intent === 'Intentional') Object.assign(gold, { mechanism: 'misuse', source: 'enabled' });
    if (row.Entity === 'AI' && row.Intent === 'Unintentional') Object.assign(gold, { mechanism: 'loss_of_control', source: 'system' });
    const subdomain = row['Risk Subdomain'] ?? '';
    if (subdomain.startsWith('7.1.')) gold.magnitude = 'existential';
    else if (/^(?:[12356]\.|7\.3\.)/.test(subdomain)) gold.magnitude = 'general';
    if (Object.keys(gold).length > 0) incidents.push({ id, baseId: id, labelSource: 'proxy-mit', language: 'en', split: splitOf(id), input, gold });
  }
  return incidents;
}

/**
 * CSET mechanism proxies (human annotators): v0 `Intent` Accident → loss_of_control, "Deliberate or expected"
 * → misuse; v1 `Intentional Harm` "Yes. Intentionally designed to perform harm…" → misuse. v1 "No. Not
 * intentionally designed…" is NOT mapped: a harmless tool misused by a third party is also "not designed".
 * Where v0 and v1 disagree the incident is dropped.
 */
export function loadCsetProxies(texts: Map<string, ClassifierInput>): LabelledIncident[] {
  const byId = new Map<string, Set<string>>();
  const add = (incidentId: string | undefined, label: string): void => {
    const id = `aiid:${incidentId ?? ''}`;
    byId.set(id, (byId.get(id) ?? new Set()).add(label));
  };
  for (const row of readCsv('aiid_classifications_CSETv0.csv')) {
    if (row.Intent === 'Accident') add(row['Incident ID'], 'loss_of_control');
    if (row.Intent === 'Deliberate or expected') add(row['Incident ID'], 'misuse');
  }
  for (const row of readCsv('aiid_classifications_CSETv1.csv')) {
    if ((row['Intentional Harm'] ?? '').startsWith('Yes. Intentionally designed to perform harm')) add(row['Incident ID'], 'misuse');
  }
  const incidents: LabelledIncident[] = [];
  for (const [id, labels] of [...byId].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const input = texts.get(id);
    if (input === undefined || labels.size !== 1) continue;
    incidents.push({ id, baseId: id, labelSource: 'proxy-cset', language: 'en', split: splitOf(id), input, gold: { mechanism: [...labels][0] } });
  }
  return incidents;
}

export interface Scored {
  incident: LabelledIncident;
  result: CompleteIncidentClassification;
}

export interface AxisFigures {
  n: number;
  coverage: number;
  accuracy: number;
  accuracyDetermined: number;
  macroF1: number;
  macroF1Determined: number;
  confusion: Map<string, number>;
}

/**
 * Per-axis figures. `accuracy`/`macroF1` count `undetermined` as wrong (it lowers recall of the gold label);
 * the `…Determined` figures are over the incidents where the classifier chose a label. Macro-F1 averages the
 * F1 of the axis's two labels.
 */
export function axisFigures<A extends Axis>(scored: readonly { incident: LabelledIncident; result: Pick<CompleteIncidentClassification, A> }[], axis: A): AxisFigures | undefined {
  const pairs = scored.flatMap(({ incident, result }) => {
    const gold = incident.gold[axis];
    return gold === undefined ? [] : [{ gold, predicted: result[axis].label }];
  });
  if (pairs.length === 0) return undefined;
  const labels = AXIS_LABELS[axis];
  const determined = pairs.filter((pair) => pair.predicted !== UNDETERMINED);
  const confusion = new Map<string, number>();
  for (const { gold, predicted } of pairs) confusion.set(`${gold}→${predicted}`, (confusion.get(`${gold}→${predicted}`) ?? 0) + 1);
  const macroF1 = (subset: typeof pairs): number => {
    const f1s = labels.map((label) => {
      const truePositive = subset.filter((pair) => pair.gold === label && pair.predicted === label).length;
      const predictedCount = subset.filter((pair) => pair.predicted === label).length;
      const goldCount = subset.filter((pair) => pair.gold === label).length;
      const precision = predictedCount === 0 ? 0 : truePositive / predictedCount;
      const recall = goldCount === 0 ? 0 : truePositive / goldCount;
      return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    });
    return f1s.reduce((sum, value) => sum + value, 0) / f1s.length;
  };
  const correct = (subset: typeof pairs): number => subset.filter((pair) => pair.gold === pair.predicted).length;
  return {
    n: pairs.length,
    coverage: determined.length / pairs.length,
    accuracy: correct(pairs) / pairs.length,
    accuracyDetermined: determined.length === 0 ? 0 : correct(determined) / determined.length,
    macroF1: macroF1(pairs),
    macroF1Determined: determined.length === 0 ? 0 : macroF1(determined),
    confusion,
  };
}

