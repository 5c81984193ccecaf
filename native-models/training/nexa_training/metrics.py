"""The evaluation every model gets, on the same test compounds (one function, JSON out).

- Library matching as in NEIMS: each test compound's measured spectrum is ranked against
  the training compounds' measured spectra plus the predicted spectra of all test
  compounds, among candidates of the same nominal mass; a hit is the candidate with the
  query's InChIKey first block. recall@1/5/10.
- Weighted cosine (m/z^1 x intensity^0.5, the app's default EI weighting) between each
  test spectrum and its compound's prediction: mean and median.
- Top-k peak recall: the share of the measured k most intense peaks among the predicted k
  most intense, k = 5, 10, 20 (k capped at the measured peak count).
Every figure is also given per nominal-mass band: <200, 200-400, >400 Da.
"""
from __future__ import annotations

from typing import Callable

import numpy as np

from .data import BINS, Dataset, Split

MZ_WEIGHT = np.arange(1, BINS + 1, dtype=np.float32)
BANDS = {"<200": (0, 200), "200-400": (200, 400), ">400": (400, 10_000)}


def weighted_unit(rows: np.ndarray) -> np.ndarray:
    """Rows in sqrt-intensity space -> m/z-weighted, L2-normalised vectors."""
    weighted = rows * MZ_WEIGHT
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    return weighted / np.maximum(norms, 1e-12)


def top_k_recall(measured: np.ndarray, predicted: np.ndarray, k: int) -> float:
    k_measured = min(k, int((measured > 0).sum()))
    if k_measured == 0:
        return float("nan")
    top_measured = set(np.argsort(-measured, kind="stable")[:k_measured].tolist())
    top_predicted = set(np.argsort(-predicted, kind="stable")[:k].tolist())
    return len(top_measured & top_predicted) / k_measured


def first_spectrum_per_molecule(dataset: Dataset, molecules: set[int]) -> dict[int, int]:
    first: dict[int, int] = {}
    for spectrum, molecule in enumerate(dataset.spectrum_molecule.tolist()):
        if molecule in molecules and molecule not in first:
            first[molecule] = spectrum
    return first


def summarise(values: list[float]) -> dict:
    array = np.asarray([v for v in values if not np.isnan(v)])
    if array.size == 0:
        return {"mean": None, "median": None, "n": 0}
    return {"mean": round(float(array.mean()), 4), "median": round(float(np.median(array)), 4), "n": int(array.size)}


def evaluate(dataset: Dataset, split: Split, part: str, predict: Callable[[np.ndarray], np.ndarray]) -> dict:
    """predict(molecule indices) -> (n, BINS) sqrt-scaled predicted intensities.

    The library of the protocol above is small (about 14 candidates share a nominal mass),
    so recall@10 nears 1 for any model; `library_matching_with_decoys` repeats the ranking
    with the predicted spectra of the extra structures (never test compounds) added as
    decoys, which makes the figures discriminate."""
    blocks = split.test if part == "test" else split.validation
    eval_molecules = sorted(i for i, b in enumerate(dataset.blocks) if b in blocks and dataset.has_measured[i])
    train_molecules = {i for i, b in enumerate(dataset.blocks) if b in split.train and dataset.has_measured[i]}
    predictions = predict(np.asarray(eval_molecules, dtype=np.int64))
    prediction_of = {m: predictions[i] for i, m in enumerate(eval_molecules)}
    masses = dataset.masses

    # Per-spectrum agreement between measured and predicted.
    per_spectrum: list[tuple[float, dict[int, float], float]] = []
    for spectrum, molecule in enumerate(dataset.spectrum_molecule.tolist()):
        if molecule not in prediction_of:
            continue
        measured, predicted = dataset.spectra[spectrum], prediction_of[molecule]
        cosine = float((weighted_unit(measured[None]) * weighted_unit(predicted[None])).sum())
        per_spectrum.append((cosine, {k: top_k_recall(measured, predicted, k) for k in (5, 10, 20)}, float(masses[molecule])))

    # Library matching, one query per test compound.
    train_first = first_spectrum_per_molecule(dataset, train_molecules)
    library_molecules = np.asarray(list(train_first) + eval_molecules)
    library_vectors = weighted_unit(np.concatenate([dataset.spectra[list(train_first.values())], predictions]))
    library_masses = masses[library_molecules]
    query_first = first_spectrum_per_molecule(dataset, set(eval_molecules))
    decoy_molecules = np.flatnonzero(~dataset.has_measured)
    decoy_vectors = weighted_unit(predict(decoy_molecules)) if decoy_molecules.size else np.zeros((0, BINS), np.float32)

    def rank_queries(molecules: np.ndarray, vectors: np.ndarray) -> list[tuple[int, float, int]]:
        ranked = []
        candidate_masses = masses[molecules]
        for molecule, spectrum in query_first.items():
            same_mass = np.flatnonzero(candidate_masses == masses[molecule])
            query = weighted_unit(dataset.spectra[spectrum][None])[0]
            scores = vectors[same_mass] @ query
            correct = scores[molecules[same_mass] == molecule]
            ranked.append((int((scores > correct.max()).sum()) + 1, float(masses[molecule]), int(same_mass.size)))
        return ranked

    ranks = rank_queries(library_molecules, library_vectors)
    decoy_ranks = rank_queries(np.concatenate([library_molecules, decoy_molecules]), np.concatenate([library_vectors, decoy_vectors]))

    def recall(ranked: list[tuple[int, float, int]], low: float, high: float) -> dict:
        rows = [r for r in ranked if low <= r[1] < high]
        if not rows:
            return {"queries": 0}
        return {
            **{f"recall@{k}": round(sum(r[0] <= k for r in rows) / len(rows), 4) for k in (1, 5, 10)},
            "queries": len(rows),
            "mean_candidates": round(float(np.mean([r[2] for r in rows])), 1),
        }

    def block_metrics(low: float, high: float) -> dict:
        rows = [r for r in per_spectrum if low <= r[2] < high]
        return {
            "library_matching": recall(ranks, low, high),
            "library_matching_with_decoys": recall(decoy_ranks, low, high),
            "weighted_cosine": summarise([r[0] for r in rows]),
            "top_k_peak_recall": {f"top{k}": summarise([r[1][k] for r in rows])["mean"] for k in (5, 10, 20)},
            "spectra": len(rows),
        }

    result = block_metrics(0, 10_000)
    result["by_mass_band"] = {band: block_metrics(*limits) for band, limits in BANDS.items()}
    result["part"] = part
    result["library_size"] = int(len(library_molecules))
    return result
