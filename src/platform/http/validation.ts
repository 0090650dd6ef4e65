import { applyDecorators, ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ApiProperty } from '@nestjs/swagger';
import { getMetadataStorage, ValidateIf, ValidationTypes, ValidatorOptions } from 'class-validator';
import { FieldError, Problem } from './problem';
import { cacheValidationMetadata } from './validation-metadata-cache';

/**
 * Null semantics of request bodies: `null` is a value, not an omission. class-validator's
 * `@IsOptional()` skips `null` like `undefined`, so a `null` used to reach the services (and the
 * database's NOT NULL) as if it were valid. The pipe below refuses `null` in every DTO property
 * unless the property says `@IsNullable()`, where `null` means "clear this field".
 */
const NULLABLE_CONTEXT = 'qm:nullable';

/**
 * The field accepts `null`, which clears it; its other validators run only on non-null values.
 * Combine with `@IsOptional()` when the field may also be omitted. The spec marks it `nullable`.
 */
export function IsNullable(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_object, value) => value !== null, { context: { [NULLABLE_CONTEXT]: true } }),
    ApiProperty({ nullable: true }),
  );
}

/**
 * One of two alternative fields (`userId` or `username`): this one is required when `other` is
 * missing, and validated whenever it is given, so sending both never skips the checks of both.
 */
export function RequiredWithout<T extends object>(other: keyof T & string): PropertyDecorator {
  return ValidateIf((object: T, value: unknown) => value !== undefined || object[other] === undefined);
}

/** Flattens class-validator's tree into `{path, message}` pairs with dotted paths. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ path, message }));
    return own.concat(fieldErrors(e.children ?? [], path));
  });
}

/** Per DTO class: its validated properties, and which of them are `@IsNullable()`. */
interface DtoShape {
  properties: Set<string>;
  nullable: Set<string>;
}
const shapes = new WeakMap<object, DtoShape | null>();

function shapeOf(dtoClass: object): DtoShape | null {
  if (!shapes.has(dtoClass)) {
    const metadata = getMetadataStorage().getTargetValidationMetadatas(dtoClass as never, '', true, false);
    const nullable = metadata.filter(
      (m) =>
        m.type === ValidationTypes.CONDITIONAL_VALIDATION && (m.context as Record<string, unknown>)?.[NULLABLE_CONTEXT],
    );
    shapes.set(
      dtoClass,
      metadata.length
        ? {
            properties: new Set(metadata.map((m) => m.propertyName)),
            nullable: new Set(nullable.map((m) => m.propertyName)),
          }
        : null,
    );
  }
  return shapes.get(dtoClass)!;
}

/**
 * Paths of the `null`s in a transformed DTO (and the DTOs nested in it) that no `@IsNullable()`
 * allows. Free-form values (plain objects, which have no rules) are not looked into.
 */
export function refusedNulls(dto: unknown, parent = ''): string[] {
  if (typeof dto !== 'object' || dto === null) return [];
  if (Array.isArray(dto)) return dto.flatMap((item, index) => refusedNulls(item, `${parent}${index}.`));
  const shape = shapeOf(dto.constructor);
  if (!shape) return [];
  return Object.entries(dto).flatMap(([property, value]) => {
    if (!shape.properties.has(property)) return [];
    if (value === null) return shape.nullable.has(property) ? [] : [parent + property];
    return refusedNulls(value, `${parent}${property}.`);
  });
}

/** Query strings remembered as valid per DTO class, at most this many per class. */
const VALID_QUERIES_PER_DTO = 256;
const MAX_QUERY_KEY_LENGTH = 512;
/** Left to the full pipe, which strips them. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The key of a raw query string (names and string values only), or null when it is not one
 * worth remembering (arrays, long values).
 */
function queryKey(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const entries = Object.entries(value);
  if (entries.some(([k, v]) => typeof v !== 'string' || UNSAFE_KEYS.has(k))) return null;
  const key = JSON.stringify(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return key.length <= MAX_QUERY_KEY_LENGTH ? key : null;
}

/** The global pipe: class-validator's rules, plus "null only where the DTO says `@IsNullable()`". */
class StrictValidationPipe extends ValidationPipe {
  private readonly validQueries = new WeakMap<object, Set<string>>();

  /**
   * A query string already found valid for its DTO class is only transformed, not validated
   * again: the hot reads repeat the same few query strings (often none), and class-validator was
   * a measured share of their CPU (bench/RESULTS.md). Validation depends on the input alone (the
   * DTOs have no time- or database-dependent rules), so the outcome would be the same.
   */
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    const key = metadata.type === 'query' && metatype && this.toValidate(metadata) ? queryKey(value) : null;
    if (!key || !metatype) return super.transform(value, metadata);
    const known = this.validQueries.get(metatype);
    if (known?.has(key)) return plainToInstance(metatype, { ...(value as object) }, this.transformOptions);
    const result = await super.transform(value, metadata);
    if (!known) this.validQueries.set(metatype, new Set([key]));
    else if (known.size < VALID_QUERIES_PER_DTO) known.add(key);
    return result;
  }
  protected override async validate(dto: object, options?: ValidatorOptions): Promise<ValidationError[]> {
    const errors = await super.validate(dto, options);
    const reported = new Set(fieldErrors(errors).map((e) => e.path));
    const nulls = refusedNulls(dto).filter((path) => !reported.has(path));
    return errors.concat(
      nulls.map((path): ValidationError => ({
        property: path,
        children: [],
        constraints: { isNotNull: `${path} must not be null` },
      })),
    );
  }
}

/** Strict input: unknown fields are rejected, types are converted only where a DTO says so. */
export function strictValidationPipe(): ValidationPipe {
  cacheValidationMetadata();
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => Problem.validation(fieldErrors(errors)),
  });
}
