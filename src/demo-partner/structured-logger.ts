/** Severity of a log line. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Writes one structured log line: `msg` plus flat JSON-serialisable fields. */
export type StructuredLogger = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => void;

/**
 * A logger that prints one JSON object per line to `write` (stdout by default):
 * `{ "time": ISO-8601, "level", "partner", "msg", ...fields }`. Fields never override those four keys.
 */
export function createStructuredLogger(
  partner: string,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): StructuredLogger {
  return (level, msg, fields = {}) => {
    const line: Record<string, unknown> = { time: new Date().toISOString(), level, partner, msg };
    for (const [key, value] of Object.entries(fields)) if (!(key in line)) line[key] = value;
    write(JSON.stringify(line));
  };
}

/** A logger that drops everything (tests). */
export const silentLogger: StructuredLogger = () => undefined;
