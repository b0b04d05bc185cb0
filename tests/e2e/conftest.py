"""Fixtures of the end-to-end tests: the real app, driven over WebDriver.

`tauri-driver` starts Debian's `WebKitWebDriver`, which starts the built app on
the demo workspace (its embedded reference server on a fixed loopback port) with
its own throwaway data, config and cache directories. Run through
`tests/e2e/run.sh`, which builds the app and provides the desktop session
(Xvfb, D-Bus, keyring).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.options import ArgOptions

ARTIFACTS = Path(os.environ.get("HUBLOT_E2E_ARTIFACTS", Path(__file__).parent / "artifacts"))
IDENTIFIER = "fr.hublot.desktop"


def free_port() -> int:
    """A loopback port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url: str, limit: float = 30.0) -> None:
    """Waits until `url` answers at all."""
    deadline = time.monotonic() + limit
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


class Server:
    """The demo's reference server, seen from outside through its HTTP API."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.token: str | None = None

    def _request(self, method: str, path: str, body: object | None = None) -> object:
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(req, timeout=10) as answer:
            return json.loads(answer.read() or b"null")

    def sign_in(self, login: str = "demo", password: str = "demo") -> None:
        """Signs in (every demo account's password is `demo`)."""
        self.token = self._request("POST", "/v1/auth/login", {"login": login, "password": password})["token"]

    def group(self, group_id: int) -> dict:
        """A group."""
        return self._request("GET", f"/v1/groups/{group_id}")

    def group_posts(self, group_id: int, limit: int = 200) -> list[dict]:
        """The newest posts of a group."""
        return self._request("GET", f"/v1/groups/{group_id}/posts?limit={limit}")["posts"]

    def post(self, post_id: int) -> dict:
        """A post with its comments and reactions."""
        return self._request("GET", f"/v1/posts/{post_id}")


class App:
    """The running app: the WebDriver session and what the test needs around it."""

    def __init__(self, driver: webdriver.Remote, server: Server, home: Path) -> None:
        self.driver = driver
        self.server = server
        self.home = home

    def invoke(self, command: str, args: dict | None = None) -> object:
        """Calls one of the shell's commands the way the UI does (for test hooks only)."""
        result = self.driver.execute_async_script(
            """
            const [cmd, args, done] = arguments;
            window.__TAURI_INTERNALS__.invoke(cmd, args)
              .then((value) => done({ ok: value === undefined ? null : value }))
              .catch((error) => done({ error }));
            """,
            command,
            args or {},
        )
        if "error" in result:
            raise RuntimeError(f"{command} failed: {result['error']}")
        return result["ok"]


def _settings(config_home: Path) -> None:
    """English and light theme, whatever the machine's locale: the tests read English labels."""
    directory = config_home / IDENTIFIER
    directory.mkdir(parents=True)
    (directory / "settings.json").write_text(json.dumps({"language": "en", "theme": "light"}))


@pytest.fixture(scope="session")
def app() -> App:
    binary = os.environ.get("HUBLOT_E2E_APP")
    if not binary or not os.access(binary, os.X_OK):
        pytest.fail("HUBLOT_E2E_APP must name the built app binary (tests/e2e/run.sh sets it)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    home = Path(tempfile.mkdtemp(prefix="hublot-e2e-"))
    env = dict(os.environ)
    # The app keeps its data, settings, cache and logs in the XDG directories:
    # fresh ones make a first run that touches nothing of the person's own.
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        path = home / var.lower()
        path.mkdir()
        env[var] = str(path)
    _settings(home / "xdg_config_home")
    env["HUBLOT_E2E"] = "1"  # allows the test hook that stops and restarts the demo server
    env.setdefault("RUST_LOG", "info,hublot=debug,hublot_core=debug")

    demo_port, driver_port, native_port = free_port(), free_port(), free_port()
    driver_log = open(ARTIFACTS / "tauri-driver.log", "w")
    tauri_driver = subprocess.Popen(
        [os.environ.get("TAURI_DRIVER", "tauri-driver"), "--port", str(driver_port), "--native-port", str(native_port)],
        env=env,
        stdout=driver_log,
        stderr=subprocess.STDOUT,
    )
    driver = None
    try:
        wait_http(f"http://127.0.0.1:{driver_port}/status")
        options = ArgOptions()
        options.set_capability("browserName", "wry")
        options.set_capability(
            "tauri:options",
            {"application": binary, "args": ["--demo", "--demo-listen", f"127.0.0.1:{demo_port}"]},
        )
        driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{driver_port}", options=options)
        driver.set_script_timeout(60)
        base = f"http://127.0.0.1:{demo_port}"
        wait_http(base + "/v1/openapi.json")
        server = Server(base)
        server.sign_in()
        yield App(driver, server, home)
    finally:
        if driver is not None:
            try:
                driver.quit()
            except Exception:  # the session may be gone with the app; the driver goes next
                pass
        tauri_driver.terminate()
        try:
            tauri_driver.wait(timeout=10)
        except subprocess.TimeoutExpired:
            tauri_driver.kill()
        driver_log.close()
        logs = home / "xdg_data_home" / IDENTIFIER / "logs"
        if logs.is_dir():
            shutil.copytree(logs, ARTIFACTS / "app-logs", dirs_exist_ok=True)
        shutil.rmtree(home, ignore_errors=True)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keeps a screenshot of the window and of the whole display when a test fails."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    app = item.funcargs.get("app")
    name = item.name
    if app is not None:
        try:
            app.driver.save_screenshot(str(ARTIFACTS / f"{name}.png"))
            (ARTIFACTS / f"{name}.html").write_text(app.driver.page_source)
        except Exception as e:  # the app may have died: say so, keep the display shot
            (ARTIFACTS / f"{name}.error.txt").write_text(f"no window screenshot: {e}\n")
    if shutil.which("import") and os.environ.get("DISPLAY"):
        subprocess.run(["import", "-window", "root", str(ARTIFACTS / f"{name}-display.png")], check=False)
