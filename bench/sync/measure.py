#!/usr/bin/env python3
"""The client's full-history sync against the reference server, and its floor.

Run by bench/sync/run.sh (which builds the release binaries). Python's
standard library only; results go to docs/perf/sync.md.

1. A reference server seeded with `--demo --scale POSTS` (the database is kept
   in DATASET/sync-POSTS/ and reused).
2. `hublot-cli sync --full-history` as `demo` into an empty data directory:
   the bootstrap, then the whole change feed from its beginning, 5,000
   changes per request, each batch one transaction. Measured: wall time, the
   CPU time and peak RSS of the client (from wait4), and the server's CPU
   time over the same interval (from /proc).
3. The floor: an empty cache of the same schema (tables, indexes, triggers,
   full-text tables) receiving the same rows in one transaction, by one
   `INSERT ... SELECT` per table and the one statement per full-text table
   that fills the index, as the store does per batch. Timed by the CPU time
   of this process (SQLite runs in it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from server_http import login, port_free, wait_http  # noqa: E402

TICK = os.sysconf("SC_CLK_TCK")








def cpu_of(pid: int) -> float:
    """User + system CPU seconds of a running process."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def floor(cache: Path, out: Path) -> dict:
    """Copies the synced cache's rows into an empty cache of the same schema."""
    src = sqlite3.connect(cache)
    schema = src.execute(
        "SELECT type, name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    src.close()
    db = sqlite3.connect(out, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    # Tables first (the full-text tables create their shadow tables), then
    # indexes and triggers.
    shadow = ("_data", "_idx", "_docsize", "_config", "_content")
    for kind, name, sql in schema:
        if kind == "table" and not ("_fts_" in name and name.endswith(shadow)):
            db.execute(sql)
    for kind, _, sql in schema:
        if kind in ("index", "trigger"):
            db.execute(sql)
    # group_unread is filled by the triggers, as in the store.
    tables = [
        name for kind, name, sql in schema
        if kind == "table" and "_fts" not in name and name != "group_unread"
        and not sql.upper().startswith("CREATE VIRTUAL")
    ]
    db.execute("ATTACH ? AS s", (str(cache),))
    t0, w0 = time.process_time(), time.monotonic()
    db.execute("BEGIN")
    # Parents before children, as the sync brings them (foreign keys).
    order = ["meta", "users", "groups", "memberships", "follows", "read_markers", "posts",
             "poll_options", "comments", "reactions", "mentions", "search_terms"]
    for t in order + [t for t in tables if t not in order]:
        if t not in tables:
            continue
        by_id = " ORDER BY id" if t in ("posts", "comments") else ""
        db.execute(f"INSERT INTO main.{t} SELECT * FROM s.{t}{by_id}")
    for t in ("posts", "comments"):
        db.execute(f"INSERT INTO {t}_fts (rowid, body) SELECT id, body FROM {t} ORDER BY id")
    db.execute("COMMIT")
    cpu, wall = time.process_time() - t0, time.monotonic() - w0
    db.close()
    return {"cpu_s": cpu, "wall_s": wall}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", required=True, help="the hublot-server binary")
    parser.add_argument("--cli", required=True, help="the hublot-cli binary")
    parser.add_argument("--posts", type=int, default=200_000, help="the server's --scale")
    parser.add_argument("--port", type=int, default=18797)
    parser.add_argument("--dataset", type=Path, default=Path.home() / ".cache" / "hublot-bench")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    args = parser.parse_args()

    root = args.dataset / f"sync-{args.posts}"
    root.mkdir(parents=True, exist_ok=True)
    if not port_free(args.port):
        sys.exit(f"port {args.port} is taken: pass --port")
    base = f"http://127.0.0.1:{args.port}"
    work = Path(tempfile.mkdtemp(prefix="hublot-sync-bench-", dir=root))
    server_log = open(root / "server.log", "a")
    seeded = (root / "server.sqlite3").exists()
    if not seeded:
        print(f"seeding the server at --scale {args.posts} (kept in {root})…", flush=True)
    t0 = time.monotonic()
    server = subprocess.Popen(
        [args.server, "serve", "--db", str(root / "server.sqlite3"), "--listen", f"127.0.0.1:{args.port}",
         "--demo", "--scale", str(args.posts)],
        stdout=server_log, stderr=subprocess.STDOUT,
    )
    result: dict = {"posts_seeded": args.posts}
    try:
        wait_http(base + "/v1/openapi.json", limit=7200)
        if not seeded:
            result["seed_s"] = time.monotonic() - t0
        token = login(base)["token"]
        env = dict(os.environ, HUBLOT_TOKEN=token)
        data = work / "cli"
        cli = [args.cli, "--data-dir", str(data), "--server", base]
        # Sets the account up; with HUBLOT_TOKEN set, the token stays out of the keyring.
        subprocess.run(cli + ["login", "--login", "demo", "--password-stdin", "--print-token"],
                       input="demo\n", text=True, check=True, env=env, stdout=subprocess.DEVNULL)
        cmd = cli + ["sync", "--full-history"]
        result["load_before"] = load()
        server_cpu0 = cpu_of(server.pid)
        w0 = time.monotonic()
        child = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, text=True)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - w0
        result["load_after"] = load()
        out = child.stdout.read().strip() if child.stdout else ""
        if status != 0:
            sys.exit(f"the sync failed ({status}): {out}")
        result.update(
            sync_output=out,
            wall_s=wall,
            cpu_s=usage.ru_utime + usage.ru_stime,
            peak_rss_mb=usage.ru_maxrss / 1024,
            server_cpu_s=cpu_of(server.pid) - server_cpu0,
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)

    caches = list(data.rglob("*.sqlite3"))
    if len(caches) != 1:
        sys.exit(f"expected one cache under {data}, found {caches}")
    cache = caches[0]
    with sqlite3.connect(cache) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        counts = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("posts", "comments", "reactions")}
    result["counts"] = counts
    result["cache_bytes"] = cache.stat().st_size
    changes = int(result["sync_output"].split("synced: ")[1].split()[0])
    result["changes"] = changes
    result["floor"] = floor(cache, work / "floor.sqlite3")
    shutil.rmtree(work, ignore_errors=True)

    posts = counts["posts"]
    r, f = result, result["floor"]
    print()
    print(f"server seeded at {args.posts} posts; load before {r['load_before']}, after {r['load_after']}")
    print(f"cached: {posts} posts, {counts['comments']} comments, {counts['reactions']} reactions; {changes} changes")
    print()
    print("| what | value |")
    print("|---|---|")
    print(f"| sync wall | {r['wall_s']:.2f} s: {changes / r['wall_s']:,.0f} changes/s, {posts / r['wall_s']:,.0f} posts/s |")
    print(f"| sync CPU (client) | {r['cpu_s']:.2f} s: {changes / r['cpu_s']:,.0f} changes per CPU-second, "
          f"{posts / r['cpu_s']:,.0f} posts per CPU-second |")
    print(f"| server CPU during the sync | {r['server_cpu_s']:.2f} s |")
    print(f"| client peak RSS | {r['peak_rss_mb']:.1f} MB |")
    print(f"| cache on disk | {r['cache_bytes'] / 1e6:.1f} MB, {r['cache_bytes'] / posts:.0f} bytes per post |")
    print(f"| floor (same rows, one transaction): wall, CPU | {f['wall_s']:.2f} s, {f['cpu_s']:.2f} s |")
    print(f"| sync / floor: wall, client CPU | {r['wall_s'] / f['wall_s']:.2f}x, {r['cpu_s'] / f['cpu_s']:.2f}x |")
    if args.json:
        args.json.write_text(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
