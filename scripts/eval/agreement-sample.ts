/**
 * Writes the blind sample for the second labeller (scripts/eval/LABELLING.md, "Second labeller (blind) — agreement"):
 * the hand-labelled English rows (no translations) whose `fnv1a("agreement:<baseId>") % 100 < 40`, both splits.
 *
 * Output: `/tmp/agreement-sample.json` (or the first argument), an array of `{ id, title, description }` sorted by id —
 * text only, never a label, split, flag or rationale, so the second labeller stays blind. Prints only the row count.
 * Data: as labelled-set.ts (`$SHARED_DIR/data/incidents/` and scripts/eval/labels/*.json).
 */
import { writeFileSync } from 'node:fs';

import { inAgreementSample, loadHandLabels, loadTexts } from './labelled-set.js';

function main(): void {
  const out = process.argv[2] ?? '/tmp/agreement-sample.json';
  const byId = new Map<string, { id: string; title: string; description: string }>();
  for (const incident of loadHandLabels(loadTexts()).filter(inAgreementSample)) {
    byId.set(incident.id, { id: incident.id, title: incident.input.title, description: incident.input.description });
  }
  const sample = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  writeFileSync(out, `${JSON.stringify(sample, null, 2)}\n`);
  console.log(`${sample.length} rows written to ${out}`);
}

main();
