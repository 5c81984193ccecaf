/**
 * The desktop app's PDF printer: a hidden, sandboxed window with JavaScript off loads
 * the self-contained HTML report and Electron's printToPDF turns it into A4 pages.
 */
import { BrowserWindow } from 'electron';
import type { PdfPrinter } from '../engine/host/pdf-report.js';

export const printWithElectron: PdfPrinter = async (html) => {
  const window = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, javascript: false, nodeIntegration: false } });
  try {
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true });
  } finally {
    window.destroy();
  }
};
