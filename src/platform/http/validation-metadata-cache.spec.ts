import { getMetadataStorage, IsInt, IsString, validate } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache';

class BaseDto {
  @IsString()
  name!: string;
}

class ChildDto extends BaseDto {
  @IsInt()
  count!: number;
}

const names = (target: object) =>
  getMetadataStorage()
    .getTargetValidationMetadatas(target as never, '', false, false)
    .map((m) => m.propertyName)
    .sort();

describe('cacheValidationMetadata', () => {
  beforeAll(() => cacheValidationMetadata());

  it('answers what class-validator computes, inherited rules included, once per argument list', () => {
    expect(names(ChildDto)).toEqual(['count', 'name']);
    expect(names(BaseDto)).toEqual(['name']);
    const storage = getMetadataStorage();
    const first = storage.getTargetValidationMetadatas(ChildDto, '', false, false);
    expect(storage.getTargetValidationMetadatas(ChildDto, '', false, false)).toBe(first);
    expect(storage.getTargetValidationMetadatas(ChildDto, '', false, false, ['admin'])).not.toBe(first);
  });

  it('sees a rule registered after an answer was kept', async () => {
    expect(names(ChildDto)).toEqual(['count', 'name']);
    IsString()(BaseDto.prototype, 'extra');
    expect(names(ChildDto)).toEqual(['count', 'extra', 'name']);
    const dto = Object.assign(new ChildDto(), { name: 'a', count: 1, extra: 5 });
    expect((await validate(dto)).map((e) => e.property)).toEqual(['extra']);
  });

  it('validates as before: a wrong value is still refused, a right one passes', async () => {
    expect(await validate(Object.assign(new ChildDto(), { name: 'a', count: 1, extra: 'x' }))).toEqual([]);
    const errors = await validate(Object.assign(new ChildDto(), { name: 7, count: 'x', extra: 'x' }));
    expect(errors.map((e) => e.property).sort()).toEqual(['count', 'name']);
  });

  it('installs once', () => {
    const patched = getMetadataStorage().getTargetValidationMetadatas;
    cacheValidationMetadata();
    expect(getMetadataStorage().getTargetValidationMetadatas).toBe(patched);
  });
});
