/// <reference lib="dom" />
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestFiles } from '../atlas/src/ingest.js';
import { buildAtlasServer } from '../atlas/src/server/atlas-server.js';
import { AtlasStore } from '../atlas/src/store/atlas-store.js';
import { openDatabase } from '../atlas/src/store/database.js';
import { EI_FILE, realRecords, REPO_ROOT, tempDir, type TempDir } from '../test-support/shared-data.js';
import { ARTIFACTS, launchChromium, startServe, type RunningServer } from './support.js';

const EI_UNKNOWNS = join(REPO_ROOT, 'resources', 'sample-unknowns', 'gc-ei-unknowns.msp');

let dir: TempDir;
let atlas: AtlasStore;
let atlasApp: FastifyInstance;
let atlasUrl: string;
let key: string;
let server: RunningServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  dir = tempDir();
  // The CC BY EI records: the sample unknowns' own compounds are among them.
  const file = join(dir.path, 'ei.txt');
  writeFileSync(file, (await realRecords(EI_FILE, 400, (r) => /LICENSE: CC BY$/m.test(r))).join(''));
  atlas = new AtlasStore(await openDatabase(undefined));
  await ingestFiles(atlas, [file], { collection: 'massbank-ei' });
  await atlas.createCollection('lab-results', { pushTiers: ['pro'] });
  key = await atlas.createKey('workstation', 'pro');
  atlasApp = await buildAtlasServer(atlas);
  atlasUrl = await atlasApp.listen({ port: 0, host: '127.0.0.1' });
  server = await startServe(['--data', join(dir.path, 'workstation')]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.url);
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await atlasApp?.close();
  await atlas?.db.close();
  dir?.remove();
});

describe('the workbench with an Atlas++ server', () => {
  it('is set up in Settings, syncs a collection into a local library and shows sync status', async () => {
    await page.click('[data-testid=settings-button]');
    await page.fill('[data-testid=atlas-server]', atlasUrl);
    await page.press('[data-testid=atlas-server]', 'Tab');
    await page.fill('[data-testid=atlas-key]', key);
    await page.click('[data-testid=atlas-key-save]');
    await page.fill('[data-testid=atlas-collections]', 'massbank-ei');
    await page.press('[data-testid=atlas-collections]', 'Tab');
    await page.fill('[data-testid=atlas-push]', 'lab-results');
    await page.press('[data-testid=atlas-push]', 'Tab');
    // A controlled checkbox: it turns on once the engine has saved the setting.
    await page.click('[data-testid=atlas-federated]');
    await expect.poll(() => page.isChecked('[data-testid=atlas-federated]'), { timeout: 30_000 }).toBe(true);
    await expect.poll(() => page.locator('header .status').textContent(), { timeout: 30_000 }).toBe('');
    await page.locator('[data-testid=settings] button', { hasText: 'Close' }).click();
    await expect.poll(() => page.locator('[data-testid=sync-button]').isEnabled(), { timeout: 30_000 }).toBe(true);
    await page.click('[data-testid=sync-button]');
    await expect.poll(() => page.locator('.search-panel fieldset label').allTextContents(), { timeout: 120_000 }).toContain(' atlas:massbank-ei (400)');
    expect(await page.locator('[data-testid=sync-status]').textContent()).toMatch(/last sync .*massbank-ei: 400 added or updated, 0 removed.* 0 pending push/);
    // The key is nowhere in the workstation's files: the web host keeps it in memory.
    const files = readdirSync(join(dir.path, 'workstation'));
    for (const f of files.filter((f) => f.endsWith('.json'))) expect(readFileSync(join(dir.path, 'workstation', f), 'utf8')).not.toContain(key);
  });

  it('adds the server\'s hits to a search, labelled by source, and pushes an accepted identification once', async () => {
    await page.setInputFiles('[data-testid=import-input]', EI_UNKNOWNS);
    await page.waitForSelector('[data-testid=remote-hits] tbody tr', { timeout: 60_000 });
    expect(await page.locator('[data-testid=remote-hits] tbody tr td').nth(3).textContent()).toBe('Atlas++ massbank-ei');
    await page.locator('[data-testid=hit-table] tbody tr').first().click();
    await page.click('[data-testid=accept-hit]');
    await expect.poll(() => page.locator('[data-testid=sync-status]').textContent(), { timeout: 30_000 }).toMatch(/1 pending push/);
    await page.click('[data-testid=sync-button]');
    await expect.poll(() => page.locator('[data-testid=sync-status]').textContent(), { timeout: 60_000 }).toMatch(/1 identifications pushed to lab-results.* 0 pending push/);
    expect((await atlas.collection('lab-results'))!.spectra).toBe(1);
    await page.click('[data-testid=sync-button]');
    await expect.poll(() => page.locator('[data-testid=sync-status]').textContent(), { timeout: 60_000 }).toMatch(/0 identifications pushed/);
    expect((await atlas.collection('lab-results'))!.spectra).toBe(1);
  });

  it('says when the server is unreachable and goes on with local hits', async () => {
    await atlasApp.close();
    await page.locator('[data-testid=unknown-list] li').nth(1).click();
    await expect.poll(() => page.locator('[data-testid=remote-error]').textContent(), { timeout: 60_000 }).toMatch(/cannot reach Atlas\+\+ at .*showing local hits only/);
    expect(await page.locator('[data-testid=hit-table] tbody tr').count()).toBeGreaterThan(0);
    await page.click('[data-testid=sync-button]');
    await expect.poll(() => page.locator('[role=alert]').first().textContent(), { timeout: 60_000 }).toMatch(/cannot reach Atlas\+\+.*local libraries are unchanged/);
    await page.screenshot({ path: join(ARTIFACTS, 'atlas-offline.png') });
  });
});
