"""Stage 6: export a fingerprint model to ONNX with its model card and test fixtures.

    python -m nexa_training.export --run runs/student --name nexa-ei-moe-student --version 1.0.0

Writes into native-models/: NAME.onnx, NAME.card.json and fixtures/NAME.fixtures.json.
The ONNX graph takes the app's features (fingerprint bits as float32, nominal mass) and
returns relative intensities for m/z 1..1000 (base peak 1): the sqrt-scaled output is
squared and normalised inside the graph so the app does no arithmetic of its own.
The fixtures hold test molecules' SMILES, features and PyTorch outputs; the app's test
recomputes the features with the TypeScript featuriser and runs onnxruntime-node on them.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from torch import nn

from .data import load_dataset, load_split, read_jsonl
from .runs import TRAINING_ROOT, load_run, write_json

MODELS_DIR = TRAINING_ROOT.parent
FIXTURE_COUNT = 12


class RelativeIntensities(nn.Module):
    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, fingerprint: torch.Tensor, nominal_mass: torch.Tensor) -> torch.Tensor:
        squared = self.model(fingerprint, nominal_mass) ** 2
        return squared / squared.amax(dim=1, keepdim=True).clamp(min=1e-12)


def licence_counts(licenses: list[str]) -> dict[str, int]:
    return dict(Counter(l or "unknown" for l in licenses).most_common())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--name", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--compare", nargs="*", default=["runs/baseline", "runs/teacher"], help="runs whose test metrics the card quotes beside this one")
    args = parser.parse_args()
    run = args.run if args.run.is_absolute() else TRAINING_ROOT / args.run
    config, model = load_run(run)
    wrapped = RelativeIntensities(model).eval()
    n_bits = config["featuriser"]["nBits"]

    dataset = load_dataset(TRAINING_ROOT / config["data"], n_bits, include_extra=False)
    split = load_split(TRAINING_ROOT / config["split"])
    test = [i for i, b in enumerate(dataset.blocks) if b in split.test]
    rng = np.random.default_rng(config["train"]["seed"])
    chosen = np.sort(rng.choice(test, size=FIXTURE_COUNT, replace=False))
    fingerprints = torch.from_numpy(dataset.fingerprints[chosen].astype(np.float32))
    masses = torch.from_numpy(dataset.masses[chosen])
    with torch.no_grad():
        expected = wrapped(fingerprints, masses).numpy()

    onnx_path = MODELS_DIR / f"{args.name}.onnx"
    torch.onnx.export(
        wrapped, (fingerprints, masses), onnx_path, dynamo=False, opset_version=17,
        input_names=["fingerprint", "nominal_mass"], output_names=["intensity"],
        dynamic_axes={"fingerprint": {0: "batch"}, "nominal_mass": {0: "batch"}, "intensity": {0: "batch"}},
    )
    session = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    (got,) = session.run(None, {"fingerprint": fingerprints.numpy(), "nominal_mass": masses.numpy()})
    worst = float(np.abs(got - expected).max())
    if worst > 1e-4:
        raise SystemExit(f"ONNX output differs from PyTorch by {worst}")

    fixtures_dir = MODELS_DIR / "fixtures"
    fixtures_dir.mkdir(exist_ok=True)
    write_json(fixtures_dir / f"{args.name}.fixtures.json", {
        "model": args.name,
        "tolerance": 1e-4,
        "molecules": [
            {"block": dataset.blocks[i], "smiles": dataset.smiles[i], "nominalMass": float(dataset.masses[i]),
             "fingerprintOnBits": np.flatnonzero(dataset.fingerprints[i]).tolist(), "intensity": [round(float(x), 7) for x in row]}
            for i, row in zip(chosen, expected)
        ],
    })

    train_spectra = [s for s, m in enumerate(dataset.spectrum_molecule) if dataset.blocks[m] in split.train]
    elements = sorted({e for r in read_jsonl(TRAINING_ROOT / config["data"] / "ei-spectra.jsonl.gz") if r["block"] in split.train for e in r["elements"]})
    metrics = json.loads((run / "metrics.json").read_text())["test"]
    compared = {}
    for other in args.compare:
        other_run = TRAINING_ROOT / other
        compared[other_run.name] = json.loads((other_run / "metrics.json").read_text())["test"]
    card = {
        "name": args.name,
        "version": args.version,
        "task": "ei-spectrum-prediction",
        "file": onnx_path.name,
        "sha256": hashlib.sha256(onnx_path.read_bytes()).hexdigest(),
        "bytes": onnx_path.stat().st_size,
        "architecture": config["description"],
        "parameters": config["parameters"],
        "inputs": [
            {"name": "fingerprint", "type": "float32", "shape": ["batch", n_bits], "meaning": "Morgan fingerprint bits (0 or 1) from the app's featuriser"},
            {"name": "nominal_mass", "type": "float32", "shape": ["batch"], "meaning": "nominal molecular mass (sum of rounded monoisotopic atom masses)"},
        ],
        "outputs": [{"name": "intensity", "type": "float32", "shape": ["batch", config["featuriser"]["massBins"]], "meaning": "relative intensity at m/z 1..1000, base peak 1"}],
        "featuriser": config["featuriser"],
        "supported_elements": elements,
        "training_data": {
            "source": "MassBank-data release 2025.05.1, EI records (../shared/data/massbank/ei.massbank.txt.gz)",
            "split": "by InChIKey first block, seed and lists in native-models/training/data/split.json",
            "train_spectra": len(train_spectra),
            "train_compounds": len(split.train),
            "train_licences": licence_counts([dataset.licenses[s] for s in train_spectra]),
            "distillation_structures": "structures (not spectra) of the MassBank MS/MS records whose InChIKey block is not in the EI set",
            "licence_note": "Most training records are CC BY-NC-SA: the model weights derive from non-commercial data, so the model is for non-commercial use unless retrained on commercially usable records.",
        },
        "metrics": {"test": metrics, "compared_on_same_test_split": compared},
        "training_run": {k: config[k] for k in ("name", "model", "train", "distill", "environment", "finished") if k in config},
        "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "onnx_max_abs_difference_from_pytorch": worst,
    }
    write_json(MODELS_DIR / f"{args.name}.card.json", card)
    print(f"{onnx_path} ({card['bytes'] / 1e6:.1f} MB), max |ONNX - PyTorch| = {worst:.2e}")


if __name__ == "__main__":
    main()
