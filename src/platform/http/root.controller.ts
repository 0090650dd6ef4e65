import { Controller, Get, Inject, RequestMethod } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import { AppConfig } from '../config/app-config';

/**
 * The two routes a newcomer tries first, `GET /` and `GET /api/v1`, outside the global prefix so
 * that neither is a 404: both point to the docs. `createApp` excludes them from the prefix.
 */
export const ROOT_ROUTES = [
  { path: '/', method: RequestMethod.GET },
  { path: 'api/v1', method: RequestMethod.GET },
];

export class ApiIndexDto {
  @ApiProperty({ example: 'Quartermaster API' })
  name: string;

  @ApiProperty({ example: '/api/v1', description: 'Base path of every operation' })
  api: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/docs',
    description: 'Swagger UI; null when the deployment hides the docs (DOCS_ENABLED=false)',
  })
  docs: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '/docs/openapi.json',
    description: 'The OpenAPI document (also /docs/openapi.yaml); null when the docs are hidden',
  })
  openapi: string | null;

  @ApiProperty({ example: '/api/v1/health/ready' })
  health: string;
}

@Controller()
export class RootController {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'Where the API and its docs are' })
  @Access.public()
  @ApiOkResponse({ type: ApiIndexDto })
  getRoot(): ApiIndexDto {
    return this.index();
  }

  @Get('api/v1')
  @ApiOperation({ summary: 'Where the API and its docs are (base path)' })
  @Access.public()
  @ApiOkResponse({ type: ApiIndexDto })
  getApiIndex(): ApiIndexDto {
    return this.index();
  }

  private index(): ApiIndexDto {
    const docs = this.config.docsEnabled;
    return {
      name: 'Quartermaster API',
      api: '/api/v1',
      docs: docs ? '/docs' : null,
      openapi: docs ? '/docs/openapi.json' : null,
      health: '/api/v1/health/ready',
    };
  }
}
