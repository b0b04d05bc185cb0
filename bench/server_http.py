"""What the benchmarks need of a running reference server: a free port, the
server answering, and the demo person's sign-in. Python's standard library only."""

from __future__ import annotations

import json
import socket
import time
import urllib.request


def wait_http(url: str, limit: float) -> None:
    """Waits until `url` answers, at most `limit` seconds (then raises)."""
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def port_free(port: int) -> bool:
    """True when nothing listens on 127.0.0.1:`port`."""
    with socket.socket() as s:
        # A server just stopped leaves the port in TIME_WAIT: free for the next.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def login(base: str) -> dict:
    """Signs the demo person in; the server's answer (`token`, `user`)."""
    req = urllib.request.Request(
        base + "/v1/auth/login",
        data=json.dumps({"login": "demo", "password": "demo"}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=30) as answer:
        return json.loads(answer.read())
