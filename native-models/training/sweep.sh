#!/usr/bin/env bash
# Student variants tried after the first full run; chosen by validation figures only.
set -euo pipefail
cd "$(dirname "$0")"
PYTHON=${PYTHON:-python3}
[ -f runs/teacher/soft-targets.npz ] || { $PYTHON -m nexa_training.train --config configs/teacher.json "$@"; $PYTHON -m nexa_training.teacher_targets --run runs/teacher; }
for config in configs/sweep/*.json; do $PYTHON -m nexa_training.train --config "$config" "$@"; done
