"""Stage 1: the fixed train/validation/test split by InChIKey first block.

    python -m nexa_training.split --data data --seed 20261122 --out data/split.json

Every model is scored on the test compounds this writes; the file is committed.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from .data import read_jsonl


def make_split(blocks: list[str], seed: int, fractions: tuple[float, float, float]) -> dict:
    ordered = sorted(set(blocks))
    rng = np.random.default_rng(seed)
    rng.shuffle(ordered)
    n_validation = round(len(ordered) * fractions[1])
    n_test = round(len(ordered) * fractions[2])
    return {
        "seed": seed,
        "fractions": list(fractions),
        "unit": "InChIKey first block",
        "validation": sorted(ordered[:n_validation]),
        "test": sorted(ordered[n_validation : n_validation + n_test]),
        "train": sorted(ordered[n_validation + n_test :]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("data"))
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--out", type=Path, default=Path("data/split.json"))
    args = parser.parse_args()
    blocks = [r["block"] for r in read_jsonl(args.data / "ei-spectra.jsonl.gz")]
    split = make_split(blocks, args.seed, (0.8, 0.1, 0.1))
    args.out.write_text(json.dumps(split, indent=0) + "\n")
    print(f"train {len(split['train'])}, validation {len(split['validation'])}, test {len(split['test'])} compounds -> {args.out}")


if __name__ == "__main__":
    main()
