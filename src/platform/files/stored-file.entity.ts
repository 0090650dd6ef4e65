import { Column, Entity, Index } from 'typeorm';
import { OrgScopedEntity } from '../database/base.entity';
import { ReferencesUser } from '../database/user-reference';

/**
 * One uploaded file of an org: what its bytes are (type detected from the content, size, sha256)
 * and where they are kept (`storageKey`, random). The bytes are deleted by a job after the row.
 */
@Entity('files')
@Index('ix_files_org_created', ['orgId', 'createdAt'])
@ReferencesUser('uploaderId', { onDelete: 'SET NULL' })
export class StoredFile extends OrgScopedEntity {
  @Column('varchar', { length: 32 })
  purpose: string;

  /** Detected from the bytes (magic numbers), never taken from the client. */
  @Column('varchar', { length: 100 })
  contentType: string;

  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  sizeBytes: number;

  /** Hex SHA-256 of the bytes, for integrity checks and deduplication by callers. */
  @Column('char', { length: 64 })
  sha256: string;

  /** The name the uploader gave, for the download's file name only; never used as a path. */
  @Column('varchar', { length: 255, nullable: true })
  declaredName: string | null;

  /** Null for uploads by a bot key, or once the user is deleted. */
  @Column('uuid', { nullable: true })
  uploaderId: string | null;

  @Column('varchar', { length: 100, unique: true })
  storageKey: string;
}
