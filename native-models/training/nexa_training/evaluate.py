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

from .batches import GraphTable, Inputs
from .data import load_dataset, load_split
from .metrics import evaluate
from .models import uses_graphs
from .runs import TRAINING_ROOT, load_run, write_json
from .train import resolve_device


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--out", default="metrics.json")
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    device = resolve_device(args.device)
    run = args.run if args.run.is_absolute() else TRAINING_ROOT / args.run
    config, model = load_run(run, str(device))
    data_dir = TRAINING_ROOT / config["data"]
    dataset = load_dataset(data_dir, config["featuriser"]["nBits"], include_extra=True)
    split = load_split(TRAINING_ROOT / config["split"])
    graphs = GraphTable(data_dir / "graphs.npz", dataset, device) if uses_graphs(model) else None
    inputs = Inputs(dataset, device, graphs)
    with torch.no_grad():
        metrics = {part: evaluate(dataset, split, part, lambda m: inputs.predict(model, m)) for part in ("validation", "test")}
    write_json(run / args.out, metrics)
    print(json.dumps({"run": str(run), "test": metrics["test"]["library_matching"]}))


if __name__ == "__main__":
    main()
