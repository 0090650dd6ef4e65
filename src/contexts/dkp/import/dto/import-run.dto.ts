import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { IMPORT_RUN_STATUSES, type ImportRunStatus } from '../import-run-rules';
import type { DkpImportRun } from '../import-run.entity';

/**
 * An EQdkp Plus import to run as a job: the source database (a URL, or host/port/user/password/
 * database), the table prefix and the CLI's options. The connection details and the encryption
 * key are sealed into the job and never stored or shown in clear.
 */
export class StartEqdkpImportDto {
  @ApiProperty({ required: false, example: 'mysql://eqdkp:secret@db.example.net:3306/eqdkp', description: 'mysql:// or mariadb:// URL; or give host, user, database (port, password)' }) // prettier-ignore
  @IsOptional()
  @IsString()
  @MaxLength(500)
  mysqlUrl?: string;

  @ApiProperty({ required: false, example: 'db.example.net' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(253)
  @Matches(/^[A-Za-z0-9.:_-]+$/, { message: 'host must be a host name or an IP address' })
  host?: string;

  @ApiProperty({ required: false, example: 3306 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  @ApiProperty({ required: false, example: 'eqdkp' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(80)
  user?: string;

  @ApiProperty({ required: false, writeOnly: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  @ApiProperty({ required: false, example: 'eqdkp' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  database?: string;

  @ApiProperty({ example: 'eqdkp20_', description: 'The EQdkp table prefix (never assumed)' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_]{0,40}$/, { message: 'prefix must be a table prefix such as eqdkp20_' })
  prefix: string;

  @ApiProperty({ required: false, writeOnly: true, description: "The installation's encryption key (config.php), to decrypt e-mails and Discord ids" }) // prettier-ignore
  @IsOptional()
  @IsString()
  @MaxLength(200)
  encryptionKey?: string;

  @ApiProperty({ required: false, example: '1=Main,none=Outside', description: 'Pool name overrides, as the CLI --pools' }) // prettier-ignore
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  pools?: string;

  @ApiProperty({ required: false, default: false, description: 'Read, import and check in a transaction rolled back at the end' }) // prettier-ignore
  @IsOptional()
  @IsBoolean()
  dryRun?: boolean;
}

export class EqdkpImportProgressDto {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows read per EQdkp table' }) // prettier-ignore
  read: Record<string, number>;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Rows written per committed step, in order' }) // prettier-ignore
  steps: Record<string, number>;
}

export class EqdkpImportRunDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: IMPORT_RUN_STATUSES, enumName: 'EqdkpImportRunStatus' })
  status: ImportRunStatus;

  @ApiProperty()
  dryRun: boolean;

  @ApiProperty({ example: 'eqdkp20_' })
  prefix: string;

  @ApiProperty({ type: EqdkpImportProgressDto })
  progress: EqdkpImportProgressDto;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: "The import's report (counts per table, merges, skips, renames, notes, balance check) once it succeeded" }) // prettier-ignore
  report: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, description: 'Why it failed (never with the password)' })
  error: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  requestedByUserId: string | null;

  @ApiProperty()
  createdAt: Date;

  @ApiProperty({ type: Date, nullable: true })
  startedAt: Date | null;

  @ApiProperty({ type: Date, nullable: true })
  finishedAt: Date | null;
}

export function toImportRunDto(run: DkpImportRun): EqdkpImportRunDto {
  return {
    id: run.id,
    status: run.status,
    dryRun: run.dryRun,
    prefix: run.prefix,
    progress: { read: run.progress.read ?? {}, steps: run.progress.steps ?? {} },
    report: run.report as Record<string, unknown> | null,
    error: run.error,
    requestedByUserId: run.requestedByUserId,
    createdAt: run.createdAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
  };
}
