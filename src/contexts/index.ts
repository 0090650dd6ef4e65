import type { ContextDefinition } from '../platform/contexts/context-definition';
import { brokerageContext } from './brokerage/brokerage.context';
import { dkpContext } from './dkp/dkp.context';
import { fboContext } from './fbo/fbo.context';
import { starcorpContext } from './starcorp/starcorp.context';

/**
 * Every business context of Quartermaster: adding a context is one line here (its definition
 * lives in its own folder; see README.md). The app hands this list to the platform.
 */
export const CONTEXTS: ContextDefinition[] = [dkpContext, fboContext, brokerageContext, starcorpContext];
