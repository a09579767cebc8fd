import { join } from 'node:path';

/** Validated settings of one demo partner receiver process. */
export interface PartnerConfig {
  /** Partner name; also the default output folder name. Letters, digits, `.`, `_`, `-` (1..64). */
  partnerName: string;
  /** Interface to listen on (default 127.0.0.1). */
  host: string;
  /** TCP port (default 4100). */
  port: number;
  /** Standard Webhooks secret, `whsec_` + base64 of 24..64 bytes. */
  webhookSecret: string;
  /** Folder holding `alerts.jsonl` (default `.local/partners/<partnerName>`, relative to the working directory). */
  outDir: string;
  /** Base URL of the single window API that acknowledgements go to (default http://127.0.0.1:3000). */
  appUrl: string;
  /** API key for `POST /alerts/{id}/ack`; without it the receiver does not acknowledge. */
  partnerApiKey?: string;
}

/** Thrown by {@link loadPartnerConfig}; `problems` lists every bad variable, one message each. */
export class PartnerConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid demo partner configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'PartnerConfigError';
  }
}

const PARTNER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Reads and validates the receiver's environment:
 * `PARTNER_NAME` (required), `WEBHOOK_SECRET` (required, `whsec_<base64>` decoding to 24..64 bytes as
 * Standard Webhooks 1.0 "Signature scheme" recommends), `PORT` (default 4100), `HOST` (default 127.0.0.1),
 * `OUT_DIR` (default `.local/partners/<PARTNER_NAME>`), `APP_URL` (default http://127.0.0.1:3000, http or
 * https), `PARTNER_API_KEY` (optional).
 * Errors: throws {@link PartnerConfigError} naming every invalid variable (never echoing secret values).
 */
export function loadPartnerConfig(env: NodeJS.ProcessEnv): PartnerConfig {
  const problems: string[] = [];
  const value = (name: string): string | undefined => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };

  const partnerName = value('PARTNER_NAME');
  if (!partnerName) problems.push('PARTNER_NAME is required (e.g. PARTNER_NAME=gb-single-window)');
  else if (!PARTNER_NAME.test(partnerName))
    problems.push('PARTNER_NAME must be 1..64 letters, digits, ".", "_" or "-", starting with a letter or digit');

  const webhookSecret = value('WEBHOOK_SECRET');
  if (!webhookSecret) problems.push('WEBHOOK_SECRET is required (the "whsec_..." secret shown when the partner was onboarded)');
  else {
    const encoded = webhookSecret.startsWith('whsec_') ? webhookSecret.slice('whsec_'.length) : undefined;
    if (encoded === undefined) problems.push('WEBHOOK_SECRET must start with "whsec_"');
    else if (!BASE64.test(encoded)) problems.push('WEBHOOK_SECRET must be "whsec_" followed by standard base64');
    else {
      const bytes = Buffer.from(encoded, 'base64').length;
      if (bytes < 24 || bytes > 64) problems.push(`WEBHOOK_SECRET must decode to 24..64 bytes (got ${bytes})`);
    }
  }

  const portText = value('PORT') ?? '4100';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || !Number.isInteger(port) || port < 1 || port > 65535)
    problems.push(`PORT must be an integer 1..65535 (got "${portText}")`);

  const appUrl = (value('APP_URL') ?? 'http://127.0.0.1:3000').replace(/\/+$/, '');
  try {
    const url = new URL(appUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push('APP_URL must be an http:// or https:// URL');
  } catch {
    problems.push(`APP_URL is not a URL (got "${appUrl}")`);
  }

  if (problems.length) throw new PartnerConfigError(problems);
  const name = partnerName as string;
  return {
    partnerName: name,
    host: value('HOST') ?? '127.0.0.1',
    port,
    webhookSecret: webhookSecret as string,
    outDir: value('OUT_DIR') ?? join('.local', 'partners', name),
    appUrl,
    partnerApiKey: value('PARTNER_API_KEY'),
  };
}
