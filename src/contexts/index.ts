import { Type } from '@nestjs/common';
import { DkpModule } from './dkp/dkp.module';

/**
 * Every business context of Quartermaster, by name. A context is one Nest module whose
 * controllers carry `@OrgContext(name)`; listing it here is all it takes to register it.
 * CONTEXTS_DISABLED switches contexts off per deployment: their modules are then not loaded.
 */
export const CONTEXT_MODULES: Record<string, Type> = {
  dkp: DkpModule,
};
