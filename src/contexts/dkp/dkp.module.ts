import { Module } from '@nestjs/common';
import { DkpDiscordModule } from './discord.module';
import { DkpImportModule } from './import/import.module';
import { DkpLootModule } from './loot.module';
import { DkpPointsModule } from './points.module';
import { DkpRaidsModule } from './raids.module';
import { DkpRecruitmentModule } from './recruitment.module';
import { DkpRosterModule } from './roster.module';

/**
 * The guild DKP context (EQ DKP Plus): a small parent of one module per aggregate group. Routes
 * live under /orgs/{org}/dkp/... and answer 404 for orgs that have not enabled `dkp`.
 */
@Module({
  imports: [
    DkpRosterModule,
    DkpPointsModule,
    DkpRaidsModule,
    DkpLootModule,
    DkpRecruitmentModule,
    DkpDiscordModule,
    DkpImportModule,
  ],
  exports: [DkpRosterModule, DkpPointsModule, DkpLootModule],
})
export class DkpModule {}
