import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { IsSafeName } from '../../../../platform/http/safe-text';

export class ProteinDto {
  id: string;
  name: string;
}

export class CreateProteinDto {
  @IsString()
  @IsNotEmpty()
  @IsSafeName()
  @MaxLength(48)
  name: string;
}

export class UpdateProteinDto extends CreateProteinDto {}
