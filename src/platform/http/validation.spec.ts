import { PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, IsUUID, ValidateNested } from 'class-validator';
import { IsNullable, RequiredWithout, strictValidationPipe } from './validation';

class LineDto {
  @IsString()
  name: string;

  @IsOptional()
  @IsString()
  note?: string;
}

class CreateThingDto {
  @IsString()
  name: string;

  @IsOptional()
  @IsString()
  description?: string;

  /** Nullable: null clears it. */
  @IsOptional()
  @IsNullable()
  @IsString()
  label?: string | null;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => LineDto)
  lines?: LineDto[];

  /** Free-form JSON: its nulls are data. */
  @IsOptional()
  @IsObject()
  meta?: Record<string, unknown>;
}

class UpdateThingDto extends PartialType(CreateThingDto) {}

class PickOneDto {
  @RequiredWithout<PickOneDto>('username')
  @IsUUID()
  userId?: string;

  @RequiredWithout<PickOneDto>('userId')
  @IsString()
  username?: string;
}

/** The paths of the 400 the global pipe answers, or 'ok'. */
async function check(metatype: new () => object, body: unknown): Promise<string[] | 'ok'> {
  try {
    await strictValidationPipe().transform(body, { type: 'body', metatype });
    return 'ok';
  } catch (error) {
    const response = (error as { getResponse(): { errors: { path: string }[] } }).getResponse();
    return response.errors.map((e) => e.path);
  }
}

describe('strictValidationPipe and null', () => {
  it('refuses null in an optional field, also one made optional by PartialType', async () => {
    expect(await check(CreateThingDto, { name: 'a', description: null })).toEqual(['description']);
    expect(await check(UpdateThingDto, { name: null })).toEqual(['name']);
    expect(await check(UpdateThingDto, { description: null, name: 'a' })).toEqual(['description']);
  });

  it('reports a required field sent as null once', async () => {
    expect(await check(CreateThingDto, { name: null })).toEqual(['name']);
  });

  it('takes null where the field is @IsNullable(), through PartialType too', async () => {
    expect(await check(CreateThingDto, { name: 'a', label: null })).toBe('ok');
    expect(await check(UpdateThingDto, { label: null })).toBe('ok');
    expect(await check(UpdateThingDto, { label: 3 })).toEqual(['label']);
  });

  it('names a null inside nested DTOs by its path, and leaves free-form JSON alone', async () => {
    expect(await check(CreateThingDto, { name: 'a', lines: [{ name: 'x' }, { name: 'y', note: null }] })).toEqual([
      'lines.1.note',
    ]);
    expect(await check(CreateThingDto, { name: 'a', meta: { anything: null } })).toBe('ok');
  });

  it('validates both of two alternative fields when both are given', async () => {
    expect(await check(PickOneDto, { username: 'a' })).toBe('ok');
    expect(await check(PickOneDto, {})).toEqual(['userId', 'username']);
    expect(await check(PickOneDto, { userId: '6f1c1c1e-0000-4000-8000-00000000f022', username: 42 })).toEqual([
      'username',
    ]);
  });
});
