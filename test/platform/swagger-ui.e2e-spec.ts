import { Logger } from '@nestjs/common';
import { unwrap } from '@quartermaster/sdk';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { DEMO_PASSWORD, seedDemo } from '../../src/cli/seed-demo';
import { loadSwaggerPluginMetadata } from '../support/swagger-plugin-metadata';
import { startTestApp, TestApp } from '../support/test-app';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, '../../docs/screenshots');
const available = existsSync(CHROMIUM);
if (!available) console.warn(`swagger-ui.e2e-spec: ${CHROMIUM} is missing (apt-get install chromium); skipping`);

/** An admin's first session in Swagger UI, in a real (headless) Chromium from Debian's packages. */
(available ? describe : describe.skip)('Swagger UI in a browser (e2e)', () => {
  let t: TestApp;
  let context: BrowserContext;
  let page: Page;
  let token: string;
  const profile = mkdtempSync(join(tmpdir(), 'qm-chromium-'));

  beforeAll(async () => {
    // What `nest build` serves: JSDoc summaries and DTO schemas come from the Swagger plugin.
    await loadSwaggerPluginMetadata();
    t = await startTestApp();
    await seedDemo(t.app, new Logger('seed'));
    const tokens = await unwrap(
      t.anonymous.POST('/api/v1/auth/login', { body: { username: 'demo-officer', password: DEMO_PASSWORD } }),
    );
    token = tokens.accessToken;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1280, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = context.pages()[0] ?? (await context.newPage());
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await context?.close();
    await t?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  /** An operation block: Swagger UI ids it `operations-<tag>-<operationId>`. */
  const operation = (operationId: string): Locator => page.locator(`.opblock[id$="-${operationId}"]`);

  it('shows the grouped tags, the filter box and the guide', async () => {
    await page.goto(`${t.baseUrl}/docs`);
    await page.locator('.information-container .title').waitFor();
    await expect(page.locator('.operation-filter-input').count()).resolves.toBe(1);
    await page.locator('h3[data-tag]').first().waitFor();
    const tags = await page.locator('h3[data-tag]').evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')));
    expect(tags.slice(0, 2)).toEqual(['Platform · Service', 'Platform · Auth']);
    await expect(page.locator('.info .description').textContent()).resolves.toContain('Try it');
    await page.screenshot({ path: join(SCREENSHOTS, 'swagger-ui-top.png') });
  });

  it('shows an operation with its example body and who may call it', async () => {
    const login = operation('login');
    await login.locator('.opblock-summary').click();
    await login.locator('.opblock-description-wrapper').first().waitFor();
    await expect(login.textContent()).resolves.toContain('demo-officer');
    await expect(login.locator('.opblock-description-wrapper').first().textContent()).resolves.toContain(
      'Who may call',
    );
    await expect(login.textContent()).resolves.toContain('x-access');
    await login.scrollIntoViewIfNeeded();
    await login.screenshot({ path: join(SCREENSHOTS, 'swagger-ui-operation.png') });
    await login.locator('.opblock-summary').click();
  });

  it("authorizes with the demo officer's token", async () => {
    await page.locator('.auth-wrapper .authorize').click();
    const dialog = page.locator('.modal-ux');
    await dialog.waitFor();
    await dialog.locator('.auth-container:has(h4:has-text("bearer")) input').fill(token);
    await page.screenshot({ path: join(SCREENSHOTS, 'swagger-ui-authorize.png') });
    await dialog.locator('.auth-container:has(h4:has-text("bearer")) button.authorize').click();
    await dialog.locator('.close-modal').click();
    await expect(page.locator('.auth-wrapper .authorize.locked').count()).resolves.toBe(1);
  });

  it('runs List members with Try it out and shows the 200 response', async () => {
    // Reloading proves the authorization persists; the filter box narrows 150 operations to one tag.
    await page.reload();
    await page.locator('.operation-filter-input').fill('Members');
    await expect(page.locator('.auth-wrapper .authorize.locked').count()).resolves.toBe(1);
    const list = operation('listMembers');
    await list.locator('.opblock-summary').click();
    await list.locator('.try-out__btn').click();
    await list.locator('tr[data-param-name="org"] input').fill('demo-guild');
    await list.locator('.execute').click();
    const status = list.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    await expect(status.textContent()).resolves.toContain('200');
    await expect(list.locator('.live-responses-table').textContent()).resolves.toContain('"items"');
  });
});
