/**
 * PDF reports: the engine writes the HTML report, and whoever hosts the UI prints it with
 * Chromium (Electron's printToPDF in the desktop app, headless Chromium under
 * `nexa serve`). Both hosts route `reports.export` with format "pdf" through here.
 */
import type { ExportedReport, RequestOf } from '../../common/api/contract.js';
import type { EngineClient } from './engine-client.js';

/** Turns a self-contained HTML page into PDF bytes. */
export type PdfPrinter = (html: string) => Promise<Buffer>;

export function wantsPdf(channel: string, request: unknown): boolean {
  return channel === 'reports.export' && (request as RequestOf<'reports.export'>).format === 'pdf';
}

export async function exportPdfReport(engine: EngineClient, print: PdfPrinter): Promise<ExportedReport> {
  const html = await engine.call('reports.export', { format: 'html' });
  const pdf = await print(html.content);
  return { fileName: html.fileName.replace(/\.html$/, '.pdf'), mimeType: 'application/pdf', encoding: 'base64', content: pdf.toString('base64') };
}
