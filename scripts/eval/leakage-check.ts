/**
 * `node dist/scripts/eval/leakage-check.js [--search REGEX] [id …]`: lexical leakage check for candidate rows of the
 * labelled set (LABELLING.md §1a, §1c). A candidate (an AIAAIC, OECD AIM or AIID row) may report the same event as a
 * held-out incident; this prints, per candidate, only its id and two scores, never any held-out text or id:
 * - `heldOut`: the largest share of the candidate title's content words found in one test-split text (every AIID
 *   incident whose base id hashes to test, since the MIT and CSET proxies score them, and every test-split hand row);
 * - `dev`: the same share against the hand-labelled dev rows (a near-duplicate is not independent evidence).
 * With `--search REGEX` the candidates are the rows not yet hand-labelled whose title or description matches REGEX
 * (case-insensitive; AIID rows only when their hash puts them in dev), and the rows that pass (heldOut < 0.5,
 * dev < 0.7) are printed with their text so they can be read and labelled; the rest print as id and scores only.
 *
 * Data: `$SHARED_DIR/data/incidents/` (labelled-set.ts). Output: plain text on stdout.
 */
import { AXES } from '../../libs/taxonomy/src/index.js';

import { loadHandLabels, loadTexts, splitOf } from './labelled-set.js';

/** Shares at or above these drop a candidate (LABELLING.md §1a). */
export const HELD_OUT_LIMIT = 0.5;
export const DEV_LIMIT = 0.7;

const STOPWORDS = new Set(
  'the a an and or of to in on for with by from at as is are was were be been its it this that after over into about against how what who why via using uses used reportedly allegedly ai new says said report reports study'.split(' '),
);

/** Lower-case content words of at least three letters (Latin) or single Han characters' bigrams for Chinese text. */
export function contentWords(text: string): Set<string> {
  const lower = text.toLowerCase();
  const words = (lower.match(/[a-z0-9][a-z0-9'-]{2,}/g) ?? []).filter((word) => !STOPWORDS.has(word));
  const han = lower.match(/\p{Script=Han}+/gu) ?? [];
  for (const run of han) for (let index = 0; index + 1 < run.length; index += 1) words.push(run.slice(index, index + 2));
  return new Set(words);
}

/** Largest share of `words` found in any one of `others`. */
export function overlap(words: ReadonlySet<string>, others: readonly ReadonlySet<string>[]): number {
  if (words.size === 0) return 0;
  let best = 0;
  for (const other of others) {
    let found = 0;
    for (const word of words) if (other.has(word)) found += 1;
    best = Math.max(best, found / words.size);
  }
  return best;
}

function main(): void {
  const texts = loadTexts();
  const hand = loadHandLabels(texts);
  const labelled = new Set(hand.map((row) => row.id));
  const heldOut: Set<string>[] = [];
  for (const [id, input] of texts) if (id.startsWith('aiid:') && splitOf(id) === 'test') heldOut.push(contentWords(`${input.title} ${input.description}`));
  for (const row of hand) if (row.split === 'test') heldOut.push(contentWords(`${row.input.title} ${row.input.description}`));
  const dev = hand.filter((row) => row.split === 'dev').map((row) => contentWords(`${row.input.title} ${row.input.description}`));

  const args = process.argv.slice(2);
  const searchAt = args.indexOf('--search');
  const pattern = searchAt >= 0 ? new RegExp(args[searchAt + 1] ?? '', 'i') : undefined;
  const ids =
    pattern === undefined
      ? args
      : [...texts]
          .filter(([id, input]) => !labelled.has(id) && !(id.startsWith('aiid:') && splitOf(id) === 'test') && pattern.test(`${input.title} ${input.description}`))
          .map(([id]) => id);
  for (const id of ids) {
    const input = texts.get(id);
    if (input === undefined) {
      console.log(`${id}: unknown id`);
      continue;
    }
    const words = contentWords(input.title);
    const scores = { heldOut: overlap(words, heldOut), dev: overlap(words, dev) };
    const passes = scores.heldOut < HELD_OUT_LIMIT && scores.dev < DEV_LIMIT;
    const line = `${id} heldOut=${scores.heldOut.toFixed(2)} dev=${scores.dev.toFixed(2)} ${passes ? 'pass' : 'DROP'}${labelled.has(id) ? ' (already labelled)' : ''}`;
    console.log(passes && pattern !== undefined ? `${line}\n    ${input.title}\n    ${input.description.slice(0, 400)}` : line);
  }
  if (pattern !== undefined) console.log(`${ids.length} candidates (axes ${AXES.join(', ')} to label from the text above)`);
}

main();
