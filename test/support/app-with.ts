import { startTestApp, TestApp } from './test-app';

/**
 * A test file's app and the fixture it builds on it (a guild, a bot guild), started once:
 * `beforeAll(async () => ({ t, g } = await startAppWith(createGuild)))`.
 */
export async function startAppWith<Fixture>(
  build: (t: TestApp) => Promise<Fixture>,
  env: Record<string, string> = {},
): Promise<{ t: TestApp; g: Fixture }> {
  const t = await startTestApp(env);
  return { t, g: await build(t) };
}
