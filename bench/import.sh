#!/usr/bin/env bash
# Import benchmark: generates deterministic dumps of 100k and 1M accounts, then measures,
# in the same run, a bare csv-crate pass over each file (the floor) and a full
# `supply-desk import` (parse, validate, score, commit) on a fresh database: wall time,
# rows/s, MB/s, peak RSS, and the ratio to the floor.
# Usage: bash bench/import.sh [ROWS...]   (default: 100000 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=("$@")
((${#rows[@]})) || rows=(100000 1000000)
cargo build --release --quiet --bin supply-desk --example gen_dump --example csv_floor
t="${CARGO_TARGET_DIR:-target}/release"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
printf '%-9s %9s %9s %9s %9s %10s %8s\n' rows floor_s import_s rows/s MB/s peak_RSS ratio
for n in "${rows[@]}"; do
  f="$dir/dump-$n.csv"
  "$t/examples/gen_dump" "$n" "$f" 1
  mb=$(awk -v b="$(stat -c %s "$f")" 'BEGIN{printf "%.1f", b/1048576}')
  t0=$(date +%s.%N); "$t/examples/csv_floor" "$f" >/dev/null; t1=$(date +%s.%N)
  floor=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", b-a}')
  /usr/bin/time -f "%e %M" -o "$dir/time" "$t/supply-desk" --db "$dir/db-$n.redb" import "$f" >/dev/null 2>&1
  read -r secs kb < "$dir/time"
  awk -v n="$n" -v fl="$floor" -v s="$secs" -v kb="$kb" -v mb="$mb" 'BEGIN{
    printf "%-9d %9.3f %9.2f %9.0f %9.1f %8.0f MB %7.1fx\n", n, fl, s, n/s, mb/s, kb/1024, s/fl }'
done
