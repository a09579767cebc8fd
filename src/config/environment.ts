import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';
import { SURGE_ALERT_TLP_MARKINGS, TLP_MARKINGS, type SurgeAlertTlp, type TlpMarking } from '@app/contracts';

const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;

const toBoolean = ({ value }: { value: unknown }): unknown => (value === 'true' ? true : value === 'false' ? false : value);

const toNumber = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)$/.test(value) ? Number(value) : value;

/**
 * Process environment, validated at boot (`ConfigModule.forRoot({ validate })`); every variable has a
 * default that runs the whole stack on one machine. The README's configuration table lists the same names.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** Interface to listen on: an IP address or a host name. */
  @Matches(/^(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|[0-9a-fA-F:]+|[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)$/, {
    message: 'HOST must be an IP address or a host name such as 127.0.0.1 or 0.0.0.0',
  })
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** PostgreSQL URL; the database is created if missing. */
  @Matches(/^postgres(ql)?:\/\/.+\/[A-Za-z0-9_]+(\?.*)?$/, { message: 'DATABASE_URL must be postgres://user@host:port/database' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/aisw';

  /** Comma-separated host:port list. */
  @Matches(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, { message: 'KAFKA_BROKERS must be host:port[,host:port...]' })
  KAFKA_BROKERS = '127.0.0.1:9092';

  @Matches(/^[a-z0-9][a-z0-9-]{0,30}$/, { message: 'KAFKA_CLIENT_ID must match [a-z0-9][a-z0-9-]{0,30}' })
  KAFKA_CLIENT_ID = 'aisw';

  /** Prefix of every topic name; lets test runs and deployments share a broker. */
  @Matches(/^[a-z0-9][a-z0-9-]{0,40}$/, { message: 'KAFKA_TOPIC_PREFIX must match [a-z0-9][a-z0-9-]{0,40}' })
  KAFKA_TOPIC_PREFIX = 'aisw';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  KAFKA_INCIDENT_PARTITIONS = 3;

  /** Names this app instance; part of the Kafka transactional id, so it must be unique per running replica. */
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'INSTANCE_ID must be 1..40 of [A-Za-z0-9-]' })
  INSTANCE_ID = 'main';

  /** ISO 3166-1 alpha-2 code of the jurisdiction this single window serves. */
  @Matches(/^[A-Z]{2}$/, { message: 'JURISDICTION must be an ISO 3166-1 alpha-2 code such as CN' })
  JURISDICTION = 'CN';

  /** TLP 2.0 marking applied when a filing names none. */
  @IsIn(TLP_MARKINGS)
  DEFAULT_TLP: TlpMarking = 'GREEN';

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  OUTBOX_POLL_INTERVAL_MS = 2000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DELIVERY_POLL_INTERVAL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(120_000)
  DELIVERY_TIMEOUT_MS = 10_000;

  /** How long a webhook alert is retried before it is dead-lettered. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(7 * 24 * 3600)
  DELIVERY_RETRY_WINDOW_SECONDS = 24 * 3600;

  /** First retry delay; later ones double up to DELIVERY_RETRY_MAX_SECONDS, with full jitter. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  DELIVERY_RETRY_BASE_SECONDS = 5;

  /**
   * Cap of the retry delay ceiling in seconds (webhook deliveries and messages to peers): the n-th retry waits a
   * uniform random time in [1 s, min(this, base·2^(n-1))]. Default one hour; smaller values retry a recovered
   * endpoint sooner at the cost of more attempts while it is down.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 3600)
  DELIVERY_RETRY_MAX_SECONDS = 3600;

  /**
   * CIDR ranges webhooks may reach although they are private, loopback or link-local (comma-separated); empty means
   * public addresses only. The local demo uses 127.0.0.0/8.
   */
  @Matches(/^[0-9a-fA-F:./, ]*$/, { message: 'WEBHOOK_ALLOWED_NETWORKS must be comma-separated CIDRs such as 127.0.0.0/8' })
  WEBHOOK_ALLOWED_NETWORKS = '';

  /**
   * Least time between two fetches of a peer's JWK set URL when a peer alert names a key id the stored set lacks
   * (src/federation/peer-alert-verifier.ts); bounds what a forged `kid` can make this window fetch.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  PEER_JWKS_REFRESH_SECONDS = 30;

  /** How long a retired alert-signing key stays in the JWK set, so alerts signed before a rotation verify. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  JWKS_RETENTION_DAYS = 30;

  /**
   * An incident goes to the review queue (`GET /reviews`) when any axis's confidence is below this (0..1), besides
   * any `undetermined` axis or filer disagreement (src/classification/review-rules.ts).
   */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'REVIEW_CONFIDENCE_THRESHOLD must be a number in 0..1' })
  @Min(0)
  @Max(1)
  REVIEW_CONFIDENCE_THRESHOLD = 0.6;

  /**
   * Seconds a partner has to acknowledge a `flash` alert (POST /alerts/{id}/ack) before it escalates: re-sent and
   * marked overdue (src/escalation). Urgency comes from the alert's classification (TAXONOMY_VOCABULARY.urgencyRule).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  ACK_DEADLINE_FLASH_SECONDS = 3600;

  /** Acknowledgement deadline of a `priority` alert, in seconds (default 24 h). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  ACK_DEADLINE_PRIORITY_SECONDS = 24 * 3600;

  /** Acknowledgement deadline of a `routine` alert, and of one whose classification names no urgency, in seconds (72 h). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24 * 3600)
  ACK_DEADLINE_ROUTINE_SECONDS = 72 * 3600;

  /** How often the escalation scheduler looks for alerts past their acknowledgement deadline. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  ESCALATION_POLL_INTERVAL_MS = 30_000;

  /**
   * How many times an unacknowledged alert escalates (each time re-sent to a webhook partner, with a fresh deadline);
   * after that it only stays overdue for an admin (GET /alerts/overdue). 0 marks it overdue once without re-sending.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100)
  ESCALATION_MAX_RESENDS = 3;

  /**
   * How long the acknowledgement-topic consumer keeps retrying an acknowledgement whose alert it does not know yet
   * (a Kafka-only partner may read its alert before the app's alert log has recorded it), in seconds. After that the
   * message is logged and counted as `unknown-alert` and skipped. Blocks only that partner's acknowledgement topic.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(600)
  ACK_TOPIC_UNKNOWN_ALERT_WAIT_SECONDS = 30;

  /**
   * Score (0..1, sum of matched signal weights, src/correlation/link-score.ts) from which two incidents are linked as
   * likely reports of the same event (`GET /incidents/{id}/related`). Chosen on the real-data evaluation in
   * docs/correlation.md.
   */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'CORRELATION_THRESHOLD must be a number in 0..1' })
  @Min(0)
  @Max(1)
  CORRELATION_THRESHOLD = 0.55;

  /**
   * Days either side of an incident's occurrence date in which the correlator looks for incidents with similar text
   * (the date-window candidates; incidents naming the same party are found at any distance up to
   * CORRELATION_MAX_DAYS). Bounds the pg_trgm work per incident event.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  CORRELATION_TEXT_WINDOW_DAYS = 120;

  /** Incidents further apart than this many days (by occurrence date) are never linked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(36500)
  CORRELATION_MAX_DAYS = 730;

  /**
   * Also link incidents filed with the same single window (origin jurisdiction), i.e. duplicates within one window.
   * Off by default: the feature links reports of one event from different jurisdictions (issue 7).
   */
  @Transform(toBoolean)
  @IsBoolean()
  CORRELATION_SAME_JURISDICTION = false;

  /**
   * Static bearer token Prometheus may scrape `GET /metrics` with (16..200 visible ASCII characters); empty means only
   * admin API keys may. Keep it in a secret store; it is compared in constant time and never logged.
   */
  @Matches(/^(?:[\x21-\x7e]{16,200})?$/, { message: 'METRICS_TOKEN must be empty or 16..200 visible ASCII characters' })
  METRICS_TOKEN = '';

  /** How often the Kafka consumer lag gauge (`aisw_kafka_consumer_lag_messages`) is refreshed from the broker. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  METRICS_CONSUMER_LAG_INTERVAL_MS = 15_000;

  /**
   * How often the surge signal recorder runs EARS C2 over the last 12 ISO weeks and stores new surges in
   * `surge_signals` (docs/signals.md); 0 turns it off. `GET /signals` does not depend on it (computed on request).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  SURGE_DETECTION_INTERVAL_MS = 3_600_000;

  /**
   * How often the pending changes of the `trend_counts` read model (trend_count_deltas) are folded into the counts,
   * in milliseconds; 0 turns it off. Trends stay exact either way (queries add the unfolded changes); folding keeps
   * those few, so GET /trends stays fast after many filings.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  TREND_COUNTS_FOLD_INTERVAL_MS = 1000;

  /**
   * A date-sorted search with words that PostgreSQL expects to match fewer incidents than this collects and sorts every
   * match in one statement; one expected to match more walks back month by month (list-incidents.handler.ts). 0 always
   * walks. Only speed depends on it, never the results. Default from measurements at 1,000,000 incidents: the one
   * statement costs ≈ 25 µs per match (heap page and sort), a walk ≈ 0.2–1 ms per month it passes (at most 120), so
   * below ≈ 2,000 expected matches the statement costs no more than a long walk; estimates ran 2–3 × low.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  SEARCH_WALK_MIN_ESTIMATED_MATCHES = 2000;

  /**
   * `true`: each surge signal stored for the first time is sent once, as a routine signed `org.aisw.surge-alert.v1`
   * alert, to every partner with a subscription that has `trendSignals: true` and matches the category
   * (docs/signals.md). Off by default: partners must be ready for the new alert type.
   */
  @Transform(toBoolean)
  @IsBoolean({ message: 'SURGE_ALERTS_ENABLED must be true or false' })
  SURGE_ALERTS_ENABLED = false;

  /** TLP 2.0 marking of surge alerts (RED is not offered: a statistical signal has no named recipients). */
  @IsIn(SURGE_ALERT_TLP_MARKINGS)
  SURGE_ALERTS_TLP: SurgeAlertTlp = 'GREEN';

  /**
   * `GET /trends` requests (the dashboard's charts among them) counted and serialised at once in this process; the
   * others wait in line (TrendsLane, p-limit). Bounds the memory and event-loop time many large trend answers take
   * together (each up to 100,000 cells, about 10 MB of JSON). The periodic report's small trends do not wait in it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  TRENDS_MAX_CONCURRENT = 4;

  /** Length of the rate limit's fixed window, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /** Requests one API key may make per window (0: no limit); beyond it 429 with Retry-After. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_PER_KEY = 1200;

  /**
   * Requests per window from one client IP address without a valid API key: public endpoints, and every failed
   * authentication (no, malformed, unknown or revoked key), so random keys do not get buckets of their own (0: no limit).
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_PER_IP = 300;

  /** Requests per window without a valid API key from all client addresses together: a cap on guessing from many addresses (0: no limit). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  RATE_LIMIT_UNAUTHENTICATED_GLOBAL = 3000;

  /**
   * Redaction detectors run on every alert and the public feed before anything leaves the jurisdiction:
   * comma-separated of cnResidentId, usSsn, ukNino, iban, email, phone, or `none` (fields a filer marks personal are
   * redacted in any case). src/redaction.
   */
  @Matches(/^(none|(cnResidentId|usSsn|ukNino|iban|email|phone)(,(cnResidentId|usSsn|ukNino|iban|email|phone))*)$/, {
    message: 'REDACTION_DETECTORS must be `none` or a comma-separated list of cnResidentId, usSsn, ukNino, iban, email, phone',
  })
  REDACTION_DETECTORS = 'cnResidentId,usSsn,ukNino,iban,email,phone';

  /** Replacement text of a redacted value; `{kind}` becomes the kind (e.g. `[redacted:email]`). 1–60 printable characters. */
  @Matches(/^\P{Cc}{1,60}$/u, { message: 'REDACTION_TOKEN must be 1-60 printable characters' })
  REDACTION_TOKEN = '[redacted:{kind}]';

  /**
   * Key-encryption keys of the secrets stored in PostgreSQL (alert-signing private keys, partner webhook secrets;
   * envelope encryption with AES-256-GCM, src/data-encryption): comma-separated `<key id>:<base64 of 32 random bytes>`,
   * the first sealing new values, the others only opening older ones (rotation; then `cli.js data-keys:reencrypt`).
   * Required in production (here or in AISW_DATA_ENCRYPTION_KEYS_FILE); elsewhere a public development key stands in,
   * with a warning. Never commit it; generate one with `openssl rand -base64 32`.
   */
  @Matches(/^(?:[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)(?:\s*,\s*[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*$|^$/, {
    message: 'AISW_DATA_ENCRYPTION_KEYS must be comma-separated <key id>:<base64 of 32 bytes> entries (key id: 1..32 of [A-Za-z0-9_-])',
  })
  AISW_DATA_ENCRYPTION_KEYS = '';

  /** A file holding the key list in the AISW_DATA_ENCRYPTION_KEYS format (one entry per line or comma-separated); used when that is empty. */
  @IsString()
  AISW_DATA_ENCRYPTION_KEYS_FILE = '';

  @IsOptional()
  @IsIn(['log', 'error', 'warn', 'debug', 'verbose', 'fatal'])
  LOG_LEVEL: 'log' | 'error' | 'warn' | 'debug' | 'verbose' | 'fatal' = 'log';

  /** Connections in the app's PostgreSQL pool (keep replicas × this below the server's max_connections). */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  @Max(500)
  DATABASE_POOL_SIZE = 20;

  /**
   * Seconds a verified API key is trusted from memory before it is looked up again (0: every request looks it up).
   * A key revoked through this process is refused at once; one revoked elsewhere (another replica) within this time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  API_KEY_CACHE_SECONDS = 5;
}

/**
 * `ConfigModule` validate hook: returns typed, defaulted values or throws one Error listing every bad variable.
 */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const known = Object.keys(new Environment());
  const picked = Object.fromEntries(Object.entries(raw).filter(([key, value]) => known.includes(key) && value !== ''));
  const environment = plainToInstance(Environment, picked, { exposeDefaultValues: true });
  const errors = validateSync(environment, { skipMissingProperties: false });
  const lines = errors.map((error) => `  ${error.property}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  if (environment.NODE_ENV === 'production' && !environment.AISW_DATA_ENCRYPTION_KEYS && !environment.AISW_DATA_ENCRYPTION_KEYS_FILE) {
    lines.push('  AISW_DATA_ENCRYPTION_KEYS: required in production (or AISW_DATA_ENCRYPTION_KEYS_FILE): secrets in PostgreSQL are encrypted with it');
  }
  if (lines.length > 0) {
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return environment;
}

