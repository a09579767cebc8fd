import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment.js';
import { TEXT_REDACTION_KINDS, type RedactionOptions, type TextRedactionKind } from './redact-text.js';

/**
 * Redaction settings from the environment: `REDACTION_DETECTORS` (comma-separated kinds of `TEXT_REDACTION_KINDS`,
 * or `none`) and `REDACTION_TOKEN` (`{kind}` is replaced by the kind). Fields the filer marks personal are always
 * redacted.
 */
export function redactionOptions(config: ConfigService<Environment, true>): RedactionOptions {
  return parseRedactionOptions(config.get('REDACTION_DETECTORS', { infer: true }), config.get('REDACTION_TOKEN', { infer: true }));
}

export function parseRedactionOptions(detectors: string, token: string): RedactionOptions {
  const named = detectors.split(',').map((name) => name.trim());
  return {
    detectors: new Set(TEXT_REDACTION_KINDS.filter((kind: TextRedactionKind) => named.includes(kind))),
    token,
  };
}
