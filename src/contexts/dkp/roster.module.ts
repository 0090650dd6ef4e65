import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CharacterOwnership } from './roster/character-ownership.entity';
import { Character } from './roster/character.entity';
import { CharactersController } from './roster/characters.controller';
import { CharactersRepository } from './roster/characters.repository';
import { CharactersService } from './roster/characters.service';
import { Rank } from './roster/rank.entity';
import { RanksService } from './roster/ranks.service';
import { RanksController } from './roster/ranks.controller';

/** Roster: characters (mains and alts, ownership history) and guild ranks. */
@Module({
  imports: [TypeOrmModule.forFeature([Character, CharacterOwnership, Rank])],
  controllers: [CharactersController, RanksController],
  providers: [CharactersRepository, CharactersService, RanksService],
  exports: [CharactersService, RanksService],
})
export class DkpRosterModule {}
