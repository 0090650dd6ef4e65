import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class UpdateStarcorpPeopleSettingsDto {
  /** How many squadrons a member may be active in at once. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(50)
  squadronsPerMember?: number;
}

export class StarcorpPeopleSettingsDto {
  squadronsPerMember: number;
}
