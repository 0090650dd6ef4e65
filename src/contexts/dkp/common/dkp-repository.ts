import { TransactionalRepository } from '../../../platform/database/transactional-repository';

/**
 * Base of the DKP repositories: the only classes that hold the DataSource. Services open their
 * transactions through `transaction` and read through the repository's own methods, so SQL and
 * the query builder stay in the repository of each aggregate.
 */
export abstract class DkpRepository extends TransactionalRepository {}
