import { TransactionalRepository } from '../../../../platform/database/transactional-repository';
import { Problem } from '../../../../platform/http/problem';

/**
 * Base of the flight-ops repositories, the only classes holding the DataSource: services open
 * transactions through `transaction` and read through repository methods, so each aggregate's SQL
 * stays in its repository.
 */
export abstract class FlightOpsRepository extends TransactionalRepository {}

/** A 400 for one field, for rules class-validator cannot express (cross-field, org settings). */
export function fieldProblem(path: string, message: string): Problem {
  return Problem.validation([{ path, message }]);
}
