import { describe, expect, it } from 'vitest';
import { EI_FILE, field, realRecords } from '../../../test-support/shared-data.js';
import { completeStructure } from './complete-structure.js';
import { depictSvg, describeSmiles, formulaMass, InvalidStructureError } from './rdkit-chemistry.js';

describe('RDKit chemistry', () => {
  it('computes the InChIKey MassBank records give, from their SMILES alone', async () => {
    const records = await realRecords(EI_FILE, 60, (r) => /CH\$SMILES: [^N]/.test(r) && /INCHIKEY/.test(r) && !/\[2H\]|\[13C/.test(r));
    let agree = 0;
    for (const record of records) {
      const info = await describeSmiles(field(record, /^CH\$SMILES: (.+)$/m)!);
      if (info.inchikey.slice(0, 14) === field(record, /INCHIKEY (.+)$/m)!.slice(0, 14)) agree++;
    }
    // Records occasionally carry a SMILES that does not match their own InChIKey (salts, tautomers); most must agree.
    expect(agree / records.length).toBeGreaterThan(0.9);
  });

  it('gives canonical SMILES, Hill formula and monoisotopic mass', async () => {
    const info = await describeSmiles('OC(=O)c1ccccc1OC(C)=O');
    expect(info.canonicalSmiles).toBe('CC(=O)Oc1ccccc1C(=O)O');
    expect(info.formula).toBe('C9H8O4');
    expect(info.monoisotopicMass).toBeCloseTo(180.04226, 4);
    expect(info.inchikey).toBe('BSYNRYMUTXBXSQ-UHFFFAOYSA-N');
    expect(formulaMass('C9H8O4')).toBeCloseTo(180.04226, 4);
    expect(formulaMass('C9H8Xx')).toBeUndefined();
  });

  it('refuses invalid SMILES and unsupported elements with a clear error', async () => {
    await expect(describeSmiles('C1CC(')).rejects.toThrow(InvalidStructureError);
    await expect(describeSmiles('[U]')).rejects.toThrow(/unsupported element/);
  });

  it('fills a missing InChIKey and exact mass from the structure or the InChI', async () => {
    const fromSmiles = { smiles: 'CN1C=NC2=C1C(=O)N(C(=O)N2C)C' };
    await completeStructure(fromSmiles);
    expect(fromSmiles).toMatchObject({ inchikey: 'RYYVLZVUVIJVGH-UHFFFAOYSA-N', formula: 'C8H10N4O2' });
    const fromInchi = { inchi: 'InChI=1S/C8H10N4O2/c1-10-4-9-6-5(10)7(13)12(3)8(14)11(6)2/h4H,1-3H3' };
    await completeStructure(fromInchi);
    expect(fromInchi).toMatchObject({ inchikey: 'RYYVLZVUVIJVGH-UHFFFAOYSA-N' });
    const badSmiles = { smiles: 'not a smiles', formula: 'C8H10N4O2' };
    expect(await completeStructure(badSmiles)).toMatch(/invalid SMILES/);
    expect((badSmiles as { exactMass?: number }).exactMass).toBeCloseTo(194.08038, 4);
  });

  it('draws a structure as SVG', async () => {
    const svg = await depictSvg('c1ccccc1O', 200, 150);
    expect(svg).toMatch(/^<\?xml|^<svg/);
    expect(svg).toContain('</svg>');
  });
});
