import { JoinColumn, ManyToOne } from 'typeorm';
import type { OnDeleteType } from 'typeorm/metadata/types/OnDeleteType';
import { User } from '../auth/users/user.entity';

const snake = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * Declares that the entity's `property` (a uuid column such as `userId`) references `users(id)`,
 * without the entity importing the platform's User class. Contexts use it instead of
 * `@ManyToOne(() => User) @JoinColumn(...)`, so they never see the users table.
 *
 * It applies exactly those two decorators to a relation property named after the column without
 * its `Id` suffix (`userId` -> `user`, joined on `user_id`): the same relation metadata as the
 * hand-written form, hence the same foreign key, constraint name and migrations. The relation is
 * for the foreign key only; code reads the id column.
 */
export function ReferencesUser(property: string, options: { onDelete: OnDeleteType }): ClassDecorator {
  if (!property.endsWith('Id'))
    throw new Error(`@ReferencesUser expects an id property such as 'userId', got '${property}'`);
  const relation = property.slice(0, -'Id'.length);
  return (target) => {
    ManyToOne(() => User, { onDelete: options.onDelete })(target.prototype, relation);
    JoinColumn({ name: snake(property) })(target.prototype, relation);
  };
}
