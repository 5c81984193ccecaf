/**
 * Turns raw `key: value` text pairs from any format into typed canonical metadata.
 * Pure functions: value parsing (numbers, units, ion modes, MS levels) lives here once.
 */
import type { IonMode, Peak, SpectrumMetadata } from '../../common/spectrum.js';
import { canonicalKey, foldKey } from './metadata-keys.js';

const MISSING = new Set(['', 'N/A', 'NA', 'NAN', 'NONE', 'NULL', 'UNKNOWN', '-']);

function isMissing(value: string): boolean {
  return MISSING.has(value.trim().toUpperCase());
}

/** First number in a string, e.g. `179.0697 1` (MGF PEPMASS with intensity) gives 179.0697. */
export function parseLeadingNumber(value: string): number | undefined {
  const match = /[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?/.exec(value);
  if (!match) return undefined;
  const n = Number(match[0]);
  return Number.isFinite(n) ? n : undefined;
}

export function parseIonMode(value: string): IonMode | undefined {
  const v = value.trim().toLowerCase();
  if (v.startsWith('p') || v === '+' || v.endsWith('+') || v === '1') return 'positive';
  if (v.startsWith('n') || v === '-' || v.endsWith('-') || v === '-1') return 'negative';
  return undefined;
}

export function parseMsLevel(value: string): number | undefined {
  const match = /(\d+)/.exec(value);
  if (match) return Number(match[1]);
  return /^ms$/i.test(value.trim()) ? 1 : undefined;
}

/**
 * Retention time in seconds. A unit after the number wins; a key that names its unit
 * (MGF `RTINSECONDS`) comes next; a bare number is minutes (the MassBank and MSP
 * convention) unless it is too large to be a chromatographic minute count.
 */
export function parseRetentionTimeSeconds(value: string, rawKey = ''): number | undefined {
  const n = parseLeadingNumber(value);
  if (n === undefined) return undefined;
  const unit = value.replace(/[-+]?\d*\.?\d+(?:[eE][-+]?\d+)?/, '').trim().toLowerCase().replace(/[^a-z]/g, '');
  if (unit.startsWith('ms') || unit === 'millisec') return n / 1000;
  if (unit.startsWith('s')) return n;
  if (unit.startsWith('m') || unit.startsWith('h')) return unit.startsWith('h') ? n * 3600 : n * 60;
  const key = foldKey(rawKey);
  if (key.includes('SECOND')) return n;
  if (key.includes('MINUTE')) return n * 60;
  return n > 120 ? n : n * 60;
}

/** Set one canonical field from a raw pair; returns false when the key is not one we keep. */
export function applyRawField(meta: SpectrumMetadata, rawKey: string, rawValue: string): boolean {
  const key = canonicalKey(rawKey);
  if (!key) return false;
  const value = rawValue.trim();
  if (isMissing(value)) return true;
  switch (key) {
    case 'exactMass':
    case 'precursorMz':
    case 'retentionIndex': {
      const n = parseLeadingNumber(value);
      if (n !== undefined && n > 0) meta[key] = n;
      break;
    }
    case 'retentionTime': {
      const seconds = parseRetentionTimeSeconds(value, rawKey);
      if (seconds !== undefined && seconds >= 0) meta.retentionTime = seconds;
      break;
    }
    case 'ionMode': {
      const mode = parseIonMode(value);
      if (mode) meta.ionMode = mode;
      break;
    }
    case 'msLevel': {
      const level = parseMsLevel(value);
      if (level !== undefined) meta.msLevel = level;
      break;
    }
    case 'name':
    case 'id':
      // The first value wins: MassBank lists the preferred name first.
      if (meta[key] === undefined) meta[key] = value;
      break;
    case 'inchi':
      if (value.startsWith('InChI=')) meta.inchi = value;
      break;
    case 'inchikey':
      if (/^[A-Z]{14}-[A-Z]{10}-[A-Z]$/.test(value)) meta.inchikey = value;
      break;
    default:
      meta[key] = value;
  }
  return true;
}

/**
 * Sort by m/z, merge exact duplicates, drop non-positive intensities. Throws on values
 * that are not numbers, so the importer can reject the record with its line.
 */
export function cleanPeaks(peaks: Peak[]): Peak[] {
  const kept = peaks.filter((p) => p.intensity > 0);
  kept.sort((a, b) => a.mz - b.mz);
  const merged: Peak[] = [];
  for (const p of kept) {
    const last = merged[merged.length - 1];
    if (last && last.mz === p.mz) last.intensity += p.intensity;
    else merged.push({ mz: p.mz, intensity: p.intensity });
  }
  return merged;
}
