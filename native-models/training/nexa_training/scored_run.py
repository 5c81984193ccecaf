"""A trained run opened with its data, ready to predict: what evaluate.py and
teacher_targets.py both start from."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import torch

from .batches import GraphTable, Inputs
from .data import Dataset, Split, load_dataset, load_split
from .models import uses_graphs
from .runs import TRAINING_ROOT, load_run
from .train import resolve_device


@dataclass
class ScoredRun:
    folder: Path
    config: dict
    model: torch.nn.Module
    dataset: Dataset
    split: Split
    inputs: Inputs


def open_scored_run(run: Path, device_name: str) -> ScoredRun:
    device = resolve_device(device_name)
    folder = run if run.is_absolute() else TRAINING_ROOT / run
    config, model = load_run(folder, str(device))
    data_dir = TRAINING_ROOT / config["data"]
    dataset = load_dataset(data_dir, config["featuriser"]["nBits"], include_extra=True)
    graphs = GraphTable(data_dir / "graphs.npz", dataset, device) if uses_graphs(model) else None
    return ScoredRun(folder, config, model, dataset, load_split(TRAINING_ROOT / config["split"]), Inputs(dataset, device, graphs))
