"""Stage 7: the test-split table of native-models/README.md, from the runs' metrics.json.

    python -m nexa_training.report runs/baseline runs/teacher runs/student [...]

Rewrites the part of ../README.md between the `metrics:start` and `metrics:end` markers.
"""
from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from .runs import TRAINING_ROOT

README = TRAINING_ROOT.parent / "README.md"


def row(name: str, metrics: dict, parameters: int) -> str:
    lm, dec, cos, top = metrics["library_matching"], metrics["library_matching_with_decoys"], metrics["weighted_cosine"], metrics["top_k_peak_recall"]
    cells = [name, f"{parameters / 1e6:.1f} M", *(f"{lm[f'recall@{k}']:.3f}" for k in (1, 5, 10)), *(f"{dec[f'recall@{k}']:.3f}" for k in (1, 10)),
             f"{cos['mean']:.3f} / {cos['median']:.3f}", *(f"{top[f'top{k}']:.3f}" for k in (5, 10, 20))]
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("runs", nargs="+", type=Path)
    args = parser.parse_args()
    header = ("| model | parameters | recall@1 | recall@5 | recall@10 | decoys recall@1 | decoys recall@10 | weighted cosine mean / median | top-5 peaks | top-10 peaks | top-20 peaks |\n"
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    overall, bands = [], []
    for run in args.runs:
        folder = run if run.is_absolute() else TRAINING_ROOT / run
        config = json.loads((folder / "config.json").read_text())
        metrics = json.loads((folder / "metrics.json").read_text())["test"]
        overall.append(row(config["name"], metrics, config["parameters"]))
        for band, figures in metrics["by_mass_band"].items():
            bands.append(row(f"{config['name']} ({band} Da, {figures['library_matching']['queries']} compounds)", figures, config["parameters"]))
    queries = metrics["library_matching"]["queries"]
    table = "\n".join([
        f"Test split: {queries} compounds never seen in training (one query spectrum each; cosine and peak recall over all their spectra).",
        "", header, *overall, "", "By nominal-mass band:", "", header, *bands,
    ])
    text = README.read_text()
    updated = re.sub(r"(<!-- metrics:start -->\n).*?(\n<!-- metrics:end -->)", lambda m: m.group(1) + table + m.group(2), text, flags=re.S)
    if updated == text and "<!-- metrics:start -->" not in text:
        raise SystemExit(f"{README} has no metrics markers")
    README.write_text(updated)
    print(table)


if __name__ == "__main__":
    main()
