import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { FILE_PURPOSE_NAMES, type FilePurposeName } from '../file-purposes';

export class UploadFileQueryDto {
  /** What the file is for: it decides the accepted types and the size limit. */
  @ApiProperty({ enum: FILE_PURPOSE_NAMES, enumName: 'FilePurpose', example: 'document' })
  @IsIn(FILE_PURPOSE_NAMES)
  purpose: FilePurposeName;
}

export class FileDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: FILE_PURPOSE_NAMES, enumName: 'FilePurpose' })
  purpose: FilePurposeName;

  /** Detected from the content, whatever the file's name says. */
  @ApiProperty({ example: 'application/pdf' })
  contentType: string;

  @ApiProperty({ example: 48213 })
  sizeBytes: number;

  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  sha256: string;

  @ApiProperty({ type: String, nullable: true, example: 'fuel-receipt.pdf' })
  declaredName: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  uploaderId: string | null;

  @ApiProperty()
  createdAt: Date;
}
