"""Stage 3: train one model from a run config and score it.

    python -m nexa_training.train --config configs/student.json [--device cuda] [--epochs N]

Writes runs/<name>/: config.json (resolved), checkpoint.pt (best validation epoch),
history.json and metrics.json (validation and test, from metrics.evaluate).
Loss: 1 - weighted cosine (m/z^1 on sqrt intensities) against the measured spectrum; with
`distill`, plus the same loss against the teacher's Monte-Carlo mean, weighted per
molecule by the teacher's confidence, on the training molecules and on extra structures
that have no measured EI spectrum.
"""
from __future__ import annotations

import argparse
import json
import platform
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import torch

from .batches import GraphTable, Inputs
from .data import load_dataset, load_split
from .metrics import MZ_WEIGHT, evaluate
from .models import MoeStudent, build_model, uses_graphs
from .runs import TRAINING_ROOT, git_commit, write_json


def weighted_cosine_loss(predicted: torch.Tensor, target: torch.Tensor, weight: torch.Tensor) -> torch.Tensor:
    a, b = predicted * weight, target * weight
    return 1 - (a * b).sum(1) / (a.norm(dim=1) * b.norm(dim=1)).clamp(min=1e-8)


def resolve_device(requested: str) -> torch.device:
    if requested == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(requested)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--device", default="auto")
    parser.add_argument("--epochs", type=int, help="override the config (quick checks)")
    parser.add_argument("--runs", type=Path, default=TRAINING_ROOT / "runs")
    args = parser.parse_args()

    config = json.loads(args.config.read_text())
    if args.epochs is not None:
        config["train"]["epochs"] = args.epochs
    device = resolve_device(args.device)
    train_cfg, distill = config["train"], config.get("distill")
    torch.manual_seed(train_cfg["seed"])
    rng = np.random.default_rng(train_cfg["seed"])
    data_dir = TRAINING_ROOT / config["data"]
    featuriser = json.loads((data_dir / "featuriser.json").read_text())
    run = args.runs / config["name"]
    run.mkdir(parents=True, exist_ok=True)

    dataset = load_dataset(data_dir, featuriser["nBits"], include_extra=True)
    split = load_split(TRAINING_ROOT / config["split"])
    model = build_model(config["model"], featuriser["nBits"]).to(device)
    graphs = GraphTable(data_dir / "graphs.npz", dataset, device) if uses_graphs(model) else None
    inputs = Inputs(dataset, device, graphs)
    weight = torch.from_numpy(MZ_WEIGHT).to(device)

    part_of = np.asarray([split.part(b) or "extra" for b in dataset.blocks])
    spectrum_part = part_of[dataset.spectrum_molecule]
    hard = np.flatnonzero(spectrum_part == "train")
    spectra = torch.from_numpy(dataset.spectra).to(device)
    validation_molecules = np.flatnonzero((part_of == "validation") & dataset.has_measured)
    validation_spectra = np.flatnonzero(spectrum_part == "validation")

    # Samples: (molecule, spectrum or -1). Hard samples carry a measured spectrum; with
    # distillation, soft-only samples are the extra structures the teacher labelled.
    samples = [(int(dataset.spectrum_molecule[s]), int(s)) for s in hard]
    soft_mean = soft_confidence = None
    if distill:
        soft = np.load(TRAINING_ROOT / distill["teacher_run"] / "soft-targets.npz")
        by_block = {str(b): i for i, b in enumerate(soft["blocks"])}
        order = np.asarray([by_block.get(b, -1) for b in dataset.blocks])
        soft_mean = torch.from_numpy(soft["mean"].astype(np.float32)).to(device)
        uncertainty = soft["uncertainty"].astype(np.float32)
        confidence = np.exp(-uncertainty / np.median(uncertainty))
        soft_confidence = torch.from_numpy(confidence / confidence.mean()).to(device)
        soft_index = torch.from_numpy(order).to(device)
        if distill.get("extra_structures", True):
            samples += [(int(m), -1) for m in np.flatnonzero((part_of == "extra") & (order >= 0))]
    samples_array = np.asarray(samples, dtype=np.int64)

    optimiser = torch.optim.AdamW(model.parameters(), lr=train_cfg["lr"], weight_decay=train_cfg["weight_decay"])
    steps_per_epoch = -(-len(samples_array) // train_cfg["batch_size"])
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=train_cfg["lr"], total_steps=train_cfg["epochs"] * steps_per_epoch, pct_start=0.1)

    def validation_cosine() -> float:
        predicted = torch.from_numpy(inputs.predict(model, validation_molecules)).to(device)
        row = {int(m): i for i, m in enumerate(validation_molecules)}
        rows = torch.tensor([row[int(dataset.spectrum_molecule[s])] for s in validation_spectra], device=device)
        return float((1 - weighted_cosine_loss(predicted[rows], spectra[validation_spectra], weight)).mean())

    history, best, best_state, stale = [], -1.0, None, 0
    started = time.time()
    for epoch in range(train_cfg["epochs"]):
        model.train()
        order = rng.permutation(len(samples_array))
        total = 0.0
        for start in range(0, len(order), train_cfg["batch_size"]):
            batch = samples_array[order[start : start + train_cfg["batch_size"]]]
            molecules, spectrum_rows = batch[:, 0], batch[:, 1]
            predicted = inputs.run(model, molecules)
            has_hard = torch.from_numpy(spectrum_rows >= 0).to(device)
            target = spectra[torch.from_numpy(np.maximum(spectrum_rows, 0)).to(device)]
            loss = torch.where(has_hard, weighted_cosine_loss(predicted, target, weight), torch.zeros((), device=device))
            if distill:
                soft_rows = soft_index[torch.from_numpy(molecules).to(device)]
                has_soft = soft_rows >= 0
                soft_rows = soft_rows.clamp(min=0)
                soft_loss = weighted_cosine_loss(predicted, soft_mean[soft_rows], weight) * soft_confidence[soft_rows]
                loss = loss + distill["soft_weight"] * torch.where(has_soft, soft_loss, torch.zeros((), device=device))
            loss = loss.mean()
            if isinstance(model, MoeStudent):
                loss = loss + config["model_training"]["balance_weight"] * model.balance_loss()
            optimiser.zero_grad(set_to_none=True)
            loss.backward()
            optimiser.step()
            schedule.step()
            total += float(loss.detach()) * len(batch)
        score = validation_cosine()
        history.append({"epoch": epoch + 1, "train_loss": round(total / len(samples_array), 5), "validation_weighted_cosine": round(score, 5), "seconds": round(time.time() - started, 1)})
        print(json.dumps(history[-1]), flush=True)
        if score > best:
            best, stale = score, 0
            best_state = {k: v.detach().cpu().clone() for k, v in model.state_dict().items()}
        else:
            stale += 1
            if stale >= train_cfg.get("patience", 1_000_000):
                break

    assert best_state is not None
    model.load_state_dict(best_state)
    torch.save(best_state, run / "checkpoint.pt")
    predict = lambda molecules: inputs.predict(model, molecules)  # noqa: E731
    metrics = {"validation": evaluate(dataset, split, "validation", predict), "test": evaluate(dataset, split, "test", predict)}
    resolved = {
        **config,
        "featuriser": featuriser,
        "parameters": sum(p.numel() for p in model.parameters()),
        "samples": {"hard": int(len(hard)), "soft_only": int(len(samples_array) - len(hard))},
        "environment": {"device": str(device), "gpu": torch.cuda.get_device_name(0) if device.type == "cuda" else None, "torch": torch.__version__, "python": platform.python_version(), "git_commit": git_commit()},
        "finished": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "train_seconds": round(time.time() - started, 1),
        "best_validation_weighted_cosine": round(best, 5),
    }
    write_json(run / "config.json", resolved)
    write_json(run / "history.json", history)
    write_json(run / "metrics.json", metrics)
    print(json.dumps({"run": str(run), "test": {k: metrics["test"][k] for k in ("library_matching", "weighted_cosine")}}))


if __name__ == "__main__":
    main()
