import { describe, expect, it } from 'vitest';
import { libraryNameFromFile } from './library-name.js';

describe('library name from a file', () => {
  it('drops the folder, the spectrum-format extension and .gz', () => {
    expect(libraryNameFromFile('../shared/data/massbank/ei.massbank.txt.gz')).toBe('ei.massbank');
    expect(libraryNameFromFile('C:\\lab\\In-house EI.MSP')).toBe('In-house EI');
    expect(libraryNameFromFile('pesticides.mzML')).toBe('pesticides');
    expect(libraryNameFromFile('notes')).toBe('notes');
  });
});
