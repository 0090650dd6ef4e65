import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { CursorPageQueryDto } from '../../http/page-query.dto';

export class AuditQueryDto extends CursorPageQueryDto {
  /** operationId of the mutation, e.g. `updateMember`. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @IsOptional()
  @IsUUID()
  actorUserId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetId?: string;
}

export class AuditEntryDto {
  id: string;
  actorUserId: string | null;
  /** Set when the actor used an API key. */
  actorApiKeyId: string | null;
  /** operationId of the mutation. */
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** Fields the request set; secrets are redacted. */
  changes: Record<string, unknown>;
  requestId: string;
  /** HTTP status the mutation answered with. */
  status: number;
  createdAt: Date;
}
