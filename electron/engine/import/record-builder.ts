/**
 * Accumulates one record's metadata and peaks while a text parser walks its lines, then
 * finishes it into a spectrum or a problem. Shared by the line-based formats so that
 * "what makes a record acceptable" is decided in one place.
 */
import type { Peak, Spectrum, SpectrumMetadata } from '../../common/spectrum.js';
import { applyRawField, cleanPeaks } from '../spectrum/normalise-metadata.js';
import type { ImportItem } from './import-types.js';

export class RecordBuilder {
  readonly metadata: SpectrumMetadata = {};
  readonly peaks: Peak[] = [];
  private fault: { line: number; message: string } | undefined;

  constructor(
    private readonly file: string,
    readonly startLine: number,
  ) {}

  field(rawKey: string, rawValue: string): void {
    applyRawField(this.metadata, rawKey, rawValue);
  }

  /** Parse `mz intensity` (space, tab, comma or colon separated); a bad line faults the record. */
  peakLine(text: string, line: number): void {
    const parts = text.trim().split(/[\s,:]+/);
    const mz = Number(parts[0]);
    const intensity = Number(parts[1]);
    if (parts.length < 2 || !Number.isFinite(mz) || !Number.isFinite(intensity) || mz <= 0 || intensity < 0) {
      this.fail(line, `bad peak line "${text.trim().slice(0, 60)}": expected "m/z intensity" with non-negative numbers`);
      return;
    }
    this.peaks.push({ mz, intensity });
  }

  addPeak(mz: number, intensity: number, line: number): void {
    if (!Number.isFinite(mz) || !Number.isFinite(intensity) || mz <= 0 || intensity < 0) {
      this.fail(line, `bad peak (${mz}, ${intensity})`);
      return;
    }
    this.peaks.push({ mz, intensity });
  }

  /** Only the first fault is kept: it is the one the chemist has to fix. */
  fail(line: number, message: string): void {
    this.fault ??= { line, message };
  }

  get failed(): boolean {
    return this.fault !== undefined;
  }

  finish(expectedPeaks?: number): ImportItem {
    const record = this.metadata.id ?? this.metadata.name;
    if (this.fault) {
      return { kind: 'problem', problem: { file: this.file, line: this.fault.line, record, message: this.fault.message } };
    }
    const peaks = cleanPeaks(this.peaks);
    if (peaks.length === 0) {
      return { kind: 'problem', problem: { file: this.file, line: this.startLine, record, message: 'record has no peaks with intensity above zero' } };
    }
    if (expectedPeaks !== undefined && expectedPeaks !== this.peaks.length) {
      return {
        kind: 'problem',
        problem: { file: this.file, line: this.startLine, record, message: `declares ${expectedPeaks} peaks but lists ${this.peaks.length}` },
      };
    }
    const spectrum: Spectrum = { metadata: this.metadata, peaks };
    return { kind: 'spectrum', spectrum, line: this.startLine };
  }
}
