import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Principal } from '../../../platform/auth/principal';
import { ApiProblem } from '../../../platform/http/api-problem.decorator';
import { Page, PageOf } from '../../../platform/http/pagination';
import { UuidParam } from '../../../platform/http/params';
import { CurrentOrg, CurrentPrincipal } from '../../../platform/http/request';
import type { OrgAccess } from '../../../platform/tenancy/org-access';
import { OrgContext } from '../../../platform/tenancy/org-context.decorator';
import { DkpRead, DkpWrite } from '../dkp-access';
import { CharactersService } from './characters.service';
import { CharacterDto, CreateCharacterDto, ListCharactersQueryDto, OwnershipPeriodDto, ReassignCharacterDto, UpdateCharacterDto } from './dto/character.dto';
import { CreateRankDto, RankDto, UpdateRankDto } from './dto/rank.dto';
import { RanksService } from './ranks.service';

const CharacterPageDto = PageOf(CharacterDto);

@ApiTags('dkp-roster')
@OrgContext('dkp')
@Controller('orgs/:org/dkp')
export class RosterController {
  constructor(
    private readonly characters: CharactersService,
    private readonly ranks: RanksService,
  ) {}

  /** The roster, filtered, searched, ordered and paged by offset (with a total). */
  @Get('characters')
  @DkpRead()
  @ApiOkResponse({ type: CharacterPageDto })
  listCharacters(@CurrentOrg() a: OrgAccess, @Query() q: ListCharactersQueryDto): Promise<Page<CharacterDto>> {
    return this.characters.list(a.org.id, q);
  }

  @Post('characters')
  @DkpWrite()
  @ApiCreatedResponse({ type: CharacterDto })
  @ApiProblem(409, 'A character with that name exists (names are unique per org, any case)')
  createCharacter(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @Body() dto: CreateCharacterDto): Promise<CharacterDto> {
    return this.characters.create(a.org.id, p.user.id, dto);
  }

  /** Looks a character up by name, case-insensitively. */
  @Get('characters/by-name/:name')
  @DkpRead()
  @ApiOkResponse({ type: CharacterDto })
  getCharacterByName(@CurrentOrg() a: OrgAccess, @Param('name') name: string): Promise<CharacterDto> {
    return this.characters.getByName(a.org.id, name);
  }

  @Get('characters/:id')
  @DkpRead()
  @ApiOkResponse({ type: CharacterDto })
  getCharacter(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<CharacterDto> {
    return this.characters.get(a.org.id, id);
  }

  @Patch('characters/:id')
  @DkpWrite()
  @ApiOkResponse({ type: CharacterDto })
  @ApiProblem(409, 'Name taken')
  updateCharacter(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdateCharacterDto): Promise<CharacterDto> {
    return this.characters.update(a.org.id, id, dto);
  }

  @Delete('characters/:id')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  deleteCharacter(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.characters.remove(a.org.id, id);
  }

  /** Moves a character to another user; points earned so far stay with the previous owner. */
  @Post('characters/:id/reassign')
  @HttpCode(200)
  @DkpWrite()
  @ApiOkResponse({ type: CharacterDto })
  @ApiProblem(409, 'Already owned by that user')
  reassignCharacter(@CurrentOrg() a: OrgAccess, @CurrentPrincipal() p: Principal, @UuidParam('id') id: string, @Body() dto: ReassignCharacterDto): Promise<CharacterDto> {
    return this.characters.reassign(a.org.id, id, p.user.id, dto);
  }

  @Get('characters/:id/ownership-history')
  @DkpRead()
  @ApiOkResponse({ type: [OwnershipPeriodDto] })
  getOwnershipHistory(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<OwnershipPeriodDto[]> {
    return this.characters.ownershipHistory(a.org.id, id);
  }

  @Get('ranks')
  @DkpRead()
  @ApiOkResponse({ type: [RankDto] })
  listRanks(@CurrentOrg() a: OrgAccess): Promise<RankDto[]> {
    return this.ranks.list(a.org.id);
  }

  @Post('ranks')
  @DkpWrite()
  @ApiCreatedResponse({ type: RankDto })
  @ApiProblem(409, 'Name taken')
  createRank(@CurrentOrg() a: OrgAccess, @Body() dto: CreateRankDto): Promise<RankDto> {
    return this.ranks.create(a.org.id, dto);
  }

  @Patch('ranks/:id')
  @DkpWrite()
  @ApiOkResponse({ type: RankDto })
  updateRank(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string, @Body() dto: UpdateRankDto): Promise<RankDto> {
    return this.ranks.update(a.org.id, id, dto);
  }

  @Delete('ranks/:id')
  @HttpCode(204)
  @DkpWrite()
  @ApiNoContentResponse()
  deleteRank(@CurrentOrg() a: OrgAccess, @UuidParam('id') id: string): Promise<void> {
    return this.ranks.remove(a.org.id, id);
  }
}
