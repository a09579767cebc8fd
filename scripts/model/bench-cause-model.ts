/**
 * Throughput of `classifyIncident` with and without the statistical cause model on the classifier benchmark's inputs
 * (scripts/bench/run-benchmarks.ts: the English demo incidents of deploy/demo/incidents.json, each extended to 2 KB).
 * The two settings alternate in 1-second rounds so that load from other processes hits both alike. Output:
 * classifications per CPU-second. Run from the repository root: `nest build && node dist/scripts/model/bench-cause-model.js [modelWeight]`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpuUsage } from 'node:process';

import { DEFAULT_TUNING, classifyIncident, type ClassifierInput, type ClassifierTuning } from '../../libs/taxonomy/src/index.js';

const ROUNDS = 8;
const TEXT_BYTES = 2048;

interface DemoEntry {
  filing: { title: string; description: string; language: 'en' | 'zh' };
}

function inputsOf(): ClassifierInput[] {
  const entries = (JSON.parse(readFileSync(join(process.cwd(), 'deploy/demo/incidents.json'), 'utf8')) as DemoEntry[]).filter((entry) => entry.filing.language === 'en');
  return entries.map((entry, index) => {
    let description = entry.filing.description;
    for (let next = index + 1; Buffer.byteLength(description) < TEXT_BYTES; next += 1) description += ` ${entries[next % entries.length]?.filing.description ?? ''}`;
    return { title: entry.filing.title, description: Buffer.from(description).subarray(0, TEXT_BYTES).toString('utf8'), language: 'en' };
  });
}

function round(inputs: readonly ClassifierInput[], tuning: ClassifierTuning): { count: number; cpuSeconds: number } {
  const before = cpuUsage();
  let count = 0;
  const started = Date.now();
  while (Date.now() - started < 1000) {
    classifyIncident(inputs[count % inputs.length], tuning);
    count += 1;
  }
  const used = cpuUsage(before);
  return { count, cpuSeconds: (used.user + used.system) / 1e6 };
}

function main(): void {
  const modelWeight = Number(process.argv[2] ?? '1');
  const inputs = inputsOf();
  const settings: [string, ClassifierTuning][] = [
    ['lexicon alone', { ...DEFAULT_TUNING, modelWeight: 0 }],
    [`with model (modelWeight ${modelWeight})`, { ...DEFAULT_TUNING, modelWeight }],
  ];
  for (const [, tuning] of settings) for (const input of inputs.slice(0, 50)) classifyIncident(input, tuning);
  const totals = settings.map(() => ({ count: 0, cpuSeconds: 0 }));
  for (let index = 0; index < ROUNDS; index += 1) {
    settings.forEach(([, tuning], setting) => {
      const result = round(inputs, tuning);
      const total = totals[setting];
      if (total === undefined) return;
      total.count += result.count;
      total.cpuSeconds += result.cpuSeconds;
    });
  }
  settings.forEach(([label], setting) => {
    const total = totals[setting] ?? { count: 0, cpuSeconds: 1 };
    console.log(`${label.padEnd(28)} ${(total.count / total.cpuSeconds).toFixed(0)} classifications per CPU-second (${total.count} in ${total.cpuSeconds.toFixed(1)} CPU-s)`);
  });
}

main();
