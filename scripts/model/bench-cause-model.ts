/**
 * Throughput of `classifyIncident` with and without the statistical cause model on 2 KB texts built from dev-split
 * incident texts (as evaluate-classifier.ts's measure, without any held-out text). The two settings alternate in
 * 1-second rounds so that load from other processes hits both alike. Output: classifications per CPU-second.
 * Run: `nest build && node dist/scripts/model/bench-cause-model.js [modelWeight]`.
 */
import { cpuUsage } from 'node:process';

import { DEFAULT_TUNING, classifyIncident, type ClassifierInput, type ClassifierTuning } from '../../libs/taxonomy/src/index.js';
import { loadTexts, splitOf } from '../eval/labelled-set.js';

const ROUNDS = 6;

function inputsOf(): ClassifierInput[] {
  const pool = [...loadTexts()].filter(([id]) => splitOf(id) === 'dev').map(([, input]) => `${input.title}. ${input.description}`);
  const inputs: ClassifierInput[] = [];
  for (let start = 0; inputs.length < 200; start += 7) {
    let body = '';
    for (let index = start; body.length < 2048; index += 1) body += `${pool[index % pool.length] ?? ''} `;
    inputs.push({ title: body.slice(0, 80), description: body.slice(80, 2048) });
  }
  return inputs;
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
