import type { Readable } from 'node:stream';
import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AcceptsUpload, UPLOAD_CONTENT_TYPE, UploadStream } from '../../../../platform/files/upload-body';
import { ApiProblem } from '../../../../platform/http/api-problem.decorator';
import { Idempotent } from '../../../../platform/http/idempotency';
import { CursorPageQueryDto } from '../../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../../platform/http/pagination';
import { UuidParam } from '../../../../platform/http/params';
import { CurrentOrg } from '../../../../platform/http/request';
import type { OrgAccess } from '../../../../platform/tenancy/org-access';
import { OrgContext } from '../../../../platform/tenancy/org-context.decorator';
import { StarcorpMember, StarcorpRead, StarcorpWrite } from '../../starcorp-access';
import {
  CreateServiceRecordDto,
  ListStarcorpMembersQueryDto,
  ServiceRecordDto,
  StarcorpMemberDetailDto,
  StarcorpMemberDto,
  UpdateMyStarcorpProfileDto,
  UpdateStarcorpMemberDto,
} from './dto/member.dto';
import { StarcorpMembersService } from './members.service';

const StarcorpMemberPageDto = PageOf(StarcorpMemberDto);
const ServiceRecordPageDto = PageOf(ServiceRecordDto);

/** The corporation's members: profiles, ranks and service records. */
@ApiTags('starcorp-members')
@OrgContext('starcorp')
@Controller('orgs/:org/starcorp/members')
export class StarcorpMembersController {
  constructor(private readonly members: StarcorpMembersService) {}

  /** Lists the members by username (filter by rank or tier; search names). */
  @Get()
  @StarcorpRead()
  @ApiOkResponse({ type: StarcorpMemberPageDto })
  listStarcorpMembers(
    @CurrentOrg() access: OrgAccess,
    @Query() q: ListStarcorpMembersQueryDto,
  ): Promise<Page<StarcorpMemberDto>> {
    return this.members.list(access.org, q);
  }

  /** Edits the caller's own profile (display name, bio). */
  @Patch('me')
  @StarcorpMember()
  @ApiOkResponse({ type: StarcorpMemberDetailDto })
  updateMyStarcorpProfile(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: UpdateMyStarcorpProfileDto,
  ): Promise<StarcorpMemberDetailDto> {
    return this.members.updateMine(access, dto);
  }

  /** Replaces the caller's avatar: the raw image as the body (PNG, JPEG or WebP by content, ≤ 2 MiB). */
  @Put('me/avatar')
  @StarcorpMember()
  @AcceptsUpload()
  @ApiConsumes(UPLOAD_CONTENT_TYPE)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiOkResponse({ type: StarcorpMemberDetailDto })
  @ApiProblem(413, 'Larger than 2 MiB')
  @ApiProblem(415, 'Not a PNG, JPEG or WebP image')
  putMyStarcorpAvatar(
    @CurrentOrg() access: OrgAccess,
    @UploadStream() body: Readable,
    @Headers('content-length') contentLength?: string,
  ): Promise<StarcorpMemberDetailDto> {
    const declaredSize = contentLength && /^\d+$/.test(contentLength) ? Number(contentLength) : undefined;
    return this.members.putAvatar(access, { bytes: body, declaredSize });
  }

  /** Removes the caller's uploaded avatar. */
  @Delete('me/avatar')
  @HttpCode(204)
  @StarcorpMember()
  @ApiNoContentResponse()
  deleteMyStarcorpAvatar(@CurrentOrg() access: OrgAccess): Promise<void> {
    return this.members.deleteAvatar(access);
  }

  /** A member's uploaded avatar image. */
  @Get(':userId/avatar')
  @StarcorpRead()
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  async getStarcorpMemberAvatar(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
  ): Promise<StreamableFile> {
    const { file, stream } = await this.members.openAvatar(access.org.id, userId);
    return new StreamableFile(stream, { type: file.contentType, length: file.sizeBytes });
  }

  /** One member's profile, stats and latest service records. */
  @Get(':userId')
  @StarcorpRead()
  @ApiOkResponse({ type: StarcorpMemberDetailDto })
  getStarcorpMember(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
  ): Promise<StarcorpMemberDetailDto> {
    return this.members.get(access.org, userId);
  }

  /** Sets a member's rank (officers; announced as `starcorp.member.rank_changed`). */
  @Patch(':userId')
  @StarcorpWrite()
  @ApiOkResponse({ type: StarcorpMemberDetailDto })
  @ApiProblem(403, ['tier-above-own'])
  updateStarcorpMember(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
    @Body() dto: UpdateStarcorpMemberDto,
  ): Promise<StarcorpMemberDetailDto> {
    return this.members.setRank(access, userId, dto);
  }

  /** A member's service records, newest first. */
  @Get(':userId/records')
  @StarcorpRead()
  @ApiOkResponse({ type: ServiceRecordPageDto })
  listStarcorpServiceRecords(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<ServiceRecordDto>> {
    return this.members.listRecords(access.org.id, userId, q);
  }

  /** Records a completed mission or training of a member (officers). */
  @Post(':userId/records')
  @StarcorpWrite()
  @Idempotent()
  @ApiCreatedResponse({ type: ServiceRecordDto })
  createStarcorpServiceRecord(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('userId') userId: string,
    @Body() dto: CreateServiceRecordDto,
  ): Promise<ServiceRecordDto> {
    return this.members.addRecord(access, userId, dto);
  }
}
