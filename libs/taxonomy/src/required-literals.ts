/**
 * A cheap test before an expensive RegExp scan: literals that every match of the pattern must contain, read from its
 * source. A RegExp engine tries a pattern at every offset of the text; `String.prototype.includes` of a few words is
 * far cheaper, so a text that contains none of a required group's words is skipped without changing any result.
 */

/**
 * The required literal groups of `pattern`: every match contains at least one literal of each group. A group comes
 * from a parenthesised alternation at the top level of the pattern that is not optional (no `?`, `*` or `{` after it)
 * and is not a lookaround: each alternative contributes its leading run of plain characters (a character made
 * optional by a quantifier is left out); an alternative without one (e.g. `\d+`) makes the group unusable. Returns []
 * when nothing is required or the pattern is not understood (a top-level `|`, the `i` or `v` flag): then every text is
 * scanned.
 */
export function requiredLiterals(pattern: RegExp): readonly (readonly string[])[] {
  const source = pattern.source;
  if (pattern.flags.includes('i') || pattern.flags.includes('v')) return [];
  const groups: string[][] = [];
  let depth = 0;
  let groupStart = -1;
  for (let at = 0; at < source.length; at += 1) {
    const char = source.charAt(at);
    if (char === '\\') {
      at += 1;
    } else if (char === '[') {
      at = classEnd(source, at);
    } else if (char === '|' && depth === 0) {
      return [];
    } else if (char === '(') {
      if (depth === 0) groupStart = at;
      depth += 1;
    } else if (char === ')') {
      depth -= 1;
      if (depth === 0 && !'?*{'.includes(source.charAt(at + 1) || ' ')) {
        const literals = groupLiterals(source.slice(groupStart + 1, at));
        if (literals !== undefined) groups.push(literals);
      }
    }
  }
  return groups;
}

/** Whether `text` may contain a match: it contains a literal of every required group (`requiredLiterals`). */
export function mayMatch(text: string, required: readonly (readonly string[])[]): boolean {
  return required.every((literals) => literals.some((literal) => text.includes(literal)));
}

const PLAIN = /^[^\\^$.|?*+()[\]{}]$/u;

// The leading literal of each alternative of a group body, or undefined when one has none (or the group is a lookaround
// or named).
function groupLiterals(body: string): string[] | undefined {
  let rest = body;
  if (rest.startsWith('?:')) rest = rest.slice(2);
  else if (rest.startsWith('?')) return undefined;
  const literals: string[] = [];
  for (const alternative of splitAlternatives(rest)) {
    const chars = [...alternative];
    let run = 0;
    while (run < chars.length && PLAIN.test(chars[run] ?? '')) run += 1;
    // A quantifier after the run may make its last character optional (`deaths?`) or repeat it (`a+`, kept).
    const next = chars[run] ?? '';
    if (next === '?' || next === '*' || next === '{') run -= 1;
    if (run <= 0) return undefined;
    literals.push(chars.slice(0, run).join(''));
  }
  return literals;
}

// Splits a group body at its own `|` (not inside nested groups, classes or escapes).
function splitAlternatives(body: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let at = 0; at < body.length; at += 1) {
    const char = body.charAt(at);
    if (char === '\\') at += 1;
    else if (char === '[') at = classEnd(body, at);
    else if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    else if (char === '|' && depth === 0) {
      parts.push(body.slice(start, at));
      start = at + 1;
    }
  }
  parts.push(body.slice(start));
  return parts;
}

// The offset of the `]` that closes the character class opened at `open`.
function classEnd(source: string, open: number): number {
  for (let at = open + 1; at < source.length; at += 1) {
    const char = source.charAt(at);
    if (char === '\\') at += 1;
    else if (char === ']') return at;
  }
  return source.length;
}
