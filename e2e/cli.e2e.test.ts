import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EI_FILE, field, MSMS_FILE, realRecords, REPO_ROOT, tempDir, type TempDir } from '../test-support/shared-data.js';
import { nexa } from './support.js';

const SAMPLE_LIBRARY = join(REPO_ROOT, 'resources', 'sample-library');
const EI_UNKNOWNS = join(REPO_ROOT, 'resources', 'sample-unknowns', 'gc-ei-unknowns.msp');
const MSMS_UNKNOWNS = join(REPO_ROOT, 'resources', 'sample-unknowns', 'lc-msms-unknowns.mgf');

let dir: TempDir;
let db: string;

beforeAll(() => {
  dir = tempDir();
  db = join(dir.path, 'lib.sqlite');
  const result = nexa(['library', 'import', join(SAMPLE_LIBRARY, 'massbank-ei-cc-by.txt.gz'), join(SAMPLE_LIBRARY, 'massbank-msms-open.txt.gz'), '--library', db, '--name', 'sample']);
  expect(result.status, result.stderr).toBe(0);
});
afterAll(() => dir?.remove());

describe('nexa CLI', () => {
  it('imports and lists libraries', () => {
    const list = nexa(['library', 'list', '--library', db]);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/^sample\tenabled\tmeasured\t2664 spectra\t\d+ compounds$/m);
  });

  it('identifies the EI sample unknowns to JSONL, each against its own compound', async () => {
    const out = join(dir.path, 'ei.jsonl');
    const result = nexa(['identify', EI_UNKNOWNS, '--library', db, '--top', '5', '--out', out]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/8 spectra searched/);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(8);
    // The sample unknowns are renamed; their true compounds come from the source records.
    const truth = new Map((await realRecords(EI_FILE, Infinity, (r) => /LICENSE: CC BY$/m.test(r))).map((r) => [field(r, /^ACCESSION: (.+)$/m), field(r, /INCHIKEY (.+)$/m)?.slice(0, 14)]));
    for (const line of lines) {
      expect(Object.keys(line.query).sort()).toEqual(['id', 'name', 'precursor_mz', 'rt']);
      expect(line.hits).toHaveLength(5);
      expect(Object.keys(line.hits[0]).sort()).toEqual(['inchikey', 'library', 'name', 'probability', 'rank', 'record_id', 'reverse_score', 'score', 'smiles', 'source'].sort());
      expect(line.hits[0].source).toBe('measured');
      expect(line.hits[0].inchikey.slice(0, 14)).toBe(truth.get(line.query.id));
    }
  });

  it('identifies every MS/MS sample unknown as its own compound within 10 ppm', async () => {
    const out = join(dir.path, 'msms.jsonl');
    expect(nexa(['identify', MSMS_UNKNOWNS, '--library', db, '--mode', 'msms', '--precursor-tol', '10ppm', '--out', out]).status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const ids = new Set(lines.map((l) => l.query.id));
    const truth = new Map((await realRecords(MSMS_FILE, Infinity, (r) => ids.has(field(r, /^ACCESSION: (.+)$/m)))).map((r) => [field(r, /^ACCESSION: (.+)$/m), field(r, /INCHIKEY (.+)$/m)?.slice(0, 14)]));
    expect(lines).toHaveLength(8);
    for (const line of lines) expect(line.hits[0].inchikey.slice(0, 14)).toBe(truth.get(line.query.id));
  });

  it('identifies MS/MS unknowns within the precursor window to CSV and HTML', () => {
    const csv = join(dir.path, 'msms.csv');
    expect(nexa(['identify', MSMS_UNKNOWNS, '--library', db, '--mode', 'msms', '--precursor-tol', '10ppm', '--out', csv]).status).toBe(0);
    const rows = readFileSync(csv, 'utf8').trim().split('\r\n');
    expect(rows[0]).toMatch(/^query_file,query_id,query_name,precursor_mz/);
    expect(rows.length).toBeGreaterThan(8);
    const html = join(dir.path, 'msms.html');
    expect(nexa(['identify', MSMS_UNKNOWNS, '--library', db, '--out', html]).status).toBe(0);
    const report = readFileSync(html, 'utf8');
    expect(report).toContain('Identification report');
    expect(report.match(/aria-label="mirror plot"/g)?.length).toBe(8);
  });

  it('doctor lists versions, the ONNX execution providers and the one in use, and the library', () => {
    const result = nexa(['doctor', '--library', db]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ONNX Runtime\s+\d+\.\d+\.\d+$/m);
    expect(result.stdout).toMatch(/^Execution providers\s+cpu \(in use: cpu\)$/m);
    expect(result.stdout).toMatch(/^RDKit\s+2026\.09/m);
    expect(result.stdout).toMatch(/^\s+sample\s+enabled, 2664 spectra/m);
  });

  it('exits 2 on bad usage with a message', () => {
    for (const args of [
      ['identify', EI_UNKNOWNS, '--library', db],
      ['identify', EI_UNKNOWNS, '--library', db, '--out', 'x.txt'],
      ['identify', EI_UNKNOWNS, '--library', db, '--out', 'x.jsonl', '--precursor-tol', 'wide'],
      ['identify', EI_UNKNOWNS, '--library', join(dir.path, 'missing.sqlite'), '--out', 'x.jsonl'],
      ['frobnicate'],
    ]) {
      const result = nexa(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^nexa: /);
    }
  });

  it('exits 3 when records are rejected, still identifying the good ones and naming the bad one', () => {
    const input = dir.file('mixed.msp', readFileSync(EI_UNKNOWNS, 'utf8').replace('43.056 864', '43.056 eight-hundred'));
    const out = join(dir.path, 'mixed.jsonl');
    const result = nexa(['identify', input, '--library', db, '--out', out]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/rejected: .*mixed\.msp:\d+ \(record MSBNK-[^)]+\): bad peak line/);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(7);
  });
  it('predicts EI spectra with `nexa predict` from a SMILES and from a structure list, rejecting bad rows by line', () => {
    const single = join(dir.path, 'one.jsonl');
    const one = nexa(['predict', '--smiles', 'CCOC(C)=O', '--name', 'ethyl acetate', '--out', single]);
    expect(one.status, one.stderr).toBe(0);
    const [record] = readFileSync(single, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(record).toMatchObject({ name: 'ethyl acetate', smiles: 'CCOC(C)=O', inchikey: 'XEKOWRVHYACXOJ-UHFFFAOYSA-N', source: 'predicted', model: expect.stringMatching(/^nexa-ei-moe-student /) });
    expect(record.peaks.length).toBeGreaterThan(5);

    const list = join(dir.path, 'suspects.csv');
    writeFileSync(list, 'id,name,smiles,supplier\nx1,caffeine,CN1C=NC2=C1C(=O)N(C(=O)N2C)C,acme\nx2,bad,C1CC(,acme\nx3,toluene,Cc1ccccc1,acme\n');
    const msp = join(dir.path, 'suspects.msp');
    const many = nexa(['predict', '--input', list, '--out', msp]);
    expect(many.status).toBe(3);
    expect(many.stderr).toMatch(/rejected: .*suspects\.csv:3 \(record bad\): invalid SMILES "C1CC\("/);
    const text = readFileSync(msp, 'utf8');
    expect(text.match(/^Name: /gm)).toHaveLength(2);
    expect(text).toMatch(/^DB#: x1$/m);
    expect(text).toMatch(/^supplier: acme$/m);
    expect(text).toMatch(/^Predicted_by: nexa-ei-moe-student \S+$/m);

    const insilico = join(dir.path, 'insilico.sqlite');
    const imported = nexa(['library', 'import', msp, '--library', insilico, '--name', 'suspects']);
    expect(imported.status, imported.stderr).toBe(0);
    const built = nexa(['library', 'import-structures', list, '--library', insilico, '--name', 'suspects-direct']);
    expect(built.status).toBe(3);
    const listing = nexa(['library', 'list', '--library', insilico]).stdout;
    expect(listing).toMatch(/^suspects\tenabled\tpredicted \(nexa-ei-moe-student \S+\)\t2 spectra/m);
    expect(listing).toMatch(/^suspects-direct\tenabled\tpredicted \(nexa-ei-moe-student \S+\)\t2 spectra/m);
  });

  it('says why a structure cannot be predicted and which arguments are wrong', () => {
    const out = join(dir.path, 'x.msp');
    const gold = nexa(['predict', '--smiles', '[Au]Cl', '--out', out]);
    expect(gold.status).toBe(3);
    expect(gold.stderr).toMatch(/unsupported element/);
    expect(nexa(['predict', '--smiles', 'CCO', '--out', join(dir.path, 'x.txt')]).stderr).toMatch(/--out must end in \.msp or \.jsonl/);
    expect(nexa(['predict', '--out', out]).status).toBe(2);
  });
  it('ranks candidates with probabilities and "none of these" by default, or by similarity on request', () => {
    const ranked = join(dir.path, 'ranked.jsonl');
    const result = nexa(['identify', EI_UNKNOWNS, '--library', db, '--top', '5', '--out', ranked]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/8 spectra searched and ranked \(\d flagged for review\)/);
    for (const line of readFileSync(ranked, 'utf8').trim().split('\n').map((l) => JSON.parse(l))) {
      expect(line.p_none).toBeGreaterThanOrEqual(0);
      expect(typeof line.flagged).toBe('boolean');
      expect(line.ranking_model).toMatch(/^nexa-candidate-ranker /);
      const probabilities = line.hits.map((h: { probability: number }) => h.probability);
      expect(probabilities).toEqual([...probabilities].sort((a: number, b: number) => b - a));
      expect(probabilities[0] + line.p_none).toBeLessThanOrEqual(1.0001);
    }
    const plain = join(dir.path, 'plain.jsonl');
    expect(nexa(['identify', EI_UNKNOWNS, '--library', db, '--rank', 'similarity', '--out', plain]).status).toBe(0);
    const first = JSON.parse(readFileSync(plain, 'utf8').split('\n')[0]!);
    expect(first.p_none).toBeUndefined();
    expect(first.hits[0].probability).toBeUndefined();
    expect(nexa(['identify', EI_UNKNOWNS, '--library', db, '--rank', 'vote', '--out', plain]).stderr).toMatch(/--rank must be probabilistic or similarity/);
    expect(nexa(['identify', EI_UNKNOWNS, '--library', db, '--k-max', '500', '--out', plain]).stderr).toMatch(/--k-max needs an integer 5-50/);
  });
});
