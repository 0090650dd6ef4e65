import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { CursorPageQueryDto } from '../../../platform/http/page-query.dto';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { CharactersService } from './characters.service';
import { BulkRankUpdateDto, BulkRankUpdateResultDto, RosterAuditDto } from './dto/roster-admin.dto';
import {
  CharacterDto,
  CreateCharacterDto,
  ListCharactersQueryDto,
  OwnershipPeriodDto,
  ReassignCharacterDto,
  UpdateCharacterDto,
} from './dto/character.dto';

const CharacterPageDto = PageOf(CharacterDto);
const OwnershipPeriodPageDto = PageOf(OwnershipPeriodDto);

/** The roster's characters: mains and alts of the org's members, and who owned each when. */
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class CharactersController {
  constructor(private readonly characters: CharactersService) {}

  /** The roster, filtered, searched, ordered and paged by offset (with a total). */
  @Get('characters')
  @DkpRead()
  @ApiOkResponse({ type: CharacterPageDto })
  listCharacters(@CurrentOrg() access: OrgAccess, @Query() q: ListCharactersQueryDto): Promise<Page<CharacterDto>> {
    return this.characters.list(access.org.id, q);
  }

  @Post('characters')
  @ApiOperation({ summary: 'Add a character to the roster' })
  @DkpWrite()
  @ApiProblem(409, ['character-name-taken'], 'A character with that name exists (names are unique per org, any case)')
  createCharacter(
    @CurrentOrg() access: OrgAccess,
    @CurrentPrincipal() principal: Principal,
    @Body() dto: CreateCharacterDto,
  ): Promise<CharacterDto> {
    return this.characters.create(access.org.id, principal.user.id, dto);
  }

  /** Looks a character up by name, case-insensitively. */
  @Get('characters/by-name/:name')
  @DkpRead()
  getCharacterByName(@CurrentOrg() access: OrgAccess, @Param('name') name: string): Promise<CharacterDto> {
    return this.characters.getByName(access.org.id, name);
  }

  @Get('characters/:id')
  @ApiOperation({ summary: 'Get a character' })
  @DkpRead()
  getCharacter(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<CharacterDto> {
    return this.characters.get(access.org.id, id);
  }

  @Patch('characters/:id')
  @ApiOperation({ summary: "Change a character's class, level, rank, status or owner" })
  @DkpWrite()
  @ApiProblem(409, ['character-name-taken'], 'Name taken')
  updateCharacter(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCharacterDto,
  ): Promise<CharacterDto> {
    return this.characters.update(access.org.id, id, dto);
  }

  /** Only a character without history; one with points history is retired (`status: retired`) instead. */
  @Delete('characters/:id')
  @HttpCode(204)
  @DkpWrite()
  @ApiProblem(409, ['character-has-history'], 'The character has points history: set `status: retired` instead')
  deleteCharacter(@CurrentOrg() access: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.characters.remove(access.org.id, id);
  }

  /** Moves a character to another user; points earned so far stay with the previous owner. */
  @Post('characters/:id/reassign')
  @HttpCode(200)
  @DkpWrite()
  @ApiProblem(409, ['already-owner'], 'Already owned by that user')
  reassignCharacter(
    @CurrentOrg() access: OrgAccess,
    @CurrentPrincipal() principal: Principal,
    @UuidParam('id') id: string,
    @Body() dto: ReassignCharacterDto,
  ): Promise<CharacterDto> {
    return this.characters.reassign(access.org.id, id, principal.user.id, dto);
  }

  /** Who owned the character when, oldest first, keyset-paged (`limit`, `cursor`). */
  @Get('characters/:id/ownership-history')
  @DkpRead()
  @ApiOkResponse({ type: OwnershipPeriodPageDto })
  getOwnershipHistory(
    @CurrentOrg() access: OrgAccess,
    @UuidParam('id') id: string,
    @Query() q: CursorPageQueryDto,
  ): Promise<Page<OwnershipPeriodDto>> {
    return this.characters.ownershipHistory(access.org.id, id, q);
  }

  /**
   * Gives many characters one rank (or none, with `rankId: null`), all or nothing: an unknown id or
   * another org's is a 404 listing `missingIds`, and nothing changes. Announced like single updates.
   */
  @Post('characters/bulk-rank')
  @HttpCode(200)
  @DkpWrite()
  @ApiProblem(404, ['not-found'], 'The rank, or some characters (`missingIds`), are not in this org; nothing changed')
  bulkUpdateCharacterRanks(
    @CurrentOrg() access: OrgAccess,
    @Body() dto: BulkRankUpdateDto,
  ): Promise<BulkRankUpdateResultDto> {
    return this.characters.bulkSetRank(access.org.id, dto);
  }

  /**
   * For officers: characters whose owner left, members without characters, near-identical names,
   * and inactive characters that still hold a rank, in one report.
   */
  @Get('roster-audit')
  @DkpWrite()
  getRosterAudit(@CurrentOrg() access: OrgAccess): Promise<RosterAuditDto> {
    return this.characters.audit(access.org.id);
  }
}
