/**
 * The one spectrum shape every importer produces and every other part consumes.
 * Runtime-agnostic: imported by the engine, the API contract and the renderer.
 */

export type IonMode = 'positive' | 'negative';

/** Where a reference spectrum came from: measured on an instrument or predicted in silico. */
export type SpectrumSource = 'measured' | 'predicted';

export interface Peak {
  mz: number;
  intensity: number;
}

/** Canonical metadata; every format's keys are mapped onto these through one table. */
export interface SpectrumMetadata {
  /** The record's own identifier: MassBank ACCESSION, MSP DB#/Name, MGF TITLE, mzML spectrum id. */
  id?: string;
  name?: string;
  smiles?: string;
  inchi?: string;
  inchikey?: string;
  formula?: string;
  exactMass?: number;
  precursorMz?: number;
  precursorType?: string;
  ionMode?: IonMode;
  msLevel?: number;
  /** Retention time in seconds. */
  retentionTime?: number;
  retentionIndex?: number;
  instrumentType?: string;
  instrument?: string;
  collisionEnergy?: string;
  license?: string;
  /** For a predicted spectrum, the model that made it: "NAME VERSION". */
  predictionModel?: string;
  authors?: string;
  accession?: string;
}

export interface Spectrum {
  metadata: SpectrumMetadata;
  /** Sorted by m/z ascending, no zero intensities. */
  peaks: Peak[];
}
