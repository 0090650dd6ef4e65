import { isIP } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  getMetadataStorage,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Max,
  Min,
  MinLength,
  validateSync,
  ValidateBy,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? []
    : String(value)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every setting the API reads from the environment, with its default. The class is the single
 * source of truth: `loadConfig` validates `process.env` against it at start and refuses to boot
 * with a message naming each bad variable.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Public base URL of this API, used to build OAuth redirect URLs. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  /** PostgreSQL connection string. Unset: an embedded PGlite database in QM_DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DATABASE_URL?: string;

  /**
   * A second PostgreSQL database for the communications store (member messages), with its own
   * migrations and outbox. Unset: the messages live in the main database.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  COMMUNICATIONS_DATABASE_URL?: string;

  /** Read replicas for TypeORM replication (comma-separated connection strings). */
  @Transform(toList)
  @IsString({ each: true })
  DATABASE_REPLICA_URLS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  /**
   * PostgreSQL `statement_timeout` for the API's connections (0: none); the client also gives up on
   * a connection that has not answered this long after it (plus 2 s) and replaces it. Not applied
   * to the embedded database.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DATABASE_STATEMENT_TIMEOUT_MS = 15_000;

  /** Longest wait to open a database connection or to get one from the pool; then 503. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  DATABASE_CONNECT_TIMEOUT_MS = 5_000;

  @IsString()
  QM_DATA_DIR = './.data';

  /**
   * Tests only: a dumped embedded data directory (tar file) to start from instead of an empty
   * database, so each test file skips initdb and the migrations. Needs QM_DATA_DIR=memory://;
   * ignored with DATABASE_URL. The jest global setup builds it once per run.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  QM_EMBEDDED_TEMPLATE?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(toBool)
  @IsBoolean()
  REGISTRATION_ENABLED = true;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DISCORD_CLIENT_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  DISCORD_CLIENT_SECRET?: string;

  /** Where Discord sends the browser back to; defaults to PUBLIC_URL + the callback route. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  DISCORD_REDIRECT_URI?: string;

  /** Discord's web origin; tests point it at a local fake. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  DISCORD_BASE_URL = 'https://discord.com';

  /** The community Star Citizen API (starcitizen-api.com style) for starcorp's RSI mirror. Unset: syncs answer 503. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  SC_API_BASE_URL?: string;

  /** Its key, a path segment of every call; never logged. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(1)
  SC_API_KEY?: string;

  /** Each Star Citizen API call's deadline, connect to last byte. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(120_000)
  SC_API_TIMEOUT_MS = 10_000;

  /** A larger Star Citizen API answer is refused (an org's member list is a few hundred KiB). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  SC_API_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

  /**
   * The brokerage assistant's model provider: the base URL of an OpenAI-compatible API (the app calls
   * `{ASSISTANT_URL}/chat/completions`). Unset: chat answers 503 and documents are read by the
   * rule-based extractor only.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true, protocols: ['http', 'https'] })
  ASSISTANT_URL?: string;

  /** The provider's API key, sent as a Bearer token; never logged. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  ASSISTANT_KEY?: string;

  /** The model the assistant asks for. */
  @IsString()
  @MinLength(1)
  ASSISTANT_MODEL = 'gpt-4o-mini';

  /** Whether the model reads images (then PNG/JPEG documents are transcribed by it; else they fail `ocr-unavailable`). */
  @Transform(toBool)
  @IsBoolean()
  ASSISTANT_VISION = false;

  /** Each provider call's deadline; a call that times out is retried (3 retries). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(300_000)
  ASSISTANT_TIMEOUT_MS = 30_000;

  /** Tokens (prompt + completion) each org may spend per calendar month (UTC); then 429 `assistant-budget-exhausted`. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  ASSISTANT_MONTHLY_TOKEN_BUDGET = 1_000_000;

  @Transform(toList)
  @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /**
   * Seconds a caller lookup (user, session or key, org membership) may be served from memory.
   * Changes still hold from the next request (see auth/caller-cache.ts); 0 turns the cache off.
   * Not used with the embedded database.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  CALLER_CACHE_SECONDS = 30;

  /** Requests per minute for a user, personal key or IP. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute for bot keys on the `high` rate-limit tier. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_BOT_HIGH_PER_MINUTE = 3000;

  /** Requests per minute per IP across all public org routes (`Access.publicOrg()`), beside the limit above. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PUBLIC_ORG_PER_MINUTE = 60;

  /**
   * How long an Idempotency-Key's claim holds while its request runs; a retry after a crash takes
   * the key over once the lease lapses (when the effect did not commit) instead of getting 409.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  IDEMPOTENCY_LEASE_SECONDS = 30;

  /**
   * Which proxies may set X-Forwarded-For (the client IP that per-IP limits count): unset or
   * `false` trusts none (the peer of the socket is the client); a hop count (`1`: one proxy in
   * front; only when nothing can reach the API around it); or proxy addresses and CIDRs (`10.0.0.0/8,127.0.0.1`; also `loopback`, `linklocal`,
   * `uniquelocal`). `true` (trust any sender) is refused: rotating the header would bypass limits.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY?: string;

  /** Wrong passwords in a row for one account from one client IP before its login is locked. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES = 5;

  /**
   * Login attempts for one account from all IPs that never logged into it before the account is
   * locked for those IPs (IPs with a recent successful login keep only their own limit).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_ACCOUNT_MAX_FAILURES = 20;

  /** First login lock; each further lock of the same account (and IP) doubles it. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCK_SECONDS = 60;

  /** Longest login lock; failures are forgotten after four times this without an attempt. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_LOCK_MAX_SECONDS = 900;

  /** Open server-sent-event streams per credential (user or key), per instance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  SSE_MAX_STREAMS_PER_PRINCIPAL = 5;

  /** Open server-sent-event streams per org, per instance. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  SSE_MAX_STREAMS_PER_ORG = 200;

  /** A client must send the request headers within this time (slow-header attacks). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(600)
  HTTP_HEADERS_TIMEOUT_SECONDS = 10;

  /** A client must send the whole request (headers and body) within this time. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_REQUEST_TIMEOUT_SECONDS = 30;

  /** How long an idle keep-alive connection stays open between requests. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS = 72;

  /**
   * A connection with no traffic either way for this long is closed (so also a request whose
   * answer takes that long to start). Event streams send a heartbeat every min(15 s, half of
   * this), so they stay open.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  HTTP_IDLE_TIMEOUT_SECONDS = 120;

  /**
   * Webhooks reach only globally routable unicast addresses, checked on every connection (not
   * loopback, private, link-local or any other special-purpose range). Default: on in production,
   * off elsewhere (tests and local development post to 127.0.0.1).
   */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  WEBHOOK_PUBLIC_TARGETS_ONLY?: boolean;

  /** Business contexts switched off for this deployment (their routes answer 404). */
  @Transform(toList)
  @IsString({ each: true })
  CONTEXTS_DISABLED: string[] = [];

  /**
   * Run job workers and the schedule check (decay, vote closing, retention, ...) in this process.
   * Off, the instance still queues jobs (an API-only instance); tests turn it off and drain by hand.
   */
  @Transform(toBool)
  @IsBoolean()
  JOBS_ENABLED = true;

  /** How often an idle worker asks its queue for a job. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  JOBS_POLL_INTERVAL_SECONDS = 2;

  /** How often an instance checks whether a cron period is due (each period is queued once). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  JOBS_SCHEDULE_CHECK_SECONDS = 30;

  /** Where uploaded files are kept when no S3 bucket is configured (created on first upload). */
  @IsString()
  QM_FILES_DIR = './.data/files';

  /** S3-compatible endpoint (MinIO, R2, ...); unset with S3_BUCKET set: AWS S3 itself. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  S3_ENDPOINT?: string;

  /** Set, files go to this bucket instead of QM_FILES_DIR. The bucket stays private: files are served by the API. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** Unset (with the secret), the AWS SDK's default credential chain applies (instance roles). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Bucket in the path (`endpoint/bucket/key`) rather than the host name: MinIO and most self-hosted stores need it. */
  @Transform(toBool)
  @IsBoolean()
  S3_FORCE_PATH_STYLE = false;

  /**
   * SMTP server for outgoing mail, e.g. `smtp://user:pass@mail.example.com:587` or
   * `smtps://...:465` (nodemailer connection URL). Unset: each message is written as an `.eml`
   * file under QM_MAIL_DIR instead (and logged), so a newcomer sees what would be sent.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['smtp', 'smtps'] })
  SMTP_URL?: string;

  /** The From header of every mail. */
  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Quartermaster <no-reply@quartermaster.local>';

  /** Where messages go as `.eml` files when SMTP_URL is unset. Default: `mail` in QM_DATA_DIR. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  QM_MAIL_DIR?: string;

  /** How long a password-reset token stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(5)
  @Max(1440)
  PASSWORD_RESET_TTL_MINUTES = 30;

  /**
   * The page of a frontend that takes a password-reset token: the mail links to it with
   * `?token=...` added. Unset: the mail gives the token and the API route to post it to.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PASSWORD_RESET_URL?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Serve Swagger UI and the spec (/docs, /docs/openapi.json). Default: on, except in production. */
  @Transform(toBool)
  @IsOptional()
  @IsBoolean()
  DOCS_ENABLED?: boolean;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get webhookPublicTargetsOnly(): boolean {
    return this.WEBHOOK_PUBLIC_TARGETS_ONLY ?? this.isProduction;
  }

  get docsEnabled(): boolean {
    return this.DOCS_ENABLED ?? !this.isProduction;
  }

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  /**
   * TRUST_PROXY in the form Fastify's `trustProxy` takes. Fastify ignores a bare hop count, so a
   * count becomes a function trusting that many hops, as Express does.
   */
  get trustProxy(): boolean | string[] | ((address: string, hop: number) => boolean) {
    const parsed = parseTrustProxy(this.TRUST_PROXY) ?? false;
    return typeof parsed === 'number' ? (_address, hop) => hop < parsed : parsed;
  }

  /** Files go to S3 (or an S3-compatible store) when a bucket is named, else to QM_FILES_DIR. */
  get filesInS3(): boolean {
    return Boolean(this.S3_BUCKET);
  }

  /** Folder of the `.eml` files written when SMTP_URL is unset (a temporary folder for an in-memory database). */
  get mailDir(): string {
    if (this.QM_MAIL_DIR) return this.QM_MAIL_DIR;
    return this.QM_DATA_DIR.startsWith('memory://')
      ? join(tmpdir(), 'quartermaster-mail')
      : join(this.QM_DATA_DIR, 'mail');
  }

  get discordConfigured(): boolean {
    return Boolean(this.DISCORD_CLIENT_ID && this.DISCORD_CLIENT_SECRET);
  }
}

const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY as Fastify takes it; null when it is malformed. */
export function parseTrustProxy(value: string | undefined): false | number | string[] | null {
  if (value === undefined || value.toLowerCase() === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim());
  const valid = (entry: string) => {
    if (PROXY_RANGE_NAMES.includes(entry)) return true;
    const [address, prefix, ...rest] = entry.split('/');
    const version = isIP(address);
    const maxPrefix = version === 6 ? 128 : 32;
    return (
      version > 0 && !rest.length && (prefix === undefined || (/^\d+$/.test(prefix) && Number(prefix) <= maxPrefix))
    );
  };
  return entries.length && entries.every(valid) ? entries : null;
}

function IsTrustProxy() {
  return ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
      defaultMessage: () =>
        'must be false, a hop count, or a comma-separated list of proxy addresses/CIDRs (`true` is not allowed)',
    },
  });
}

/** Only ever used outside production (loadConfig refuses production without JWT_SECRET). */
const DEV_JWT_SECRET = 'quartermaster-development-secret-not-for-production';

export class ConfigError extends Error {}

/** Settings whose value must never reach a log or a terminal: secrets and URLs that embed passwords. */
const SECRET_SETTING =
  /SECRET|PASSWORD|TOKEN|^DATABASE_URL$|^COMMUNICATIONS_DATABASE_URL$|^DATABASE_REPLICA_URLS$|^REDIS_URL$|^SMTP_URL$|^SC_API_KEY$|^ASSISTANT_KEY$/;

/** What a configuration error says about the value it refused: the value itself, unless it is secret. */
function describeValue(name: string, value: unknown): string {
  if (!SECRET_SETTING.test(name)) return `got ${JSON.stringify(value)}`;
  return typeof value === 'string' ? `got ${value.length} characters, value hidden` : 'value hidden';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(AppConfig, '', true, false)
      .map((m) => m.propertyName),
  );
  // An empty variable means "not set": the default applies.
  const input = Object.fromEntries(Object.entries(env).filter(([k, v]) => known.has(k) && v !== ''));
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const problems = validateSync(config, { whitelist: false }).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (${describeValue(e.property, e.value)})`,
  );
  if (config.isProduction && !config.JWT_SECRET) {
    problems.push('JWT_SECRET: must be set (at least 32 characters) when NODE_ENV=production');
  }
  if (Boolean(config.DISCORD_CLIENT_ID) !== Boolean(config.DISCORD_CLIENT_SECRET)) {
    problems.push('DISCORD_CLIENT_ID / DISCORD_CLIENT_SECRET: set both or neither');
  }
  if (Boolean(config.S3_ACCESS_KEY_ID) !== Boolean(config.S3_SECRET_ACCESS_KEY)) {
    problems.push('S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: set both or neither');
  }
  if (config.S3_ENDPOINT && !config.S3_BUCKET) problems.push('S3_BUCKET: must be set when S3_ENDPOINT is');
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
