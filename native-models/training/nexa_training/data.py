"""The dataset as arrays: molecules (one per InChIKey first block) and measured spectra.

Reads what export-dataset.ts wrote with the app's own featuriser. Intensities are scaled to
the square root of the relative intensity (base peak = 1): the space the app's default EI
similarity works in (intensity^0.5, m/z^1), so the training loss and the search agree.
Bin i holds m/z i + 1.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

BINS = 1000


def read_jsonl(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


@dataclass
class Dataset:
    blocks: list[str]  # one per molecule
    smiles: list[str]
    fingerprints: np.ndarray  # (molecules, n_bits) uint8
    masses: np.ndarray  # (molecules,) float32 nominal mass
    spectrum_molecule: np.ndarray  # (spectra,) int64 index into molecules
    spectra: np.ndarray  # (spectra, BINS) float32, sqrt of relative intensity
    accessions: list[str]
    licenses: list[str]
    has_measured: np.ndarray  # (molecules,) bool: False for the extra structures

    def molecule_index(self) -> dict[str, int]:
        return {block: i for i, block in enumerate(self.blocks)}


def scale_intensities(peaks: list[list[float]]) -> np.ndarray:
    row = np.zeros(BINS, dtype=np.float32)
    for mz, intensity in peaks:
        row[int(mz) - 1] += intensity
    return np.sqrt(row / row.max())


def load_dataset(data_dir: Path, n_bits: int, include_extra: bool = True) -> Dataset:
    blocks: list[str] = []
    smiles: list[str] = []
    masses: list[float] = []
    fingerprint_bits: list[list[int]] = []
    has_measured: list[bool] = []
    index: dict[str, int] = {}
    spectrum_molecule: list[int] = []
    spectra: list[np.ndarray] = []
    accessions: list[str] = []
    licenses: list[str] = []

    def molecule(record: dict, measured: bool) -> int:
        found = index.get(record["block"])
        if found is not None:
            return found
        index[record["block"]] = len(blocks)
        blocks.append(record["block"])
        smiles.append(record["smiles"])
        masses.append(float(record["nominalMass"]))
        fingerprint_bits.append(record["fingerprint"])
        has_measured.append(measured)
        return len(blocks) - 1

    for record in read_jsonl(data_dir / "ei-spectra.jsonl.gz"):
        if record["nominalMass"] > BINS:
            continue
        spectrum_molecule.append(molecule(record, True))
        spectra.append(scale_intensities(record["peaks"]))
        accessions.append(record.get("accession") or "")
        licenses.append(record.get("license") or "")
    extra = data_dir / "extra-structures.jsonl.gz"
    if include_extra and extra.exists():
        for record in read_jsonl(extra):
            if record["nominalMass"] <= BINS:
                molecule(record, False)

    fingerprints = np.zeros((len(blocks), n_bits), dtype=np.uint8)
    for i, bits in enumerate(fingerprint_bits):
        fingerprints[i, bits] = 1
    return Dataset(
        blocks=blocks,
        smiles=smiles,
        fingerprints=fingerprints,
        masses=np.asarray(masses, dtype=np.float32),
        spectrum_molecule=np.asarray(spectrum_molecule, dtype=np.int64),
        spectra=np.stack(spectra),
        accessions=accessions,
        licenses=licenses,
        has_measured=np.asarray(has_measured, dtype=bool),
    )


@dataclass
class Split:
    train: set[str]
    validation: set[str]
    test: set[str]

    def part(self, block: str) -> str | None:
        if block in self.train:
            return "train"
        if block in self.validation:
            return "validation"
        if block in self.test:
            return "test"
        return None


def load_split(path: Path) -> Split:
    raw = json.loads(path.read_text())
    return Split(set(raw["train"]), set(raw["validation"]), set(raw["test"]))
