"""Run folders: runs/<name>/ holds config.json (resolved), checkpoint.pt, history.json and
metrics.json. Loading a run rebuilds its model from its own resolved config."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import torch

from .models import build_model

TRAINING_ROOT = Path(__file__).resolve().parent.parent


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=TRAINING_ROOT, capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def write_json(path: Path, value: object) -> None:
    path.write_text(json.dumps(value, indent=2) + "\n")


def load_run(run: Path, device: str = "cpu") -> tuple[dict, torch.nn.Module]:
    config = json.loads((run / "config.json").read_text())
    model = build_model(config["model"], config["featuriser"]["nBits"])
    state = torch.load(run / "checkpoint.pt", map_location=device, weights_only=True)
    model.load_state_dict(state)
    return config, model.to(device).eval()
