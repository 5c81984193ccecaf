import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MSMS_FILE, realRecords, tempDir, type TempDir } from '../test-support/shared-data.js';
import { launchChromium, startServe, type RunningServer } from './support.js';

let dir: TempDir;
let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  dir = tempDir();
  server = await startServe(['--data', dir.path]);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir?.remove();
});

describe('long work in the UI', () => {
  it('shows a progress bar while many unknowns are searched, and Cancel stops the search', async () => {
    const file = dir.file('many-unknowns.txt', (await realRecords(MSMS_FILE, 6000)).join(''));
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await expect.poll(() => page.locator('.search-panel fieldset label').count(), { timeout: 30_000 }).toBe(1);
    await page.setInputFiles('[data-testid=import-input]', file);
    await page.waitForSelector('[data-testid=job-progress]:has-text("unknowns searched")', { timeout: 120_000 });
    expect(await page.locator('[data-testid=job-progress] progress').count()).toBe(1);
    await page.click('[data-testid=cancel-job]');
    await page.waitForSelector('[data-testid=job-progress]', { state: 'detached', timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid=unknown-list] li').count(), { timeout: 60_000 }).toBe(6000);
    const searched = await page.locator('[data-testid=unknown-list] li .best').count();
    expect(searched).toBeGreaterThan(0);
    expect(searched).toBeLessThan(6000);
    await page.close();
  });
});
