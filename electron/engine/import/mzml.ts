/**
 * mzML (HUPO-PSI) read as a stream with saxes, so a large run never sits whole in
 * memory. Only centroided spectra are accepted (MS:1000127); binary arrays are base64,
 * 32- or 64-bit floats, with or without zlib (MS:1000574). Profile spectra and other
 * compressions are reported as problems for that spectrum; the rest of the file imports.
 * saxes was chosen because it is a maintained, dependency-free streaming XML parser
 * that reports line numbers.
 */
import { inflateSync } from 'node:zlib';
import { SaxesParser, type SaxesTag } from 'saxes';
import type { Readable } from 'node:stream';
import type { ImportItem } from './import-types.js';
import { RecordBuilder } from './record-builder.js';

/** MS-Numpress variants (alone and with zlib): valid mzML, but not decoded here. */
const UNSUPPORTED_COMPRESSION = new Set(['MS:1002312', 'MS:1002313', 'MS:1002314', 'MS:1002746', 'MS:1002747', 'MS:1002748']);

interface BinaryArray {
  kind?: 'mz' | 'intensity';
  bits: 32 | 64;
  zlib: boolean;
  unsupported?: string;
  text: string;
}

function decodeArray(array: BinaryArray): Float64Array {
  let bytes: Buffer = Buffer.from(array.text.replace(/\s+/g, ''), 'base64');
  if (array.zlib) bytes = inflateSync(bytes);
  const width = array.bits / 8;
  if (bytes.length % width !== 0) throw new Error(`binary array length ${bytes.length} is not a multiple of ${width}`);
  const out = new Float64Array(bytes.length / width);
  for (let i = 0; i < out.length; i++) out[i] = array.bits === 64 ? bytes.readDoubleLE(i * 8) : bytes.readFloatLE(i * 4);
  return out;
}

export async function* parseMzml(input: Readable, file: string): AsyncGenerator<ImportItem> {
  const parser = new SaxesParser({ position: true });
  const ready: ImportItem[] = [];
  let record: RecordBuilder | undefined;
  let arrays: BinaryArray[] = [];
  let array: BinaryArray | undefined;
  let inBinary = false;
  let centroid = false;
  let profile = false;
  let inPrecursor = false;

  const onCvParam = (accession: string, value: string, unitName: string | undefined): void => {
    if (array) {
      if (accession === 'MS:1000514') array.kind = 'mz';
      else if (accession === 'MS:1000515') array.kind = 'intensity';
      else if (accession === 'MS:1000523') array.bits = 64;
      else if (accession === 'MS:1000521') array.bits = 32;
      else if (accession === 'MS:1000574') array.zlib = true;
      else if (UNSUPPORTED_COMPRESSION.has(accession)) array.unsupported = `compression ${accession} (MS-Numpress)`;
      return;
    }
    if (!record) return;
    switch (accession) {
      case 'MS:1000511':
        record.field('MS_LEVEL', value);
        break;
      case 'MS:1000130':
        record.metadata.ionMode = 'positive';
        break;
      case 'MS:1000129':
        record.metadata.ionMode = 'negative';
        break;
      case 'MS:1000127':
        centroid = true;
        break;
      case 'MS:1000128':
        profile = true;
        break;
      case 'MS:1000016':
        record.field(unitName?.toLowerCase().startsWith('min') ? 'RTINMINUTES' : 'RTINSECONDS', value);
        break;
      case 'MS:1000744':
        if (inPrecursor) record.field('PRECURSOR_MZ', value);
        break;
      case 'MS:1000045':
        record.field('COLLISION_ENERGY', value);
        break;
    }
  };

  parser.on('opentag', (tag: SaxesTag) => {
    // Without the xmlns option saxes hands plain string attributes.
    const attrs = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'spectrum':
        record = new RecordBuilder(file, parser.line);
        if (attrs.id) record.field('ID', attrs.id);
        arrays = [];
        centroid = false;
        profile = false;
        break;
      case 'precursor':
        inPrecursor = true;
        break;
      case 'binaryDataArray':
        array = { bits: 64, zlib: false, text: '' };
        break;
      case 'binary':
        inBinary = true;
        break;
      case 'cvParam':
        onCvParam(attrs.accession ?? '', attrs.value ?? '', attrs.unitName);
        break;
      case 'userParam':
        if (record && !array && attrs.name) record.field(attrs.name, attrs.value ?? '');
        break;
    }
  });
  parser.on('text', (text: string) => {
    if (inBinary && array) array.text += text;
  });
  parser.on('closetag', (tag: SaxesTag) => {
    switch (tag.name) {
      case 'binary':
        inBinary = false;
        break;
      case 'binaryDataArray':
        if (array) arrays.push(array);
        array = undefined;
        break;
      case 'precursor':
        inPrecursor = false;
        break;
      case 'spectrum': {
        if (!record) break;
        finishSpectrum(record, arrays, centroid, profile, parser.line);
        ready.push(record.finish());
        record = undefined;
        break;
      }
    }
  });

  try {
    for await (const chunk of input) {
      parser.write(chunk as string);
      yield* ready.splice(0);
    }
    parser.close();
    yield* ready.splice(0);
  } catch (err) {
    yield* ready.splice(0);
    const message = err instanceof Error ? err.message : String(err);
    yield { kind: 'problem', problem: { file, line: parser.line, message: `mzML is not well-formed, reading stopped: ${message}` } };
  }
}

function finishSpectrum(record: RecordBuilder, arrays: BinaryArray[], centroid: boolean, profile: boolean, line: number): void {
  if (profile && !centroid) {
    record.fail(record.startLine, 'profile spectrum: only centroided spectra are imported (centroid it first, e.g. with msconvert --filter peakPicking)');
    return;
  }
  const mzArray = arrays.find((a) => a.kind === 'mz');
  const intArray = arrays.find((a) => a.kind === 'intensity');
  if (!mzArray || !intArray) {
    record.fail(line, 'spectrum lacks an m/z or intensity array');
    return;
  }
  const unsupported = mzArray.unsupported ?? intArray.unsupported;
  if (unsupported) {
    record.fail(line, `unsupported binary ${unsupported}`);
    return;
  }
  try {
    const mz = decodeArray(mzArray);
    const intensity = decodeArray(intArray);
    if (mz.length !== intensity.length) {
      record.fail(line, `m/z array has ${mz.length} values but intensity array has ${intensity.length}`);
      return;
    }
    for (let i = 0; i < mz.length; i++) record.addPeak(mz[i]!, intensity[i]!, line);
  } catch (err) {
    record.fail(line, `cannot decode binary array: ${err instanceof Error ? err.message : String(err)}`);
  }
}
