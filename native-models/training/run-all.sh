#!/usr/bin/env bash
# The whole pipeline after stage 0, one command per stage (see README.md). Stage 0,
# export-dataset.ts, runs under Node from the repository root and needs ../shared; stages
# 1-2 need RDKit; stages 3-5 need only torch and numpy, so they also run on a GPU machine
# that has the data folder copied in. Extra arguments go to every training stage
# (for example --device cuda or --epochs 1).
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -f data/split.json ] || $PYTHON -m nexa_training.split
[ -f data/graphs.npz ] || $PYTHON -m nexa_training.graphs
$PYTHON -m nexa_training.train --config configs/baseline.json "$@"
$PYTHON -m nexa_training.train --config configs/teacher.json "$@"
$PYTHON -m nexa_training.teacher_targets --run runs/teacher
$PYTHON -m nexa_training.train --config configs/student.json "$@"
