/**
 * JSON Lines spectra, as `nexa predict --out FILE.jsonl` writes them: one object per
 * line, metadata under any key the metadata table knows (`name`, `smiles`, `inchikey`,
 * `model` ...), peaks as `[[mz, intensity], ...]` or `[{ "mz": .., "intensity": .. }]`.
 */
import type { ImportItem, NumberedLine } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

/** Keys the JSON writer uses that are named differently in the metadata table. */
const RENAMED: Record<string, string> = { model: 'PREDICTION_MODEL' };

export async function* parseJsonLines(lines: AsyncIterable<NumberedLine>, file: string): AsyncGenerator<ImportItem> {
  for await (const { text, line } of lines) {
    if (text.trim() === '') continue;
    const record = new RecordBuilder(file, line);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      record.fail(line, `not valid JSON (${err instanceof Error ? err.message : String(err)})`);
      yield record.finish();
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      record.fail(line, 'each line must be one JSON object');
      yield record.finish();
      continue;
    }
    const { peaks, ...fields } = value as Record<string, unknown>;
    for (const [key, field] of Object.entries(fields)) {
      if (typeof field === 'string' || typeof field === 'number') record.field(RENAMED[key] ?? key, String(field));
    }
    if (!Array.isArray(peaks)) record.fail(line, 'no "peaks" array');
    else {
      for (const peak of peaks as unknown[]) {
        const [mz, intensity] = Array.isArray(peak) ? peak : [(peak as { mz?: unknown })?.mz, (peak as { intensity?: unknown })?.intensity];
        if (typeof mz !== 'number' || typeof intensity !== 'number') {
          record.fail(line, `bad peak ${JSON.stringify(peak)}: expected [mz, intensity] numbers`);
          break;
        }
        record.addPeak(mz, intensity, line);
      }
    }
    yield record.finish();
  }
}
