/**
 * Rebuilds the bundled sample library and sample unknowns from the MassBank developer
 * set in ../shared, keeping only records whose licence lets us ship them (CC0, CC BY,
 * dl-de/by-2-0), and writes ATTRIBUTION.md naming each record's accession, authors
 * and licence. Deterministic: the same input gives the same files.
 *
 *   node electron/bin/run-ts.js resources/scripts/build-samples.ts [path/to/shared/data/massbank]
 *
 * Sample unknowns are other spectra of compounds that are in the sample library, so a
 * fresh install identifies something on its first run.
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { gzipSync, createGunzip } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESOURCES = resolve(HERE, '..');
const SHARED = resolve(process.argv[2] ?? join(RESOURCES, '..', '..', 'shared', 'data', 'massbank'));
const SHIPPABLE = /^(CC0|CC BY|dl-de\/by-2-0)$/;

interface RawRecord {
  text: string;
  accession: string;
  license: string;
  authors: string;
  name: string;
  inchikey: string;
  precursorType: string;
  ionMode: string;
  peaks: [number, number][];
  precursorMz?: number;
  rt?: string;
}

async function readRecords(file: string): Promise<RawRecord[]> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  const records: RawRecord[] = [];
  let buffer: string[] = [];
  for await (const line of lines) {
    buffer.push(line);
    if (!line.startsWith('//')) continue;
    const text = buffer.join('\n') + '\n';
    buffer = [];
    const field = (re: RegExp): string => re.exec(text)?.[1]?.trim() ?? '';
    const peakBlock = text.split('PK$PEAK: m/z int. rel.int.\n')[1] ?? '';
    const peaks = peakBlock
      .split('\n')
      .filter((l) => l.startsWith('  '))
      .map((l) => l.trim().split(/\s+/).map(Number))
      .map(([mz, , rel]) => [mz!, rel!] as [number, number]);
    const precursor = field(/^MS\$FOCUSED_ION: PRECURSOR_M\/Z (.+)$/m);
    records.push({
      text,
      accession: field(/^ACCESSION: (.+)$/m),
      license: field(/^LICENSE: (.+)$/m),
      authors: field(/^AUTHORS: (.+)$/m),
      name: field(/^CH\$NAME: (.+)$/m),
      inchikey: field(/^CH\$LINK: INCHIKEY (.+)$/m),
      precursorType: field(/^MS\$FOCUSED_ION: PRECURSOR_TYPE (.+)$/m),
      ionMode: field(/^AC\$MASS_SPECTROMETRY: ION_MODE (.+)$/m),
      peaks,
      ...(precursor && Number.isFinite(Number(precursor)) ? { precursorMz: Number(precursor) } : {}),
      ...(field(/^AC\$CHROMATOGRAPHY: RETENTION_TIME (.+)$/m) ? { rt: field(/^AC\$CHROMATOGRAPHY: RETENTION_TIME (.+)$/m) } : {}),
    });
  }
  return records;
}

function groupByCompound(records: RawRecord[], key: (r: RawRecord) => string): Map<string, RawRecord[]> {
  const groups = new Map<string, RawRecord[]>();
  for (const r of records) {
    if (!r.inchikey) continue;
    const k = key(r);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  return groups;
}

function mspRecord(r: RawRecord, label: string): string {
  return [
    `Name: ${label}`,
    `DB#: ${r.accession}`,
    'Spectrum_type: MS1',
    'Ion_mode: P',
    `Comments: "source=${r.accession}" "license=${r.license}"`,
    `Num Peaks: ${r.peaks.length}`,
    ...r.peaks.map(([mz, i]) => `${mz} ${i}`),
    '',
  ].join('\n');
}

function mgfRecord(r: RawRecord, label: string): string {
  return [
    'BEGIN IONS',
    `TITLE=${r.accession}`,
    `NAME=${label}`,
    `PEPMASS=${r.precursorMz}`,
    `CHARGE=1${r.ionMode === 'NEGATIVE' ? '-' : '+'}`,
    `IONMODE=${r.ionMode.toLowerCase()}`,
    `PRECURSORTYPE=${r.precursorType}`,
    'MSLEVEL=2',
    `LICENSE=${r.license}`,
    ...r.peaks.map(([mz, i]) => `${mz} ${i}`),
    'END IONS',
    '',
  ].join('\n');
}

const ei = (await readRecords(join(SHARED, 'ei.massbank.txt.gz'))).filter((r) => SHIPPABLE.test(r.license));
const msms = (await readRecords(join(SHARED, 'msms.massbank.txt.gz'))).filter((r) => SHIPPABLE.test(r.license) && r.precursorMz !== undefined);

// EI: every shippable record goes into the library except one spectrum of each of the
// first 8 compounds (by accession order) that has two or more: those become unknowns.
const eiGroups = [...groupByCompound(ei, (r) => r.inchikey.slice(0, 14)).values()].filter((g) => g.length >= 2);
const eiUnknowns = eiGroups.slice(0, 8).map((g) => g[g.length - 1]!);
const eiLibrary = ei.filter((r) => !eiUnknowns.includes(r));

// MS/MS: 150 compounds in positive mode [M+H]+ with at least 3 spectra; 8 of them give an unknown each.
const msmsGroups = [...groupByCompound(msms.filter((r) => r.precursorType === '[M+H]+'), (r) => r.inchikey.slice(0, 14)).values()]
  .filter((g) => g.length >= 3)
  .slice(0, 150);
// An unknown must have a library spectrum of its compound at the same precursor (some
// records isolate an isotopologue, e.g. the 37Cl peak, which no 10 ppm window matches).
const samePrecursor = (a: RawRecord, b: RawRecord): boolean => Math.abs(a.precursorMz! - b.precursorMz!) / b.precursorMz! < 5e-6;
const msmsUnknowns = msmsGroups
  .slice(0, 8)
  .map((g) => [...g].reverse().find((r) => g.some((o) => o !== r && samePrecursor(r, o)))!)
  .filter((r) => r !== undefined);
const msmsLibrary = msmsGroups.flat().filter((r) => !msmsUnknowns.includes(r));

writeFileSync(join(RESOURCES, 'sample-library', 'massbank-ei-cc-by.txt.gz'), gzipSync(eiLibrary.map((r) => r.text).join(''), { level: 9 }));
writeFileSync(join(RESOURCES, 'sample-library', 'massbank-msms-open.txt.gz'), gzipSync(msmsLibrary.map((r) => r.text).join(''), { level: 9 }));
writeFileSync(join(RESOURCES, 'sample-unknowns', 'gc-ei-unknowns.msp'), eiUnknowns.map((r, i) => mspRecord(r, `EI unknown ${i + 1}`)).join('\n'));
writeFileSync(join(RESOURCES, 'sample-unknowns', 'lc-msms-unknowns.mgf'), msmsUnknowns.map((r, i) => mgfRecord(r, `MS/MS unknown ${i + 1}`)).join('\n'));

const rows = [
  ...eiLibrary.map((r) => ['sample-library/massbank-ei-cc-by.txt.gz', r]),
  ...msmsLibrary.map((r) => ['sample-library/massbank-msms-open.txt.gz', r]),
  ...eiUnknowns.map((r) => ['sample-unknowns/gc-ei-unknowns.msp', r]),
  ...msmsUnknowns.map((r) => ['sample-unknowns/lc-msms-unknowns.mgf', r]),
] as [string, RawRecord][];
const attribution = [
  '# Attribution of bundled spectra',
  '',
  'Every spectrum in `resources/` comes from MassBank (MassBank consortium, MassBank-data release 2025.05.1,',
  'https://massbank.eu), unchanged except that sample unknowns are re-written as MSP or MGF with their',
  'names replaced. Only records under CC0, CC BY or dl-de/by-2-0 are shipped. Generated by',
  '`resources/scripts/build-samples.ts`.',
  '',
  '| file | accession | compound | authors | licence |',
  '| --- | --- | --- | --- | --- |',
  ...rows.map(([file, r]) => `| ${file} | ${r.accession} | ${r.name.replace(/\|/g, '/')} | ${r.authors.replace(/\|/g, '/')} | ${r.license} |`),
  '',
].join('\n');
writeFileSync(join(RESOURCES, 'ATTRIBUTION.md'), attribution);
process.stdout.write(`EI library ${eiLibrary.length}, EI unknowns ${eiUnknowns.length}, MS/MS library ${msmsLibrary.length}, MS/MS unknowns ${msmsUnknowns.length}\n`);
