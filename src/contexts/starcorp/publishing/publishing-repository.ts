import { TransactionalRepository } from '../../../platform/database/transactional-repository';
import { uniqueConflict } from '../../../platform/database/unique-conflict';

/**
 * Base of the publishing repositories: the only classes that hold the DataSource. Services open
 * their transactions through `transaction`, so SQL stays in the repository of each aggregate.
 */
export abstract class PublishingRepository extends TransactionalRepository {}

/**
 * Runs a write whose only unique constraint is a per-org slug, turning a violation into the 409
 * `starcorp-slug-taken` that names the field (clients show it next to the input).
 */
export function uniqueSlug<T>(what: string, slug: string, write: () => Promise<T>): Promise<T> {
  return uniqueConflict(write, {
    detail: `A ${what} with the slug "${slug}" exists`,
    slug: 'starcorp-slug-taken',
    field: 'slug',
    value: slug,
  });
}
