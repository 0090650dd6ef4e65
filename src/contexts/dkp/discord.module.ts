import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiscordBotController } from './discord/discord-bot.controller';
import { DiscordRoleMapping } from './discord/discord-role-mapping.entity';
import { DiscordRolesController } from './discord/discord-roles.controller';
import { DiscordRolesService } from './discord/discord-roles.service';
import { DiscordRosterController } from './discord/discord-roster.controller';
import { DiscordRosterService } from './discord/discord-roster.service';
import { DiscordSyncLog } from './discord/discord-sync-log.entity';
import { DiscordSyncController } from './discord/discord-sync.controller';
import { DiscordSyncService } from './discord/discord-sync.service';
import { DiscordRoleMappingsRepository } from './discord/role-mappings.repository';
import { DiscordSyncLogRepository } from './discord/sync-log.repository';
import { DkpLootModule } from './loot.module';
import { DkpPointsModule } from './points.module';
import { DkpRosterModule } from './roster.module';

/** Discord: role authority (rank/tier to role mappings, desired roster, sync log, links) and the bot's endpoints. */
@Module({
  imports: [
    TypeOrmModule.forFeature([DiscordRoleMapping, DiscordSyncLog]),
    DkpRosterModule,
    DkpPointsModule,
    DkpLootModule,
  ],
  controllers: [DiscordRolesController, DiscordRosterController, DiscordSyncController, DiscordBotController],
  providers: [
    DiscordRoleMappingsRepository,
    DiscordRolesService,
    DiscordRosterService,
    DiscordSyncLogRepository,
    DiscordSyncService,
  ],
})
export class DkpDiscordModule {}
