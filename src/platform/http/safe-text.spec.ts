import { plainToInstance } from 'class-transformer';
import { IsOptional, IsString, validateSync } from 'class-validator';
import { IsSafeName, IsSafeText, unsafeTextReason } from './safe-text';

class Sample {
  @IsString()
  @IsSafeName()
  name: string;

  @IsOptional()
  @IsString()
  @IsSafeText()
  notes?: string;
}

const errorsOf = (input: object) =>
  validateSync(plainToInstance(Sample, input)).flatMap((e) => Object.values(e.constraints ?? {}));

describe('safe names and text', () => {
  it.each([
    ['Guild Ünïcödé 公会 ✨', null],
    ['family 👨‍👩‍👧', 'zero-width joiners'],
    ['admin\u202Egnp.exe', 'bidirectional control characters'],
    ['isolate \u2066x\u2069', 'bidirectional control characters'],
    ['ad\u200Bmin', 'zero-width or invisible characters'],
    ['bom\uFEFF', 'zero-width or invisible characters'],
    ['half \uD800 pair', 'unpaired surrogates'],
    ['low \uDC00 half', 'unpaired surrogates'],
    ['two\nlines', 'tabs or line breaks'],
    ['bell\u0007', 'control characters'],
  ])('name %j -> %s', (value, reason) => {
    expect(unsafeTextReason(value, 'name')).toBe(reason);
  });

  it('text allows line breaks, tabs and emoji joiners, not overrides or lone surrogates', () => {
    expect(unsafeTextReason('line one\n\tline two 👨‍👩‍👧', 'text')).toBeNull();
    expect(unsafeTextReason('evil \u202E', 'text')).toBe('bidirectional control characters');
    expect(unsafeTextReason('\uD83D', 'text')).toBe('unpaired surrogates');
  });

  it('names the field and the reason in the validation message', () => {
    expect(errorsOf({ name: 'x\u200By', notes: 'ok\nfine' })).toEqual([
      'name must not contain zero-width or invisible characters',
    ]);
    expect(errorsOf({ name: 'fine', notes: '\u202E' })).toEqual([
      'notes must not contain bidirectional control characters',
    ]);
  });
});
