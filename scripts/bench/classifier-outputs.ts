/**
 * Output digest of the incident classifier, for changes that must not move any output (performance work, a patch
 * version of CLASSIFIER_VERSION): `node dist/scripts/bench/classifier-outputs.js [outFile]` classifies every incident
 * text the evaluation reads (scripts/eval/labelled-set.ts: the AIID, OECD, Escape Log and AIAAIC texts and the
 * hand-written Chinese translations), the demo incidents (deploy/demo/incidents.json, as filed and as the bench's
 * 2 KB texts) and variants of the demo texts that take the normaliser's slow paths (upper case, NFD, full-width,
 * zero-width spaces, CR LF and tabs), with DEFAULT_TUNING and with a second tuning that turns on the margin and the
 * cross-axis term. Prints the number of classifications and the SHA-256 of the outputs; with `outFile`, also writes
 * every output there (one JSON line per text, `{ id, output }`) to diff two runs. Reads no labels: no figures.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { DEFAULT_TUNING, classifyIncident, type ClassifierInput, type ClassifierTuning } from '../../libs/taxonomy/src/index.js';
import { loadHandLabels, loadTexts } from '../eval/labelled-set.js';

const repo = process.cwd();
const TEXT_BYTES = 2048;

interface DemoEntry {
  filing: ClassifierInput & { title: string; description: string; language: 'en' | 'zh' };
}

const OTHER_TUNING: ClassifierTuning = { ...DEFAULT_TUNING, causeMinMargin: 1, crossAxisWeight: 0.5, baseRateWeight: 0.5, causeTitleWeight: 1 };

/** The bench's 2 KB texts (run-benchmarks.ts `twoKilobyteInputs`), here for every language. */
function twoKilobyteText(entries: readonly DemoEntry[], index: number): string {
  let description = entries[index]?.filing.description ?? '';
  for (let next = index + 1; Buffer.byteLength(description) < TEXT_BYTES; next += 1) {
    description += ` ${entries[next % entries.length]?.filing.description ?? ''}`;
  }
  return Buffer.from(description).subarray(0, TEXT_BYTES).toString('utf8');
}

const FULL_WIDTH_OFFSET = 0xff01 - 0x21;
const VARIANTS: readonly (readonly [string, (text: string) => string])[] = [
  ['upper', (text) => text.toUpperCase()],
  ['nfd', (text) => text.normalize('NFD')],
  ['fullwidth', (text) => text.replace(/[!-~]/gu, (char) => String.fromCharCode(char.charCodeAt(0) + FULL_WIDTH_OFFSET))],
  ['zero-width', (text) => text.replaceAll(' ', ' \u200b')],
  ['whitespace', (text) => text.replaceAll('. ', '.\r\n\t ').replaceAll(', ', ',\u00a0 ')],
];

function inputs(): [string, ClassifierInput][] {
  const texts = loadTexts();
  const all: [string, ClassifierInput][] = [...texts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const incident of loadHandLabels(texts)) {
    if (incident.language === 'zh') all.push([`hand-zh:${incident.id}`, incident.input]);
  }
  const demo = JSON.parse(readFileSync(join(repo, 'deploy/demo/incidents.json'), 'utf8')) as DemoEntry[];
  demo.forEach((entry, index) => {
    all.push([`demo:${index}`, entry.filing]);
    const long = { ...entry.filing, description: twoKilobyteText(demo, index) };
    all.push([`demo-2kb:${index}`, long]);
    for (const [name, transform] of VARIANTS) {
      all.push([`demo-2kb-${name}:${index}`, { ...long, title: transform(long.title), description: transform(long.description) }]);
    }
  });
  return all;
}

function main(): void {
  const outFile = process.argv[2];
  const hash = createHash('sha256');
  const lines: string[] = [];
  let count = 0;
  for (const [id, input] of inputs()) {
    for (const [tuningName, tuning] of [['default', DEFAULT_TUNING], ['other', OTHER_TUNING]] as const) {
      const line = JSON.stringify({ id: `${id}#${tuningName}`, output: classifyIncident(input, tuning) });
      hash.update(line).update('\n');
      if (outFile !== undefined) lines.push(line);
      count += 1;
    }
  }
  if (outFile !== undefined) writeFileSync(outFile, `${lines.join('\n')}\n`);
  console.log(`${count} classifications (${count / 2} texts × 2 tunings), sha256 ${hash.digest('hex')}`);
}

main();
