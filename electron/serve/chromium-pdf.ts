/**
 * Prints HTML to PDF with headless Chromium (playwright-core drives the browser that is
 * installed on the machine; nothing is downloaded). Used by `nexa serve`, where no
 * Electron window exists. The browser is found at NEXA_CHROMIUM or the usual paths.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { PdfPrinter } from '../engine/host/pdf-report.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

export function findChromium(): string | undefined {
  const configured = process.env.NEXA_CHROMIUM;
  if (configured) return existsSync(configured) ? configured : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const printWithChromium: PdfPrinter = async (html) => {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('PDF export in web mode needs Chromium or Chrome: install it or set NEXA_CHROMIUM to its path');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // The report is self-contained; refuse any request it might still make.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' } });
  } finally {
    await browser.close();
  }
};
