import { lookup } from 'node:dns/promises';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';
import { URL_WITH_CREDENTIALS, urlFormRefusal } from '../common/url-form.js';

/** ipaddr.js range names that a webhook must never reach unless allow-listed (RFC 6890 special-purpose blocks). */
const REFUSED_RANGES = new Set([
  'unspecified',
  'broadcast',
  'multicast',
  'linkLocal', // includes 169.254.169.254, the cloud metadata address
  'loopback',
  'private',
  'uniqueLocal',
  'carrierGradeNat',
  'reserved',
  'benchmarking',
  'amt',
  'as112',
  'deprecated',
  'orchid2',
  'droneRemoteIdProtocolEntityTags',
  'ipv4Mapped',
  'rfc6145',
  'rfc6052',
  '6to4',
  'teredo',
]);

/**
 * "a loopback address", "an IPv4-mapped address": an ipaddr.js range name (`range()`) as words with its article, for
 * error messages. Names without a spelled-out form are shown as ipaddr.js gives them.
 */
export function describeRange(range: string): string {
  const words: Record<string, string> = {
    linkLocal: 'a link-local',
    uniqueLocal: 'a unique local',
    carrierGradeNat: 'a carrier-grade NAT',
    ipv4Mapped: 'an IPv4-mapped',
    droneRemoteIdProtocolEntityTags: 'a drone remote ID',
    rfc6145: 'an RFC 6145 translated',
    rfc6052: 'an RFC 6052 translated',
  };
  return words[range] ?? `${/^[aeiou]/i.test(range) ? 'an' : 'a'} ${range}`;
}

/** Why a destination was refused; the dispatcher records it as the attempt's error. */
export class DestinationRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DestinationRefusedError';
  }
}

/**
 * Decides which addresses webhooks may reach (SSRF protection, OWASP SSRF Prevention Cheat Sheet): public unicast
 * addresses, plus the CIDR ranges in WEBHOOK_ALLOWED_NETWORKS (e.g. `127.0.0.0/8` for the local demo).
 */
export class DestinationGuard {
  private readonly allowed: Array<[ipaddr.IPv4 | ipaddr.IPv6, number]>;

  /** @param allowedNetworks comma-separated CIDRs; errors: throws on an invalid CIDR. */
  constructor(allowedNetworks: string) {
    this.allowed = allowedNetworks
      .split(',')
      .map((cidr) => cidr.trim())
      .filter(Boolean)
      .map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** True when `address` (an IP literal) may be contacted. */
  permits(address: string): boolean {
    const parsed = ipaddr.process(address); // IPv4-mapped IPv6 becomes IPv4
    if (this.allowed.some(([network, bits]) => parsed.kind() === network.kind() && parsed.match(network, bits))) return true;
    return !REFUSED_RANGES.has(parsed.range());
  }

  /**
   * Why `url` may not be registered as a webhook (or a peer's base or JWK set URL), or null when nothing known before
   * delivery refuses it. Checks what needs no DNS:
   * - a URL the WHATWG URL parser (which every delivery uses) refuses, e.g. an IPv6 zone id (`http://[fe80::1%25eth0]/`,
   *   RFC 6874) that validators accepting RFC 3986 let through, and any host still holding a `%`;
   * - credentials in the URL (`https://user:pass@host/`): they would be stored and shown in plain text (views mask
   *   those stored before this check, src/partners/webhook-url.ts withoutCredentials);
   * - a literal IP host (`http://10.1.2.3/`, `http://[::1]/`; WHATWG URL parsing already turned `0x7f.1` or
   *   `2130706433` into dotted form) outside `permits`, and `localhost` / `*.localhost` (loopback by RFC 6761 §6.3)
   *   unless a loopback address is allow-listed.
   * A hostname that resolves to a refused address is refused only at delivery (`resolve`, at connect time), since DNS
   * answers can change after registration.
   */
  refusalOf(url: string): string | null {
    const formRefusal = urlFormRefusal(url);
    if (formRefusal === URL_WITH_CREDENTIALS) return `${formRefusal}; webhooks are authenticated by their signing secret`;
    if (formRefusal) return formRefusal;
    const parsed = new URL(url);
    const hostname = parsed.hostname.toLowerCase();
    if (hostname.includes('%')) return 'a host with a zone id or percent sign (%) is not accepted';
    const bare = hostname.replace(/^\[|\]$/g, '');
    if (ipaddr.isValid(bare)) {
      const address = ipaddr.process(bare); // an IPv4-mapped IPv6 address is named as the IPv4 one it reaches
      return this.permits(bare) ? null : `${address.toString()} is ${describeRange(address.range())} address that is not allow-listed (WEBHOOK_ALLOWED_NETWORKS); webhooks reach public addresses only`;
    }
    if ((bare === 'localhost' || bare.endsWith('.localhost')) && !this.permits('127.0.0.1') && !this.permits('::1')) {
      return `${bare} is a loopback name that is not allow-listed (WEBHOOK_ALLOWED_NETWORKS); webhooks reach public addresses only`;
    }
    return null;
  }

  /**
   * Resolves `hostname` now (not at onboarding: DNS can change) and returns the addresses to connect to.
   * Errors: DestinationRefusedError when any resolved address is refused or nothing resolves.
   */
  async resolve(hostname: string): Promise<Array<{ address: string; family: number }>> {
    const bare = hostname.replace(/^\[|\]$/g, '');
    const addresses = ipaddr.isValid(bare)
      ? [{ address: bare, family: ipaddr.parse(bare).kind() === 'ipv6' ? 6 : 4 }]
      : await lookup(bare, { all: true, verbatim: true }).catch((error: NodeJS.ErrnoException) => {
          throw new DestinationRefusedError(`cannot resolve ${bare}: ${error.code ?? error.message}`);
        });
    if (addresses.length === 0) throw new DestinationRefusedError(`${bare} resolves to no address`);
    const refused = addresses.find((entry) => !this.permits(entry.address));
    if (refused) {
      throw new DestinationRefusedError(`${bare} resolves to ${refused.address}, ${describeRange(ipaddr.process(refused.address).range())} address that is not allow-listed`);
    }
    return addresses;
  }
}

/**
 * An undici Agent that connects only to addresses `guard` vetted in the very lookup it makes at connect time (no
 * DNS-rebinding window between the check and the connection). Used for webhooks and for calls to peer single windows.
 */
export function guardedAgent(guard: DestinationGuard): Agent {
  return new Agent({
    connect: {
      lookup: (hostname, options, callback) => {
        guard.resolve(hostname).then(
          (addresses) => (options.all ? callback(null, addresses) : callback(null, addresses[0].address, addresses[0].family)),
          (error: Error) => callback(error, '', 0),
        );
      },
    },
  });
}
