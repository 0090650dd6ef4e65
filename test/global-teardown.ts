import { removeTemplate } from './support/embedded-template';

/** Jest global teardown: deletes the embedded template built by global-setup.ts. */
export default async function globalTeardown(): Promise<void> {
  removeTemplate();
}
