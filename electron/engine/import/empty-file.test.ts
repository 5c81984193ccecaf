import { afterEach, describe, expect, it } from 'vitest';
import { collect, tempDir, type TempDir } from '../../../test-support/shared-data.js';
import { importSpectra } from './import-spectra.js';

let dir: TempDir;
afterEach(() => dir?.remove());

describe('a file without spectra', () => {
  it('is reported as a problem rather than silently importing nothing', async () => {
    dir = tempDir();
    const path = dir.file('empty.msp', '\n\n');
    expect(await collect(importSpectra(path))).toEqual([{ kind: 'problem', problem: { file: path, line: 1, message: 'no spectra found in this file' } }]);
  });
});
