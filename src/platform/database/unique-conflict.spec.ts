import { QueryFailedError } from 'typeorm';
import { Problem } from '../http/problem';
import { byConstraint, uniqueConflict } from './unique-conflict';

function pgError(code: string, constraint?: string): QueryFailedError {
  return new QueryFailedError('INSERT ...', [], Object.assign(new Error('violation'), { code, constraint }));
}

const fails = (error: unknown) => () => Promise.reject(error);

async function problemOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Problem);
  return (error as Problem).getResponse() as Record<string, unknown>;
}

const TAKEN = { detail: 'A tank T1 exists', slug: 'tank-id-taken', field: 'tankId' };

describe('uniqueConflict', () => {
  it('passes the result of a write that succeeds', async () => {
    await expect(uniqueConflict(() => Promise.resolve(7), TAKEN)).resolves.toBe(7);
  });

  it('turns any unique violation into a 409 naming the field', async () => {
    const body = await problemOf(uniqueConflict(fails(pgError('23505', 'uq_x')), TAKEN));
    expect(body).toMatchObject({ status: 409, slug: 'tank-id-taken', detail: 'A tank T1 exists', field: 'tankId' });
    expect(body).not.toHaveProperty('value');
  });

  it('sends the colliding value when given', async () => {
    const body = await problemOf(uniqueConflict(fails(pgError('23505')), { ...TAKEN, value: 'T1' }));
    expect(body).toMatchObject({ field: 'tankId', value: 'T1' });
  });

  it('chooses the conflict by the violated constraint', async () => {
    const conflicts = byConstraint({
      uq_a: TAKEN,
      uq_b: { detail: 'That user is already a fueler', slug: 'fueler-exists', field: 'userId' },
    });
    expect(await problemOf(uniqueConflict(fails(pgError('23505', 'uq_b')), conflicts))).toMatchObject({
      slug: 'fueler-exists',
      field: 'userId',
    });
  });

  it('rethrows a violation of a constraint the write does not expect, and other errors', async () => {
    const unexpected = pgError('23505', 'uq_other');
    await expect(uniqueConflict(fails(unexpected), byConstraint({ uq_a: TAKEN }))).rejects.toBe(unexpected);
    const fk = pgError('23503', 'fk_x');
    await expect(uniqueConflict(fails(fk), TAKEN)).rejects.toBe(fk);
    const plain = new Error('boom');
    await expect(uniqueConflict(fails(plain), TAKEN)).rejects.toBe(plain);
  });

  it('does not match a constraint named like an object member', async () => {
    const violation = pgError('23505', 'toString');
    await expect(uniqueConflict(fails(violation), byConstraint({ uq_a: TAKEN }))).rejects.toBe(violation);
  });
});
