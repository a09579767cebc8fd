/**
 * The marker appended to a bench filing's title: when it was sent (ms since the epoch) in base 36, e.g. `[bench
 * mikt1xq3]`. Base 36 because a run of 13 digits can pass for a telephone number, and the app's redaction then replaced
 * the marker in the alerts (`[redacted:phone]`), so the partners could not time them (2026-11-30).
 */
export function benchTitleMarker(sentAt = Date.now()): string {
  return `[bench ${sentAt.toString(36)}]`;
}

/** When a filing was sent, from the marker at the end of its title (benchTitleMarker); NaN when there is none. */
export function sentAtFromTitle(title: string): number {
  const marker = /\[bench ([0-9a-z]+)\]$/.exec(title)?.[1];
  return marker === undefined ? Number.NaN : parseInt(marker, 36);
}
