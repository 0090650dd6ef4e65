import { SetMetadata } from '@nestjs/common';

export const ORG_CONTEXT = 'qm:org-context';

/**
 * Marks a controller as part of a business context (`dkp`, `starcorp`, ...). Its org routes
 * answer 404 for orgs that have not enabled that context.
 */
export const OrgContext = (name: string): ClassDecorator => SetMetadata(ORG_CONTEXT, name);
