"""DuckDB's side of the dump benchmark: `python duckdb_import.py DUMP.csv OUT.duckdb
criteria.sql` reads the dump with read_csv, judges every account with the SPEC §2 criteria
as SQL (bench/criteria.sql) into a fresh DuckDB file, and prints
`seconds accounts eligible`."""

import sys
import time
from pathlib import Path

import duckdb

dump, db_file, sql = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
db_file.unlink(missing_ok=True)
start = time.perf_counter()
con = duckdb.connect(str(db_file))
con.execute("SET VARIABLE dump = ?", [dump])
con.execute(sql.read_text())
accounts, eligible = con.execute(
    "SELECT count(*), count(*) FILTER (WHERE eligible) FROM scored"
).fetchone()
con.close()
print(f"{time.perf_counter() - start:.3f} {accounts} {eligible}")
