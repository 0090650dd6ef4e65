import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { QueryBoolean } from '../../../../platform/http/query-transforms';
import { ATTENDANCE_FLAGS, type AttendanceFlag } from '../attendance.entity';
import { VALUE_SOURCES, type ValueSource } from '../award-value';
import { ATTENDANCE_FORMATS, type AttendanceFormat } from '../parsing/attendance-formats';
import { IsCharacterName } from '../../common/character-name';

export class AttendeeInputDto {
  @IsCharacterName({ message: 'name must be a character name (letters only)' })
  name: string;

  @ApiProperty({ enum: ATTENDANCE_FLAGS, enumName: 'AttendanceFlag', required: false, default: 'on_time' })
  @IsOptional()
  @IsIn(ATTENDANCE_FLAGS)
  flag?: AttendanceFlag;
}

export class RecordAttendanceDto {
  /** Characters present; each is credited to the user who owned it at raid time. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => AttendeeInputDto)
  attendees: AttendeeInputDto[];
}

export class ImportAttendanceDto {
  // The example is a raid dump as the EverQuest Live client writes it (`/outputfile raidlist`):
  // tab-separated group, name, level, class, role and flags, CRLF lines (parsing/raid-dump.fixture.ts).
  /** Raw text: an EverQuest raid roster dump, /who log lines, a RaidTick file, or one name per line. */
  @ApiProperty({
    example: [
      '1\tArlorwyn\t125\tWarrior\tRaid Leader\t\t\tYes\t\r\n',
      '1\tBelkara\t124\tCleric\t\t\t\t\t\r\n',
      '1\tCalidor\t123\tPaladin\t\t\t\t\t\r\n',
      '1\tDarthan\t122\tRanger\t\t\t\t\t\r\n',
      '1\tElspeth\t121\tShadow Knight\t\t\t\t\t\r\n',
      '1\tFenwick\t120\tDruid\t\t\t\t\t\r\n',
      '2\tGaladris\t119\tMonk\tGroup Leader\t\t\tYes\t\r\n',
      '2\tHalvard\t125\tBard\t\t\t\t\t\r\n',
    ].join(''),
  })
  @IsString()
  @MaxLength(500_000)
  text: string;

  /** Omit to detect the format. */
  @ApiProperty({ enum: ATTENDANCE_FORMATS, enumName: 'AttendanceFormat', required: false })
  @IsOptional()
  @IsIn(ATTENDANCE_FORMATS)
  format?: AttendanceFormat;

  /** Flag applied to every imported name, e.g. for a late second roster dump. */
  @ApiProperty({ enum: ATTENDANCE_FLAGS, enumName: 'AttendanceFlag', required: false, default: 'on_time' })
  @IsOptional()
  @IsIn(ATTENDANCE_FLAGS)
  flag?: AttendanceFlag;
}

export class DryRunQueryDto {
  /** true: compute and return the result without writing anything. */
  @IsOptional()
  @QueryBoolean()
  @IsBoolean()
  dryRun?: boolean;
}

export class AwardedAttendeeDto {
  characterName: string;
  userId: string;
  @ApiProperty({ enum: ATTENDANCE_FLAGS, enumName: 'AttendanceFlag' })
  flag: AttendanceFlag;
  points: string;
}

export class NotAwardedAttendeeDto {
  characterName: string;
  userId: string;
  /** `already_credited` (the user is on this raid already) or `same_user` (another of their characters is in this list). */
  reason: string;
}

export class SkippedLineDto {
  line: number;
  text: string;
  reason: string;
}

export class AttendanceResultDto {
  raidId: string;
  /** True when nothing was written. */
  dryRun: boolean;
  /** The value of full attendance paid (late and early leavers get the pool's fraction of it). */
  @ApiProperty({ type: String, example: '10.00' })
  value: string;
  /**
   * Where `value` came from: `raid` (the raid's value) or `raidtick` (the file's Points column, used
   * because the raid had no value; it is now the raid's value).
   */
  @ApiProperty({ enum: VALUE_SOURCES, enumName: 'AttendanceValueSource' })
  valueSource: ValueSource;
  awarded: AwardedAttendeeDto[];
  /** Names whose user is already credited for this raid. */
  notAwarded: NotAwardedAttendeeDto[];
  /** Names that match no character of this org. */
  unknown: string[];
  totalPoints: string;
}

export class ImportResultDto extends AttendanceResultDto {
  @ApiProperty({ enum: ATTENDANCE_FORMATS, enumName: 'AttendanceFormat' })
  format: AttendanceFormat;
  /**
   * The distinct values of the RaidTick Points column (empty without one). Reported even when the
   * raid's own value was paid, so a file that disagrees with the raid shows.
   */
  @ApiProperty({ type: [String], example: ['10.00'] })
  filePoints: string[];
  /** Lines that held no usable name, with the reason. */
  skipped: SkippedLineDto[];
  /**
   * How many lines name a character (a timestamped /who entry) but could not be read: raiders who
   * were NOT credited and must be added by hand. 0 when every such line was read.
   */
  unparsedCharacterLines: number;
  /** Those lines (also present in `skipped`, reason `unreadable /who line`). */
  unparsedCharacterLineList: SkippedLineDto[];
}

export class AttendanceDto {
  userId: string;
  username: string;
  characterName: string;
  @ApiProperty({ enum: ATTENDANCE_FLAGS, enumName: 'AttendanceFlag' })
  flag: AttendanceFlag;
  points: string;
  createdAt: Date;
}
