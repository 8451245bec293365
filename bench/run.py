"""The benchmarks of BENCHMARKS.md, driven by bench/run.sh (which builds the binaries and
installs DuckDB first). Each figure is printed beside a baseline measured in the same run,
as a ratio: these machines are shared and noisy, so only ratios compare across runs.

Every child process is timed on the wall clock and its peak resident memory is read from
the kernel (wait4's ru_maxrss), so nothing here depends on /usr/bin/time.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Run:
    def __init__(self, seconds, rss_mb, out):
        self.seconds = seconds
        self.rss_mb = rss_mb
        self.out = out


def run(*cmd):
    """Runs a command; returns its wall time, peak RSS and standard output."""
    out_path = WORK / "stdout.txt"
    err_path = WORK / "stderr.txt"
    with open(out_path, "w") as out, open(err_path, "w") as err:
        start = time.perf_counter()
        child = subprocess.Popen([str(c) for c in cmd], stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    text = out_path.read_text()
    if code != 0:
        sys.exit(f"failed ({code}): {' '.join(map(str, cmd))}\n{text}\n{err_path.read_text()}")
    return Run(seconds, usage.ru_maxrss / 1024, text)


def desk(db, *args):
    return run(BIN / "supply-desk", "--db", db, *args)


def gen(*args):
    run(BIN / "examples" / "gen_data", *args)


def mb(path):
    return path.stat().st_size / 1_048_576


def header(title):
    print(f"\n== {title} ==", flush=True)


def table(columns, rows):
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]
    print("  ".join(c.rjust(w) for c, w in zip(columns, widths)))
    for r in rows:
        print("  ".join(v.rjust(w) for v, w in zip(r, widths)), flush=True)


def machine():
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    fs = subprocess.run(["df", "-T", str(WORK)], capture_output=True, text=True).stdout
    fs_type = fs.splitlines()[-1].split()[1] if fs else "?"
    print(f"machine: {os.cpu_count()} cores, {cpu}, {mem:.0f} GiB, {platform.system()} "
          f"{platform.release()}; data on {fs_type} ({WORK})")


def dump_imports(small, large):
    header("Supplier dump import, CSV: Supply Desk against the bare parse and DuckDB")
    rows, runs = [], {}
    for n in (small, large):
        csv = WORK / f"dump-{n}.csv"
        gen("dump", n, csv)
        floor = run(BIN / "examples" / "csv_floor", csv)
        imp = desk(WORK / f"csv-{n}.redb", "import", csv)
        duck = run(sys.executable, ROOT / "bench" / "duckdb_import.py", csv,
                   WORK / f"duck-{n}.duckdb", ROOT / "bench" / "criteria.sql")
        eligible = imp.out.split(" accounts eligible")[0].rsplit(" of ", 1)[0].split()[-1]
        runs[n] = imp
        rows.append([
            f"{n:,}", f"{mb(csv):.0f}", f"{floor.seconds:.3f}", f"{imp.seconds:.2f}",
            f"{n / imp.seconds:,.0f}", f"{mb(csv) / imp.seconds:.1f}", f"{imp.rss_mb:.0f}",
            f"{duck.seconds:.2f}", f"{duck.rss_mb:.0f}",
            f"{imp.seconds / floor.seconds:.1f}x", f"{imp.seconds / duck.seconds:.2f}x",
            f"{eligible}/{duck.out.split()[2]}",
        ])
        (WORK / f"duck-{n}.duckdb").unlink(missing_ok=True)
        csv.unlink()
    table(["rows", "MB", "floor_s", "import_s", "rows/s", "MB/s", "RSS_MB", "duckdb_s",
           "duck_RSS", "vs_floor", "vs_duckdb", "eligible(desk/duck)"], rows)
    s, l = runs[small], runs[large]
    print(f"peak RSS {large:,} / {small:,} rows: {l.rss_mb / s.rss_mb:.2f}x "
          f"({s.rss_mb:.0f} MB -> {l.rss_mb:.0f} MB)")
    return runs


def other_formats(small, large, csv_runs):
    header("Supplier dump import, other formats: against the CSV import of the same rows")
    rows = []
    for fmt, n in (("xlsx", small), ("jsonl", large)):
        path = WORK / f"dump-{n}.{fmt}"
        gen("dump", n, path, "--format", fmt)
        imp = desk(WORK / f"{fmt}-{n}.redb", "import", path)
        base = csv_runs[n]
        rows.append([fmt.upper(), f"{n:,}", f"{mb(path):.0f}", f"{imp.seconds:.2f}",
                     f"{n / imp.seconds:,.0f}", f"{imp.rss_mb:.0f}", f"{base.seconds:.2f}",
                     f"{imp.seconds / base.seconds:.2f}x"])
        path.unlink()
    table(["format", "rows", "MB", "import_s", "rows/s", "RSS_MB", "csv_import_s", "vs_csv"],
          rows)


def orders(n_orders, checks_per_order):
    header("Orders: routing, deliveries and the refill rule")
    db = WORK / "orders.redb"
    for supplier in ("Bench Supply", "Other Supply", "Third Supply"):
        path = WORK / f"{supplier.split()[0]}.csv"
        gen("dump", 20_000, path, "--supplier", supplier, "--seed", len(supplier))
        desk(db, "import", path)
    files = {
        "orders": (WORK / "orders.csv", ("orders", n_orders)),
        "deliveries": (WORK / "deliveries.csv", ("deliveries", n_orders)),
        "checks": (WORK / "checks.csv", ("checks", n_orders, checks_per_order)),
    }
    rows = []
    for what, (path, args) in files.items():
        gen(*args, path)
        lines = sum(1 for _ in open(path)) - 1
        floor = run(BIN / "examples" / "csv_floor", path)
        imp = desk(db, "import", path)
        summary = " ".join(imp.out.split())
        rows.append([what, f"{lines:,}", f"{imp.seconds:.2f}", f"{lines / imp.seconds:,.0f}",
                     f"{imp.rss_mb:.0f}", f"{floor.seconds:.3f}",
                     f"{imp.seconds / floor.seconds:.0f}x"])
        print(f"  {what}: {summary[:300]}")
    table(["file", "rows", "import_s", "rows/s", "RSS_MB", "floor_s", "vs_floor"], rows)


def app(weeks, rows_per_week):
    header(f"The app: first frame on {weeks * rows_per_week:,} accounts, Accounts frame at "
           f"{rows_per_week:,} rows")
    empty = WORK / "empty.redb"
    desk(empty, "scorecards")
    base = parse(run(BIN / "examples" / "bench_app", empty).out)
    db = WORK / "big.redb"
    start = time.perf_counter()
    for week in range(weeks):
        path = WORK / f"week-{week}.csv"
        day = 12 - 7 * (weeks - 1 - week)
        as_of = f"2026-10-{day:02d}" if day > 0 else f"2026-09-{30 + day:02d}"
        gen("dump", rows_per_week, path, "--as-of", as_of, "--seed", week + 1)
        desk(db, "import", path)
        path.unlink()
    print(f"  built a {mb(db):,.0f} MB database of {weeks} weekly dumps in "
          f"{time.perf_counter() - start:.0f} s")
    big = parse(run(BIN / "examples" / "bench_app", db, "Bench Supply", "2026-W42").out)
    table(["figure", "empty database", "large database", "ratio"], [
        ["first frame (ms)", base["first_frame_ms"], big["first_frame_ms"],
         f"{float(big['first_frame_ms']) / float(base['first_frame_ms']):.2f}x"],
        ["data shown (ms)", base["data_shown_ms"], big["data_shown_ms"],
         f"{float(big['data_shown_ms']) / float(base['data_shown_ms']):.2f}x"],
    ])
    print(f"  Accounts table of {big['accounts_rows']} rows built in "
          f"{big['accounts_build_s']} s (background thread)")
    for where in ("top", "middle", "end"):
        print(f"  Accounts frame, {where}: {big[f'accounts_frame_{where}_ms']} ms")


def parse(out):
    values = {}
    for line in out.splitlines():
        key, _, value = line.partition(" ")
        values[key] = value
    return values


def main():
    global BIN, WORK
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True, type=Path)
    p.add_argument("--work", required=True, type=Path)
    p.add_argument("--quick", action="store_true")
    a = p.parse_args()
    BIN, WORK = a.bin.resolve(), a.work.resolve()
    small, large = (10_000, 100_000) if a.quick else (100_000, 1_000_000)
    machine()
    csv_runs = dump_imports(small, large)
    for f in WORK.glob("csv-*.redb"):
        f.unlink()
    other_formats(small, large, csv_runs)
    orders(small, 10)
    app(1 if a.quick else 5, large)


if __name__ == "__main__":
    main()
