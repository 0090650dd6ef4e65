import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { AppConfig } from '../config/app-config';
import { FILE_STORE, fileStoreFor } from './file-store';
import { FilesController } from './files.controller';
import { FilesService } from './files.service';
import { StoredFile } from './stored-file.entity';
import { installUploadParser } from './upload-body';

/**
 * Files for every context (FilesService) on the store the configuration names: a local folder
 * (QM_FILES_DIR) or an S3-compatible bucket (S3_*). Also installs the raw upload body parser.
 */
@Module({
  imports: [TypeOrmModule.forFeature([StoredFile])],
  controllers: [FilesController],
  providers: [FilesService, { provide: FILE_STORE, inject: [AppConfig], useFactory: fileStoreFor }],
  exports: [FilesService],
})
export class FilesModule implements OnModuleInit {
  constructor(private readonly adapter: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapter.httpAdapter?.getInstance<FastifyInstance>();
    if (fastify) installUploadParser(fastify);
  }
}
