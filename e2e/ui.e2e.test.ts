/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EI_FILE, realRecords, REPO_ROOT, tempDir, type TempDir } from '../test-support/shared-data.js';
import { ARTIFACTS, launchChromium, startServe, type RunningServer } from './support.js';

const EI_UNKNOWNS = join(REPO_ROOT, 'resources', 'sample-unknowns', 'gc-ei-unknowns.msp');
const MSMS_UNKNOWNS = join(REPO_ROOT, 'resources', 'sample-unknowns', 'lc-msms-unknowns.mgf');

let dir: TempDir;
let server: RunningServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  dir = tempDir();
  // A fresh data folder: the first start seeds the bundled sample library, as on a new install.
  server = await startServe(['--data', dir.path]);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page.on('pageerror', (err) => pageErrors.push(err.message));
  page.on('response', (response) => {
    if (response.status() >= 400) pageErrors.push(`${response.status()} ${response.url()}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') pageErrors.push(`${msg.text()} at ${msg.location().url}`);
  });
  await page.goto(server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  dir?.remove();
});

async function tracesInPlot(): Promise<number> {
  return page.locator('[data-testid=mirror-plot] .scatterlayer .trace').count();
}

describe('the workbench UI in Chromium against nexa serve', () => {
  it('imports sample unknowns from the file dialog, lists them and shows ranked hits', async () => {
    await expect.poll(() => page.locator('.search-panel fieldset label').count(), { timeout: 30_000 }).toBe(1);
    await page.setInputFiles('[data-testid=import-input]', EI_UNKNOWNS);
    await page.waitForSelector('[data-testid=hit-table] tbody tr', { timeout: 60_000 });
    expect(await page.locator('[data-testid=unknown-list] li').count()).toBe(8);
    const topScore = Number(await page.locator('[data-testid=hit-table] tbody tr').first().locator('td').nth(2).textContent());
    expect(topScore).toBeGreaterThan(800);
    // Probabilistic ranking: a probability with its bar beside the score, and "none of these".
    const probability = await page.locator('[data-testid=hit-probability]').first().textContent();
    expect(Number(probability!.replace('%', '').trim())).toBeGreaterThan(50);
    expect(await page.locator('[data-testid=hit-probability] .bar').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=ranking-summary]').textContent()).toMatch(/^None of these: \d+\.\d %.*ranked by nexa-candidate-ranker /);
  });

  it('draws the head-to-tail mirror plot of the unknown against the selected hit, with the structure', async () => {
    await page.waitForSelector('[data-testid=mirror-plot] .main-svg', { timeout: 60_000 });
    await expect.poll(tracesInPlot, { timeout: 30_000 }).toBe(2);
    await expect.poll(() => page.locator('[data-testid=structure] svg').count(), { timeout: 30_000 }).toBe(1);
    const secondHitName = await page.locator('[data-testid=hit-table] tbody tr').nth(1).locator('td').nth(4).textContent();
    await page.locator('[data-testid=hit-table] tbody tr').nth(1).click();
    await expect.poll(() => page.locator('[data-testid=mirror-plot] .legendtext').nth(1).textContent(), { timeout: 30_000 }).toContain(secondHitName!.slice(0, 20));
    await page.locator('[data-testid=hit-table] tbody tr').first().click();
  });

  it('compares the unknown with the predicted spectrum of the selected hit and of a pasted SMILES', async () => {
    const predictedTraces = (): Promise<number> => page.locator('[data-testid=predicted-mirror-plot] .scatterlayer .trace').count();
    const hitName = await page.locator('[data-testid=hit-table] tbody tr').first().locator('td').nth(4).textContent();
    await page.click('[data-testid=predict-hit]');
    await expect.poll(predictedTraces, { timeout: 60_000 }).toBe(2);
    expect(await page.locator('[data-testid=predicted-model]').textContent()).toMatch(/^nexa-ei-moe-student \S+ on cpu$/);
    expect(await page.locator('[data-testid=predicted-mirror-plot] .legendtext').nth(1).textContent()).toContain(`Predicted: ${hitName!.slice(0, 15)}`);
    await page.locator('[data-testid=predicted-mirror-plot]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'predicted-vs-measured.png'), fullPage: true });

    await page.fill('[data-testid=predict-smiles]', 'C1CC(');
    await page.click('[data-testid=predict-smiles-button]');
    await expect.poll(() => page.locator('[data-testid=predict-error]').textContent(), { timeout: 30_000 }).toMatch(/invalid SMILES "C1CC\("/);
    expect(await predictedTraces()).toBe(0);
    // The refusal is an HTTP 422 the page logs; it is the expected answer here, not a fault.
    const refusals = pageErrors.filter((e) => /422 .*api\/prediction\.spectrum/.test(e));
    expect(refusals).toHaveLength(2);
    pageErrors.splice(0, pageErrors.length, ...pageErrors.filter((e) => !refusals.includes(e)));
    await page.fill('[data-testid=predict-smiles]', 'CC(C)Cc1ccc(cc1)C(C)C(=O)O');
    await page.click('[data-testid=predict-smiles-button]');
    await expect.poll(() => page.locator('[data-testid=predicted-mirror-plot] .legendtext').nth(1).textContent(), { timeout: 30_000 }).toBe('Predicted: CC(C)Cc1ccc(cc1)C(C)C(=O)O');
    expect(await predictedTraces()).toBe(2);
  });

  it('shows versions and the ONNX execution provider in use in the About panel', async () => {
    await page.click('[data-testid=about-button]');
    await expect.poll(() => page.locator('[data-testid=execution-provider]').textContent(), { timeout: 30_000 }).toBe('cpu');
    expect(await page.locator('[data-testid=about]').textContent()).toMatch(/RDKit 2026\.09/);
    expect(await page.locator('[data-testid=spectrum-model]').textContent()).toMatch(/nexa-ei-moe-student \S+ \(nexa-ei-moe-student\.onnx\), running on cpu/);
    await page.locator('[data-testid=about] button', { hasText: 'Close' }).click();
  });

  it('keeps settings in one place: a dark theme and the analyst name that signs decisions', async () => {
    await page.click('[data-testid=settings-button]');
    await page.selectOption('[data-testid=theme-select]', 'dark');
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(27, 29, 33)');
    await page.fill('[data-testid=analyst-name]', 'A. Chemist');
    await page.press('[data-testid=analyst-name]', 'Tab');
    // The name is saved on blur; wait until the engine has it and the UI is idle again.
    const savedName = (): Promise<string> =>
      page.evaluate(async () => {
        const token = sessionStorage.getItem('nexa-session-token');
        const response = await fetch('api/settings.get', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
        return ((await response.json()) as { analystName: string }).analystName;
      });
    await expect.poll(savedName, { timeout: 30_000 }).toBe('A. Chemist');
    await expect.poll(() => page.locator('header .status').textContent()).toBe('');
    await page.locator('[data-testid=settings] button', { hasText: 'Close' }).click();
    await page.screenshot({ path: join(ARTIFACTS, 'workbench-dark.png') });
    await page.click('[data-testid=settings-button]');
    expect(await page.inputValue('[data-testid=analyst-name]')).toBe('A. Chemist');
    await page.selectOption('[data-testid=theme-select]', 'system');
    await page.locator('[data-testid=settings] button', { hasText: 'Close' }).click();
  });

  it('runs commands from keyboard shortcuts: Ctrl+O opens the file dialog, Ctrl+, the settings', async () => {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.keyboard.press('Control+o')]);
    expect(chooser.isMultiple()).toBe(true);
    await page.keyboard.press('Control+,');
    await page.waitForSelector('[data-testid=settings]');
    await page.locator('[data-testid=settings] button', { hasText: 'Close' }).click();
  });

  it('adds a spectral library from a file, as a cancellable job, and lists it', async () => {
    const file = join(dir.path, 'massbank-ei-extra.txt');
    writeFileSync(file, (await realRecords(EI_FILE, 300)).join(''));
    await page.setInputFiles('[data-testid=library-input]', file);
    await expect.poll(() => page.locator('.search-panel fieldset label').allTextContents(), { timeout: 120_000 }).toContain(' massbank-ei-extra (300)');
    // A controlled checkbox: it changes once the engine has switched the library off.
    await page.locator('.search-panel fieldset label', { hasText: 'massbank-ei-extra' }).locator('input').click();
    await expect.poll(() => page.locator('.search-panel fieldset label', { hasText: 'massbank-ei-extra' }).locator('input').isChecked()).toBe(false);
  });

  it('predicts a structure list into an in-silico library, reporting the structures it could not take', async () => {
    const file = join(dir.path, 'suspects.csv');
    writeFileSync(file, 'name,smiles,id\ncaffeine,CN1C=NC2=C1C(=O)N(C(=O)N2C)C,s1\nnot a molecule,C1CC(,s2\ntoluene,Cc1ccccc1,s3\n');
    await page.setInputFiles('[data-testid=insilico-input]', file);
    await expect.poll(() => page.locator('.search-panel fieldset label').allTextContents(), { timeout: 120_000 }).toContain(' suspects (predicted) (2)');
    expect(await page.locator('.problems').textContent()).toMatch(/suspects\.csv:3 \(not a molecule\): invalid SMILES/);
  });

  it('lists low-confidence unknowns in the review queue; the threshold and K_max are editable', async () => {
    await page.fill('[data-testid=threshold-input]', '1');
    await page.fill('[data-testid=kmax-input]', '30');
    await page.locator('header button', { hasText: 'Search all' }).click();
    await expect.poll(() => page.locator('[data-testid=review-queue]').textContent(), { timeout: 60_000 }).toBe('Review queue (8)');
    await page.click('[data-testid=review-queue]');
    expect(await page.locator('[data-testid=unknown-list] li').count()).toBe(8);
    await page.locator('[data-testid=unknown-list] li').first().click();
    await expect.poll(() => page.locator('[data-testid=ranking-summary]').textContent(), { timeout: 30_000 }).toMatch(/flagged for review/);
    await page.fill('[data-testid=threshold-input]', '0.5');
    await page.fill('[data-testid=kmax-input]', '50');
    await page.locator('header button', { hasText: 'Search all' }).click();
    await expect.poll(() => page.locator('[data-testid=review-queue]').textContent(), { timeout: 60_000 }).not.toBe('Review queue (8)');
    await page.locator('.review-filter button', { hasText: 'All' }).click();
    expect(await page.locator('[data-testid=unknown-list] li').count()).toBe(8);
    await page.locator('[data-testid=unknown-list] li').first().click();
  });

  it('sorts the hit table by a column header', async () => {
    const scores = async (): Promise<number[]> => (await page.locator('[data-testid=hit-table] tbody tr td:nth-child(4)').allTextContents()).map(Number);
    await page.locator('[data-testid=hit-table] th', { hasText: 'R.Match' }).click();
    const sorted = await scores();
    expect(sorted).toEqual([...sorted].sort((a, b) => b - a));
    await page.locator('[data-testid=hit-table] th', { hasText: '#' }).click();
  });

  it('imports MS/MS unknowns dropped onto the window', async () => {
    const content = readFileSync(MSMS_UNKNOWNS, 'utf8');
    const transfer = await page.evaluateHandle((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'lc-msms-unknowns.mgf', { type: 'text/plain' }));
      return data;
    }, content);
    await page.dispatchEvent('.app', 'drop', { dataTransfer: transfer });
    await expect.poll(() => page.locator('[data-testid=unknown-list] li').count(), { timeout: 60_000 }).toBe(16);
    await expect.poll(() => page.locator('[data-testid=recent-files] option').allTextContents()).toEqual([
      'Recent files…',
      expect.stringMatching(/^lc-msms-unknowns\.mgf \(8 spectra/),
      expect.stringMatching(/^gc-ei-unknowns\.msp \(8 spectra/),
    ]);
    await page.waitForSelector('h2:has-text("MS/MS unknown 1")', { timeout: 30_000 });
    await expect.poll(() => page.locator('[data-testid=hit-table] tbody tr').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(tracesInPlot, { timeout: 30_000 }).toBe(2);
  });

  it('exports a self-contained HTML report and a CSV, and the screenshot shows the mirror plot', async () => {
    const [htmlDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-html]')]);
    const htmlPath = join(ARTIFACTS, 'report.html');
    await htmlDownload.saveAs(htmlPath);
    const html = readFileSync(htmlPath, 'utf8');
    expect(html).toContain('Identification report');
    expect(html.match(/aria-label="mirror plot"/g)?.length).toBeGreaterThanOrEqual(14);
    expect(html).not.toMatch(/<script/i);

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
    const csvPath = join(ARTIFACTS, 'report.csv');
    await csvDownload.saveAs(csvPath);
    const csv = readFileSync(csvPath, 'utf8').split('\r\n');
    expect(csv[0]).toMatch(/^query_file,query_id,query_name,precursor_mz,retention_time_s,searched_as,p_none,flagged,rank,probability,score,/);
    expect(csv[1]).toMatch(/,ei,0(\.\d+)?,(yes|no),1,0\.\d+,9\d\d,/);

    await page.locator('[data-testid=unknown-list] li').first().click();
    await expect.poll(tracesInPlot, { timeout: 30_000 }).toBe(2);
    await page.screenshot({ path: join(ARTIFACTS, 'workbench.png') });
    expect(pageErrors, pageErrors.join('\n')).toEqual([]);
  });

  it('exports a PDF report whose pages, as PNG, carry the candidate table, the mirror plots and the decision', async () => {
    await page.locator('[data-testid=unknown-list] li').first().click();
    await page.locator('[data-testid=hit-table] tbody tr').first().click();
    await page.click('[data-testid=accept-hit]');
    await expect.poll(() => page.locator('[data-testid=decision-status]').textContent(), { timeout: 30_000 }).toContain('Accepted:');
    const [pdfDownload] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.click('[data-testid=export-pdf]')]);
    const pdfPath = join(ARTIFACTS, 'report.pdf');
    await pdfDownload.saveAs(pdfPath);
    expect(readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');
    // Text drawn in the page: the table header, a hit, and the m/z labels of the first mirror plot.
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('Identification report');
    expect(text).toMatch(/Rank\s+Probability\s+Match\s+Reverse\s+Name/);
    expect(text).toMatch(/1 ?✔\s+\d+(\.\d)? %\s+9\d\d/);
    expect(text).toMatch(/None of these: \d+(\.\d)? %/);
    expect(text).toContain('5,11-dimethylpentacosane');
    expect(text).toContain('57.071');
    expect(text).toMatch(/Decision: accepted \(5[RS],11[RS]\)-5,11-dimethylpentacosane .* by A\. Chemist at 20\d\d-/);
    for (const old of readdirSync(ARTIFACTS).filter((f) => f.startsWith('report-page'))) rmSync(join(ARTIFACTS, old));
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '2', pdfPath, join(ARTIFACTS, 'report-page')]);
    const pages = readdirSync(ARTIFACTS).filter((f) => /^report-page-\d+\.png$/.test(f));
    expect(pages.length).toBe(2);
    for (const png of pages) expect(statSync(join(ARTIFACTS, png)).size).toBeGreaterThan(10_000);
  });

  it('reopens a recent file from its kept copy', async () => {
    const value = await page.locator('[data-testid=recent-files] option').nth(2).getAttribute('value');
    await page.selectOption('[data-testid=recent-files]', value!);
    await expect.poll(() => page.locator('[data-testid=unknown-list] li').count(), { timeout: 60_000 }).toBe(24);
    expect(pageErrors, pageErrors.join("\n")).toEqual([]);
  });
});
