import { Controller, Delete, Get, Headers, HttpCode, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Readable } from 'node:stream';
import { Access } from '../auth/access.decorator';
import { ApiProblem } from '../http/api-problem.decorator';
import { UuidParam } from '../http/params';
import { CurrentOrg } from '../http/request';
import type { OrgAccess } from '../tenancy/org-access';
import { FileDto, UploadFileQueryDto } from './dto/file.dto';
import { contentDisposition, toFileDto } from './file.mapper';
import { FilesService } from './files.service';
import { AcceptsUpload, UPLOAD_CONTENT_TYPE, UploadStream } from './upload-body';

/** An org's files over HTTP: upload (raw body), download and delete. Contexts call FilesService instead. */
@Controller('orgs/:org/files')
export class FilesController {
  constructor(private readonly files: FilesService) {}

  /** Upload a file (the raw bytes as the body); its type is read from the content, not the name. */
  @Post()
  @ApiOperation({ summary: 'Upload a file' })
  @Access({ tier: 'member', scopes: ['files:write'] })
  @AcceptsUpload()
  @ApiConsumes(UPLOAD_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiHeader({ name: 'X-File-Name', required: false, description: 'The file name shown on download' })
  @ApiProblem(413, 'Larger than the purpose allows')
  @ApiProblem(415, 'Content of a type the purpose does not accept')
  async uploadFile(
    @CurrentOrg() access: OrgAccess,
    @Query() query: UploadFileQueryDto,
    @UploadStream() body: Readable,
    @Headers('x-file-name') declaredName?: string,
    @Headers('content-length') contentLength?: string,
  ): Promise<FileDto> {
    const declaredSize = contentLength && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
    const input = { orgId: access.org.id, uploaderId: access.userId, purpose: query.purpose, declaredName };
    return toFileDto(await this.files.store(undefined, { ...input, bytes: body, declaredSize }));
  }

  /** Download a file's bytes, with its detected type. */
  @Get(':id')
  @ApiOperation({ summary: 'Download a file' })
  @Access({ tier: 'member', scopes: ['files:read'] })
  @ApiProduces('application/octet-stream')
  async downloadFile(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<StreamableFile> {
    const { file, stream } = await this.files.open(access.org.id, id);
    return new StreamableFile(stream, {
      type: file.contentType,
      length: file.sizeBytes,
      disposition: contentDisposition(file.declaredName),
    });
  }

  /** Delete a file; its bytes are removed by a job shortly after. */
  @Delete(':id')
  @ApiOperation({ summary: 'Delete a file' })
  @HttpCode(204)
  @Access({ tier: 'officer', scopes: ['files:write'] })
  deleteFile(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.files.delete(access.org.id, id);
  }
}
