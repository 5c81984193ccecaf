"""Stage 5: score a trained run again from its checkpoint (the figures train.py wrote are
produced by the same function; this re-runs them anywhere, for example on a CPU after
training on a GPU).

    python -m nexa_training.evaluate --run runs/student [--out metrics-cpu.json]
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import torch

from .metrics import evaluate
from .runs import write_json
from .scored_run import open_scored_run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--out", default="metrics.json")
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    scored = open_scored_run(args.run, args.device)
    dataset, split, inputs, model, run = scored.dataset, scored.split, scored.inputs, scored.model, scored.folder
    with torch.no_grad():
        metrics = {part: evaluate(dataset, split, part, lambda m: inputs.predict(model, m)) for part in ("validation", "test")}
    write_json(run / args.out, metrics)
    print(json.dumps({"run": str(run), "test": metrics["test"]["library_matching"]}))


if __name__ == "__main__":
    main()
