#!/usr/bin/env python3
"""Start-up time and idle memory of the desktop app, against a bare Tauri window.

Run by bench/app/run.sh (which builds everything in release and provides the
desktop session). Python's standard library only.

The app reopens a signed-in account whose cache holds POSTS posts (a reference
server seeded with `--demo --scale POSTS`, synced by hublot-cli into the app's
data directory; the token in the session's keyring, as a real sign-in leaves
it), against that server. Each run, alternately for the bare window and the
app:
  start  = first frame with content painted (epoch ms reported by the page)
           minus the wall clock just before the process was spawned;
  memory = after IDLE seconds, RSS and PSS summed over the process and all its
           descendants (WebKitWebProcess, WebKitNetworkProcess).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from server_http import login, port_free, wait_http  # noqa: E402

IDENTIFIER = "fr.hublot.desktop"








def descendants(root: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def memory(root: int) -> dict[str, dict[str, float]]:
    """RSS and PSS (MB) per process name, and the total."""
    by_name: dict[str, dict[str, float]] = {}
    for pid in descendants(root):
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            status = Path(f"/proc/{pid}/status").read_text()
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
        pss_match = re.search(r"^Pss:\s+(\d+)", rollup, re.M)
        pss = int(pss_match.group(1)) / 1024 if pss_match else 0.0
        slot = by_name.setdefault(name, {"rss": 0.0, "pss": 0.0})
        slot["rss"] += rss
        slot["pss"] += pss
    by_name["total"] = {
        "rss": sum(v["rss"] for v in by_name.values()),
        "pss": sum(v["pss"] for v in by_name.values()),
    }
    return by_name


def stop(proc: subprocess.Popen) -> None:
    """Ends the app itself (its WebKit processes follow it)."""
    tree = descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    for pid in tree[1:]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def painted_from_stdout(proc: subprocess.Popen, limit: float) -> float:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        match = re.match(r"painted_at_ms=([\d.]+)", line)
        if match:
            return float(match.group(1))
    raise RuntimeError("the bare window never reported its first paint")


def painted_from_log(logs: Path, limit: float) -> float:
    deadline = time.monotonic() + limit
    pattern = re.compile(r"first post painted painted_at_ms=([\d.]+)")
    while time.monotonic() < deadline:
        for log in logs.glob("hublot*.log"):
            match = pattern.search(log.read_text(errors="replace"))
            if match:
                return float(match.group(1))
        time.sleep(0.05)
    raise RuntimeError(f"the app never logged its first post painted (see {logs})")


class Dataset:
    """A server database with POSTS posts and the app's data synced from it (kept between runs)."""

    def __init__(self, root: Path, posts: int, port: int, server_bin: str, cli_bin: str) -> None:
        self.root, self.posts, self.port = root, posts, port
        self.server_bin, self.cli_bin = server_bin, cli_bin
        self.base = f"http://127.0.0.1:{port}"
        self.data = root / "data" / IDENTIFIER  # the app's data directory ($XDG_DATA_HOME/<id>)
        self.server: subprocess.Popen | None = None

    def start_server(self) -> None:
        if not port_free(self.port):
            sys.exit(f"port {self.port} is taken: pass --port")
        self.server_log = open(self.root / "server.log", "a")
        self.server = subprocess.Popen(
            [self.server_bin, "serve", "--db", str(self.root / "server.sqlite3"), "--listen", f"127.0.0.1:{self.port}",
             "--demo", "--scale", str(self.server_posts())],
            stdout=self.server_log, stderr=subprocess.STDOUT,
        )
        wait_http(self.base + "/v1/openapi.json", limit=1800)  # seeding 100k posts takes a while

    def server_posts(self) -> int:
        # The demo person sees about 85 % of the posts (not the private groups she is
        # not in), so the server holds a quarter more for her cache to reach POSTS.
        return self.posts * 5 // 4

    def stop_server(self) -> None:
        if self.server:
            self.server.send_signal(signal.SIGTERM)
            self.server.wait(timeout=30)

    def cached_posts(self) -> int:
        caches = list((self.data / "caches").glob("*.sqlite3"))
        if not caches:
            return 0
        with sqlite3.connect(f"file:{caches[0]}?mode=ro", uri=True) as db:
            return db.execute("SELECT COUNT(*) FROM posts").fetchone()[0]

    def prepare(self, config_home: Path) -> dict:
        """Syncs the cache if needed; writes the app's remembered account. Returns the login answer."""
        answer = login(self.base)
        if self.cached_posts() < self.posts:
            print(f"syncing {self.posts} posts into the app's cache with hublot-cli…", flush=True)
            self.data.mkdir(parents=True, exist_ok=True)
            env = dict(os.environ, HUBLOT_TOKEN=answer["token"])
            cli = [self.cli_bin, "--data-dir", str(self.data), "--server", self.base]
            subprocess.run(cli + ["login", "--login", "demo", "--password-stdin", "--print-token"],
                           input="demo\n", text=True, check=True, env=env, stdout=subprocess.DEVNULL)
            # The first sync brings each group's newest posts; --full-history goes on
            # with the whole change feed, so the cache holds every post she may read.
            subprocess.run(cli + ["sync", "--full-history"], check=True, env=env)
        user = answer["user"]
        words = user["name"].split()
        me = {k: user[k] for k in ("id", "handle", "name", "job_title", "department", "site", "email", "phone", "disabled")}
        me["initials"] = "".join(w[0] for w in words[:2]).upper()
        config = config_home / IDENTIFIER
        config.mkdir(parents=True, exist_ok=True)
        (config / "account.json").write_text(json.dumps({"server": self.base, "login": "demo", "demo": False, "me": me}))
        (config / "settings.json").write_text(json.dumps({"language": "en", "theme": "light"}))
        # The token where a sign-in in the app leaves it: the session's Secret Service.
        subprocess.run(
            ["secret-tool", "store", "--label", f"Hublot demo@{self.base}", "service", IDENTIFIER,
             "username", f"demo@{self.base}", "target", "default", "application", "rust-keyring"],
            input=answer["token"], text=True, check=True,
        )
        return answer


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--idle", type=float, default=10.0, help="seconds after the first paint before measuring memory")
    parser.add_argument("--port", type=int, default=18787)
    parser.add_argument("--dataset", type=Path, default=Path.home() / ".cache" / "hublot-bench")
    parser.add_argument("--json", type=Path, help="also write the raw results here")
    parser.add_argument("--allow-partial", action="store_true", help="measure even if fewer posts are cached")
    args = parser.parse_args()

    root = args.dataset / f"app-{args.posts}"
    root.mkdir(parents=True, exist_ok=True)
    dataset = Dataset(root, args.posts, args.port, args.server, args.cli)
    home = Path(tempfile.mkdtemp(prefix="hublot-bench-"))
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(root / "data")
    env["XDG_CONFIG_HOME"] = str(home / "config")
    env["XDG_CACHE_HOME"] = str(home / "cache")
    logs = dataset.data / "logs"
    results: dict[str, list[dict]] = {"bare": [], "app": []}
    load_before = uptime()
    try:
        dataset.start_server()
        dataset.prepare(home / "config")
        cached = dataset.cached_posts()
        print(f"posts in the app's cache: {cached}", flush=True)
        if cached < args.posts and not args.allow_partial:
            # Measuring a smaller cache would flatter the app.
            sys.exit(f"only {cached} of {args.posts} posts are cached: fill the cache first "
                     "(or pass --allow-partial to measure what there is)")
        for run in range(args.runs):
            for kind in ("bare", "app"):
                if kind == "app":
                    shutil.rmtree(logs, ignore_errors=True)
                    cmd = [args.app]
                else:
                    cmd = [args.bare]
                started = time.time() * 1000
                proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                try:
                    painted = painted_from_stdout(proc, 120) if kind == "bare" else painted_from_log(logs, 120)
                    time.sleep(args.idle)
                    mem = memory(proc.pid)
                finally:
                    stop(proc)
                result = {"start_ms": painted - started, "memory": mem}
                results[kind].append(result)
                print(f"run {run + 1} {kind:4}: start {result['start_ms']:7.0f} ms, "
                      f"RSS {mem['total']['rss']:6.1f} MB, PSS {mem['total']['pss']:6.1f} MB", flush=True)
                time.sleep(1)
    finally:
        dataset.stop_server()
        shutil.rmtree(home, ignore_errors=True)
    load_after = uptime()

    def med(kind: str, key) -> float:
        return statistics.median(key(r) for r in results[kind])

    start_bare, start_app = med("bare", lambda r: r["start_ms"]), med("app", lambda r: r["start_ms"])
    rss_bare, rss_app = med("bare", lambda r: r["memory"]["total"]["rss"]), med("app", lambda r: r["memory"]["total"]["rss"])
    pss_bare, pss_app = med("bare", lambda r: r["memory"]["total"]["pss"]), med("app", lambda r: r["memory"]["total"]["pss"])
    names = sorted({n for r in results["app"] + results["bare"] for n in r["memory"] if n != "total"})

    print()
    print(f"posts cached: {cached}; runs: {args.runs} each, alternating; idle before memory: {args.idle:g} s")
    print(f"load before: {load_before}")
    print(f"load after:  {load_after}")
    print()
    print("| median of runs | bare window (floor) | Hublot | Hublot vs floor | target |")
    print("|---|---|---|---|---|")
    print(f"| start → first post painted | {start_bare:.0f} ms | {start_app:.0f} ms | ×{start_app / start_bare:.2f} | ≤ ×1.2 |")
    print(f"| idle RSS, all processes | {rss_bare:.0f} MB | {rss_app:.0f} MB | +{rss_app - rss_bare:.0f} MB | ≤ +40 MB |")
    print(f"| idle PSS, all processes | {pss_bare:.0f} MB | {pss_app:.0f} MB | +{pss_app - pss_bare:.0f} MB | (RSS counts shared pages once per process) |")
    print()
    print("| process (median RSS / PSS, MB) | bare window | Hublot |")
    print("|---|---|---|")
    for name in names:
        cells = []
        for kind in ("bare", "app"):
            rows = [r["memory"].get(name) for r in results[kind] if name in r["memory"]]
            cells.append(f"{statistics.median(x['rss'] for x in rows):.0f} / {statistics.median(x['pss'] for x in rows):.0f}" if rows else "—")
        print(f"| {name} | {cells[0]} | {cells[1]} |")
    print()
    print("each run (start ms): bare " + ", ".join(f"{r['start_ms']:.0f}" for r in results["bare"])
          + "; app " + ", ".join(f"{r['start_ms']:.0f}" for r in results["app"]))
    if args.json:
        args.json.write_text(json.dumps({"posts": cached, "load_before": load_before, "load_after": load_after,
                                         "results": results}, indent=1))


if __name__ == "__main__":
    main()
