/**
 * Writers for predicted spectra: NIST MSP and JSON Lines. Both carry name, SMILES,
 * InChIKey, formula, the model's name and version and the structure list's other
 * columns, so that `nexa library import` of either file makes an in-silico library.
 */
import type { Spectrum } from '../../common/spectrum.js';

const oneLine = (value: string): string => value.replace(/[\r\n]+/g, ' ').trim();

export function mspRecord(spectrum: Spectrum, extra: Record<string, string> = {}): string {
  const m = spectrum.metadata;
  const lines = [`Name: ${oneLine(m.name ?? m.smiles ?? 'unnamed')}`];
  if (m.id) lines.push(`DB#: ${oneLine(m.id)}`);
  if (m.smiles) lines.push(`SMILES: ${m.smiles}`);
  if (m.inchikey) lines.push(`InChIKey: ${m.inchikey}`);
  if (m.formula) lines.push(`Formula: ${m.formula}`);
  if (m.exactMass !== undefined) lines.push(`ExactMass: ${m.exactMass.toFixed(5)}`);
  lines.push('Spectrum_type: MS1', 'Ion_mode: P', `Instrument_type: ${m.instrumentType ?? 'in-silico EI'}`);
  if (m.predictionModel) lines.push(`Predicted_by: ${m.predictionModel}`);
  for (const [key, value] of Object.entries(extra)) {
    if (key.toLowerCase() !== 'id' && /^[A-Za-z][\w .-]*$/.test(key)) lines.push(`${key}: ${oneLine(value)}`);
  }
  lines.push(`Num Peaks: ${spectrum.peaks.length}`, ...spectrum.peaks.map((p) => `${p.mz} ${p.intensity}`));
  return `${lines.join('\n')}\n\n`;
}

export function jsonlRecord(spectrum: Spectrum, extra: Record<string, string> = {}): string {
  const m = spectrum.metadata;
  const record = {
    ...extra,
    ...(m.id ? { id: m.id } : {}),
    name: m.name,
    smiles: m.smiles,
    inchikey: m.inchikey,
    formula: m.formula,
    exactMass: m.exactMass,
    msLevel: 1,
    ionMode: 'positive',
    instrumentType: m.instrumentType,
    source: 'predicted',
    model: m.predictionModel,
    peaks: spectrum.peaks.map((p) => [p.mz, p.intensity]),
  };
  return `${JSON.stringify(record)}\n`;
}
