"""Candidate ranking with a "none of these" option: train, calibrate, evaluate, export.

    python -m nexa_training.ranking --config configs/ranker.json

Reads data/ranking-tasks.jsonl.gz (export-ranking-tasks.ts: the app's own search and
features), trains on the train tasks, fits a temperature on the validation tasks, scores
the test tasks, and exports the calibrated model to native-models/ with a card and
fixtures. Writes runs/<name>/{config,metrics}.json.

Model: a shared MLP gives each candidate a logit from its feature row; a second MLP gives
the "none of these" logit from the masked mean and max of all rows and the candidate
count; a softmax over the K real slots plus the null slot (padding masked out) gives the
probabilities. Trained with cross-entropy; half of the training tasks are also shown cut to
their first 20 candidates, the app's first refinement stage.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import onnxruntime
import torch
from torch import nn

from .runs import TRAINING_ROOT, git_commit, write_json

MODELS_DIR = TRAINING_ROOT.parent


def load_tasks(path: Path, k: int, n_features: int) -> dict[str, np.ndarray]:
    rows = []
    with gzip.open(path, "rt") as handle:
        for line in handle:
            rows.append(json.loads(line))
    n = len(rows)
    features = np.zeros((n, k, n_features), np.float32)
    mask = np.zeros((n, k), np.float32)
    label = np.full(n, k, np.int64)
    for i, r in enumerate(rows):
        m = r["n"]
        if m:
            features[i, :m] = np.asarray(r["features"], np.float32).reshape(m, n_features)
            mask[i, :m] = 1
        if r["label"] >= 0:
            label[i] = r["label"]
    return {
        "features": features, "mask": mask, "label": label,
        "part": np.asarray([r["part"] for r in rows]), "mode": np.asarray([r["mode"] for r in rows]),
        "condition": np.asarray([r["condition"] for r in rows]),
    }


def truncate(features: np.ndarray, mask: np.ndarray, label: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same tasks as the app's first stage sees them: only the first k candidates."""
    cut_mask = mask.copy()
    cut_mask[:, k:] = 0
    cut_features = features * cut_mask[..., None]
    slots = features.shape[1]
    cut_label = np.where(label < k, label, slots)
    return cut_features, cut_mask, cut_label


class Ranker(nn.Module):
    def __init__(self, n_features: int, hidden: int):
        super().__init__()
        self.candidate = nn.Sequential(nn.Linear(n_features, hidden), nn.ReLU(), nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.none = nn.Sequential(nn.Linear(2 * n_features + 1, hidden), nn.ReLU(), nn.Linear(hidden, 1))
        self.register_buffer("temperature", torch.ones(()))

    def logits(self, features: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        candidate = self.candidate(features).squeeze(-1)
        candidate = candidate * mask + (mask - 1) * 1e4
        count = mask.sum(1, keepdim=True)
        mean = (features * mask.unsqueeze(-1)).sum(1) / count.clamp(min=1)
        maximum = (features + (mask.unsqueeze(-1) - 1) * 1e4).amax(1) * (count > 0).to(features.dtype)
        none = self.none(torch.cat([mean, maximum, count / 50], dim=1))
        return torch.cat([candidate, none], dim=1) / self.temperature

    def forward(self, features: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        return torch.softmax(self.logits(features, mask), dim=1)


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = 15) -> float:
    edges = np.linspace(0, 1, bins + 1)
    total = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            total += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return float(total)


def score_tasks(probabilities: np.ndarray, label: np.ndarray, first_score: np.ndarray, has_candidates: np.ndarray, threshold: float) -> dict:
    none_slot = probabilities.shape[1] - 1
    predicted = probabilities.argmax(1)
    correct = predicted == label
    top3 = np.argsort(-probabilities, axis=1)[:, :3]
    confidence = probabilities.max(1)
    truly_none = label == none_slot
    said_none = predicted == none_slot
    # Similarity ranking: the best-scoring candidate, or "none" under a score threshold tuned on validation.
    similarity_pick = np.where(has_candidates & (first_score >= threshold), 0, none_slot)
    plain_pick = np.where(has_candidates, 0, none_slot)
    present = ~truly_none
    return {
        "tasks": int(len(label)),
        "share_none": round(float(truly_none.mean()), 4),
        "top1_accuracy": round(float(correct.mean()), 4),
        "recall_at_3": round(float((top3 == label[:, None]).any(1).mean()), 4),
        "expected_calibration_error_top1": round(expected_calibration_error(confidence, correct), 4),
        "brier_top1": round(float(((confidence - correct) ** 2).mean()), 4),
        "none_precision": round(float((said_none & truly_none).sum() / max(said_none.sum(), 1)), 4),
        "none_recall": round(float((said_none & truly_none).sum() / max(truly_none.sum(), 1)), 4),
        "similarity_top1_accuracy_with_threshold": round(float((similarity_pick == label).mean()), 4),
        "similarity_top1_accuracy_plain": round(float((plain_pick == label).mean()), 4),
        "present_tasks": {
            "tasks": int(present.sum()),
            "probabilistic_top1": round(float(correct[present].mean()), 4) if present.any() else None,
            "similarity_top1": round(float((plain_pick[present] == label[present]).mean()), 4) if present.any() else None,
            "similarity_top1_with_threshold": round(float((similarity_pick[present] == label[present]).mean()), 4) if present.any() else None,
        },
    }


def write_readme_table(metrics: dict, temperature: float) -> None:
    """The ranking figures of native-models/README.md, between its ranking-metrics markers."""
    rows = []
    for key, label in (("test/adaptive", "test, adaptive (the app)"), ("test/k_max", "test, K_max = 50"), ("test/first_stage", "test, first stage K = 20"), ("validation/k_max", "validation, K_max = 50")):
        m = metrics[key]
        for scope, e in (("all", m), ("EI", m["by_mode"]["ei"]), ("MS/MS", m["by_mode"]["msms"])):
            rows.append(f"| {label} | {scope} | {e['tasks']} | {e['share_none']:.2f} | {e['top1_accuracy']:.3f} | {e['similarity_top1_accuracy_with_threshold']:.3f} | "
                        f"{e['similarity_top1_accuracy_plain']:.3f} | {e['recall_at_3']:.3f} | {e['expected_calibration_error_top1']:.3f} | {e['brier_top1']:.3f} | "
                        f"{e['none_precision']:.3f} / {e['none_recall']:.3f} |")
    table = "\n".join([
        f"Temperature fitted on validation: {temperature:.3f}. Top-1 counts \"none of these\" as an answer.",
        "",
        "| tasks | scope | n | share none | top-1 probabilistic | top-1 similarity + threshold | top-1 similarity | recall@3 | ECE (top-1) | Brier (top-1) | none precision / recall |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
        *rows,
    ])
    readme = MODELS_DIR / "README.md"
    text = readme.read_text()
    start, end = "<!-- ranking-metrics:start -->\n", "\n<!-- ranking-metrics:end -->"
    if start in text and end in text:
        readme.write_text(text[: text.index(start) + len(start)] + table + text[text.index(end):])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, required=True)
    args = parser.parse_args()
    config = json.loads(args.config.read_text())
    k, n_features = config["k_max"], len(config["features"])
    torch.manual_seed(config["seed"])
    rng = np.random.default_rng(config["seed"])
    data = load_tasks(TRAINING_ROOT / config["tasks"], k, n_features)
    run = TRAINING_ROOT / "runs" / config["name"]
    run.mkdir(parents=True, exist_ok=True)

    def subset(part: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        keep = data["part"] == part
        return data["features"][keep], data["mask"][keep], data["label"][keep]

    train_f, train_m, train_l = subset("train")
    cut = truncate(train_f, train_m, train_l, config["first_stage_k"])
    train_f, train_m, train_l = (np.concatenate([a, b]) for a, b in zip((train_f, train_m, train_l), cut))
    val_f, val_m, val_l = subset("validation")

    model = Ranker(n_features, config["hidden"])
    optimiser = torch.optim.AdamW(model.parameters(), lr=config["lr"], weight_decay=config["weight_decay"])
    to_t = lambda a: torch.from_numpy(a)  # noqa: E731
    loss_fn = nn.CrossEntropyLoss()
    best, best_state, history = float("inf"), None, []
    for epoch in range(config["epochs"]):
        model.train()
        order = rng.permutation(len(train_l))
        for start in range(0, len(order), config["batch_size"]):
            idx = order[start : start + config["batch_size"]]
            loss = loss_fn(model.logits(to_t(train_f[idx]), to_t(train_m[idx])), to_t(train_l[idx]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
        model.eval()
        with torch.no_grad():
            val_loss = float(loss_fn(model.logits(to_t(val_f), to_t(val_m)), to_t(val_l)))
        history.append({"epoch": epoch + 1, "validation_nll": round(val_loss, 5)})
        if val_loss < best:
            best, best_state = val_loss, {k_: v.clone() for k_, v in model.state_dict().items()}
    model.load_state_dict(best_state)

    # Temperature scaling on the validation tasks (both stage widths).
    val_cut = truncate(val_f, val_m, val_l, config["first_stage_k"])
    cal_f, cal_m, cal_l = (np.concatenate([a, b]) for a, b in zip((val_f, val_m, val_l), val_cut))
    with torch.no_grad():
        model.temperature.fill_(1.0)
        raw = model.logits(to_t(cal_f), to_t(cal_m))
        grid = np.exp(np.linspace(np.log(0.25), np.log(4), 200))
        nll = [float(loss_fn(raw / t, to_t(cal_l))) for t in grid]
        temperature = float(grid[int(np.argmin(nll))])
        model.temperature.fill_(temperature)

    def probabilities(features: np.ndarray, mask: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return model(to_t(features), to_t(mask)).numpy()

    # Similarity baseline's "none" threshold: the first candidate's score that maximises validation top-1.
    val_first = val_f[:, 0, 0]
    thresholds = np.linspace(0, 1, 101)
    val_has = val_m[:, 0] > 0
    threshold = float(thresholds[int(np.argmax([(np.where(val_has & (val_first >= t), 0, k) == val_l).mean() for t in thresholds]))])

    metrics = {}
    for part in ("validation", "test"):
        f, m, l = subset(part)
        modes = data["mode"][data["part"] == part]
        first = truncate(f, m, l, config["first_stage_k"])
        p_first, p_full = probabilities(*first[:2]), probabilities(f, m)
        # The app's adaptive path: the first stage where its best probability reaches the
        # review threshold, else K_max (scored on K_max's labels; the first stage's "none"
        # slot is moved to the same last position).
        confident = p_first.max(1) >= config["review_threshold"]
        p_first_wide = np.zeros_like(p_full)
        p_first_wide[:, : config["first_stage_k"]] = p_first[:, : config["first_stage_k"]]
        p_first_wide[:, -1] = p_first[:, -1]
        p_adaptive = np.where(confident[:, None], p_first_wide, p_full)
        stages = {"adaptive": (p_adaptive, f, m, l), "k_max": (p_full, f, m, l), "first_stage": (p_first, *first)}
        for stage, (p, sf, sm, sl) in stages.items():
            entry = score_tasks(p, sl, sf[:, 0, 0], sm[:, 0] > 0, threshold)
            entry["by_mode"] = {mode: score_tasks(p[modes == mode], sl[modes == mode], sf[modes == mode, 0, 0], sm[modes == mode, 0] > 0, threshold) for mode in ("ei", "msms")}
            if stage == "adaptive":
                entry["flagged_for_review"] = round(float((p.max(1) < config["review_threshold"]).mean()), 4)
                entry["widened_to_k_max"] = round(float((~confident).mean()), 4)
            metrics[f"{part}/{stage}"] = entry

    name, version = config["model_name"], config["version"]
    onnx_path = MODELS_DIR / f"{name}.onnx"
    test_f, test_m, test_l = subset("test")
    sample = rng.choice(len(test_l), size=10, replace=False)
    example = (to_t(test_f[sample]), to_t(test_m[sample]))
    torch.onnx.export(model.eval(), example, onnx_path, dynamo=False, opset_version=17, input_names=["features", "mask"], output_names=["probabilities"],
                      dynamic_axes={"features": {0: "batch", 1: "candidates"}, "mask": {0: "batch", 1: "candidates"}, "probabilities": {0: "batch", 1: "slots"}})
    expected = probabilities(test_f[sample], test_m[sample])
    (got,) = onnxruntime.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"]).run(None, {"features": test_f[sample], "mask": test_m[sample]})
    worst = float(np.abs(got - expected).max())
    assert worst < 1e-5, worst
    write_json(MODELS_DIR / "fixtures" / f"{name}.fixtures.json", {
        "model": name, "tolerance": 1e-4,
        "tasks": [{"features": test_f[i].round(6).tolist(), "mask": test_m[i].tolist(), "probabilities": [round(float(x), 7) for x in row]} for i, row in zip(sample, expected)],
    })
    card = {
        "name": name, "version": version, "task": "candidate-ranking", "file": onnx_path.name,
        "sha256": hashlib.sha256(onnx_path.read_bytes()).hexdigest(), "bytes": onnx_path.stat().st_size,
        "architecture": __doc__.split("Model:")[1].split("Trained")[0].strip().replace("\n", " "),
        "inputs": [
            {"name": "features", "type": "float32", "shape": ["batch", "candidates", n_features], "columns": config["features"]},
            {"name": "mask", "type": "float32", "shape": ["batch", "candidates"], "meaning": "1 for a real candidate, 0 for padding"},
        ],
        "outputs": [{"name": "probabilities", "type": "float32", "shape": ["batch", "candidates + 1"], "meaning": "one per candidate slot, then 'none of these' last"}],
        "k_max": k, "first_stage_k": config["first_stage_k"], "temperature": temperature,
        "spectrum_model_for_features": config["spectrum_model"],
        "training_data": {
            "source": "simulated identification tasks from MassBank-data 2025.05.1 EI and MS/MS records (native-models/training/export-ranking-tasks.ts)",
            "split": "by InChIKey first block (EI blocks as in data/split.json, others by hash)",
            "tasks": {part: int((data["part"] == part).sum()) for part in ("train", "validation", "test")},
            "licence_note": "Derived from records that are partly CC BY-NC-SA and CC BY-NC: for non-commercial use unless retrained on commercially usable records.",
        },
        "metrics": {"test": metrics["test/adaptive"], "test_k_max": metrics["test/k_max"], "test_first_stage": metrics["test/first_stage"]},
        "similarity_baseline_threshold": threshold,
        "exported": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "onnx_max_abs_difference_from_pytorch": worst,
    }
    write_json(MODELS_DIR / f"{name}.card.json", card)
    write_json(run / "config.json", {**config, "temperature": temperature, "similarity_threshold": threshold, "git_commit": git_commit(), "torch": torch.__version__})
    write_json(run / "history.json", history)
    write_json(run / "metrics.json", metrics)
    write_readme_table(metrics, temperature)
    print(json.dumps({"temperature": temperature, "test": {k_: v for k_, v in metrics["test/adaptive"].items() if k_ != "by_mode"}}, indent=1))


if __name__ == "__main__":
    main()
