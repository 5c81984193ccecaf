import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir, type TempDir } from '../test-support/shared-data.js';
import { launchChromium, startServe, type RunningServer } from './support.js';

const EI_UNKNOWNS = join(REPO_ROOT, 'resources', 'sample-unknowns', 'gc-ei-unknowns.msp');

let dir: TempDir;
let browser: Browser;
let server: RunningServer | undefined;

beforeAll(async () => {
  dir = tempDir();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir?.remove();
});

describe('work is never lost', () => {
  it('keeps unknowns and every accepted decision when the host is killed and started again', async () => {
    server = await startServe(['--data', dir.path]);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.url);
    await page.setInputFiles('[data-testid=import-input]', EI_UNKNOWNS);
    await page.waitForSelector('[data-testid=hit-table] tbody tr', { timeout: 60_000 });

    await page.locator('[data-testid=unknown-list] li').nth(1).click();
    await page.waitForSelector('h2:has-text("EI unknown 2")');
    await page.locator('[data-testid=hit-table] tbody tr').first().click();
    const acceptedName = (await page.locator('[data-testid=hit-table] tbody tr').first().locator('td').nth(4).textContent())!;
    await page.click('[data-testid=accept-hit]');
    await expect.poll(() => page.locator('[data-testid=decision-status]').textContent(), { timeout: 30_000 }).toContain(`Accepted: ${acceptedName}`);
    await page.locator('[data-testid=unknown-list] li').nth(2).click();
    await page.waitForSelector('h2:has-text("EI unknown 3")');
    await page.click('[data-testid=flag-unknown]');
    await expect.poll(() => page.locator('[data-testid=decision-status]').textContent(), { timeout: 30_000 }).toContain('flagged for review');
    await page.close();

    // No warning, no shutdown: the process dies as in a crash or power cut.
    server.process.kill('SIGKILL');
    await new Promise((resolve) => server!.process.once('exit', resolve));

    server = await startServe(['--data', dir.path]);
    const again = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await again.goto(server.url);
    await expect.poll(() => again.locator('[data-testid=unknown-list] li').count(), { timeout: 30_000 }).toBe(8);
    await expect.poll(() => again.locator('[data-testid=unknown-list] li').nth(1).locator('.verdict.accepted').textContent()).toContain(acceptedName);
    await again.locator('[data-testid=unknown-list] li').nth(1).click();
    await expect.poll(() => again.locator('[data-testid=decision-status]').textContent(), { timeout: 30_000 }).toContain(`Accepted: ${acceptedName}`);
    expect(await again.locator('[data-testid=hit-table] tbody tr[data-verdict=accepted]').count()).toBe(1);
    expect(await again.locator('[data-testid=unknown-list] li').nth(2).locator('.verdict.flagged').count()).toBe(1);
    await again.close();
  });
});
