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

  @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** Public base URL of this API, used to build OAuth redirect URLs. */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  PUBLIC_URL?: string;

  /** PostgreSQL connection string. Unset: an embedded PGlite database in QM_DATA_DIR. */
  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DATABASE_URL?: string;

  /** Read replicas for TypeORM replication (comma-separated connection strings). */
  @Transform(toList) @IsString({ each: true })
  DATABASE_REPLICA_URLS: string[] = [];

  @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  QM_DATA_DIR = './.data';

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  REDIS_URL?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString() @MinLength(32)
  JWT_SECRET?: string;

  @Transform(toInt) @IsInt() @Min(60) @Max(86400)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt) @IsInt() @Min(1) @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  @Transform(toBool) @IsBoolean()
  REGISTRATION_ENABLED = true;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DISCORD_CLIENT_ID?: string;

  @Transform(emptyToUndefined) @IsOptional() @IsString()
  DISCORD_CLIENT_SECRET?: string;

  /** Where Discord sends the browser back to; defaults to PUBLIC_URL + the callback route. */
  @Transform(emptyToUndefined) @IsOptional() @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  DISCORD_REDIRECT_URI?: string;

  /** Discord's web origin; tests point it at a local fake. */
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  DISCORD_BASE_URL = 'https://discord.com';

  @Transform(toList) @IsString({ each: true })
  CORS_ORIGINS: string[] = [];

  @Transform(toInt) @IsInt() @Min(1024) @Max(50 * 1024 * 1024)
  BODY_LIMIT_BYTES = 1024 * 1024;

  /** Requests per minute for a user, personal key or IP. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Requests per minute for bot keys on the `high` rate-limit tier. */
  @Transform(toInt) @IsInt() @Min(1)
  RATE_LIMIT_BOT_HIGH_PER_MINUTE = 3000;

  /** Business contexts switched off for this deployment (their routes answer 404). */
  @Transform(toList) @IsString({ each: true })
  CONTEXTS_DISABLED: string[] = [];

  /** Run recurring jobs (decay, ...) in this process. Safe on every instance; tests turn it off. */
  @Transform(toBool) @IsBoolean()
  JOBS_ENABLED = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }

  get discordConfigured(): boolean {
    return Boolean(this.DISCORD_CLIENT_ID && this.DISCORD_CLIENT_SECRET);
  }
}

/** Only ever used outside production (loadConfig refuses production without JWT_SECRET). */
const DEV_JWT_SECRET = 'quartermaster-development-secret-not-for-production';

export class ConfigError extends Error {}

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
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')} (got ${JSON.stringify(e.value)})`,
  );
  if (config.isProduction && !config.JWT_SECRET) {
    problems.push('JWT_SECRET: must be set (at least 32 characters) when NODE_ENV=production');
  }
  if (Boolean(config.DISCORD_CLIENT_ID) !== Boolean(config.DISCORD_CLIENT_SECRET)) {
    problems.push('DISCORD_CLIENT_ID / DISCORD_CLIENT_SECRET: set both or neither');
  }
  if (problems.length) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
