#!/usr/bin/env bash
# Every figure of BENCHMARKS.md in one run: builds the release binaries, installs DuckDB from
# the Python package index into a virtual environment beside the build, generates the data
# (deterministic, in a temporary folder that is removed afterwards) and prints each result
# with its ratio to a baseline measured in the same run.
#
# Usage: bash bench/run.sh [--quick]
#   --quick   10k/100k rows instead of 100k/1M and a 1M-account database instead of 5M
#             (a smoke run of the whole pipeline; its figures are not the recorded ones).
# Environment: BENCH_DIR (where the temporary folder goes; default $TMPDIR or /tmp — use a
# real disk, not tmpfs, to measure what a laptop does), CARGO_TARGET_DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --bin supply-desk --example gen_data --example csv_floor \
  --example bench_app
target="${CARGO_TARGET_DIR:-target}"
venv="$target/bench-venv"
if [[ ! -x "$venv/bin/python" ]] || ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check 'duckdb==2.0.1'
fi
work=$(mktemp -d -p "${BENCH_DIR:-${TMPDIR:-/tmp}}" supply-desk-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
"$venv/bin/python" bench/run.py --bin "$target/release" --work "$work" "$@"
echo
echo "== Generated-username heuristic: precision and recall on the labelled sets"
cargo test --quiet --test usernames -- --nocapture 2>/dev/null | grep -E 'precision .* recall'
