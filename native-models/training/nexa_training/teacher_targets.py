"""Stage 4: the teacher's soft targets for distillation, with Monte-Carlo dropout.

    python -m nexa_training.teacher_targets --run runs/teacher [--samples 20]

For every training molecule and every extra structure (never validation or test), the
teacher predicts `samples` times with dropout on; the mean is the soft target and the
uncertainty is the m/z-weighted norm of the standard deviation relative to that of the
mean. Writes runs/teacher/soft-targets.npz (blocks, mean as float16, uncertainty).
"""
from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import torch

from .metrics import MZ_WEIGHT
from .scored_run import open_scored_run


@torch.no_grad()
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--run", type=Path, required=True)
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--device", default="auto")
    args = parser.parse_args()
    scored = open_scored_run(args.run, args.device)
    config, model, dataset, split, inputs, run = scored.config, scored.model, scored.dataset, scored.split, scored.inputs, scored.folder
    device = next(model.parameters()).device
    molecules = np.asarray([i for i, b in enumerate(dataset.blocks) if split.part(b) in ("train", None)], dtype=np.int64)
    torch.manual_seed(config["train"]["seed"])
    model.train()  # dropout on: each pass samples a sub-network
    weight = torch.from_numpy(MZ_WEIGHT).to(device)
    means, uncertainties = [], []
    for start in range(0, len(molecules), 512):
        batch = molecules[start : start + 512]
        draws = torch.stack([inputs.run(model, batch) for _ in range(args.samples)])
        mean, std = draws.mean(0), draws.std(0)
        uncertainties.append(((std * weight).norm(dim=1) / (mean * weight).norm(dim=1).clamp(min=1e-8)).cpu().numpy())
        means.append(mean.cpu().numpy().astype(np.float16))
    out = run / "soft-targets.npz"
    np.savez_compressed(out, blocks=np.asarray([dataset.blocks[m] for m in molecules]), mean=np.concatenate(means), uncertainty=np.concatenate(uncertainties))
    print(f"{len(molecules)} molecules, {args.samples} dropout samples each -> {out}")


if __name__ == "__main__":
    main()
