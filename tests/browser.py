"""Headless Chromium (Debian's ``chromium``) driven over the DevTools protocol, for tests that
look at a page as a person would: open a local file with the network cut off (a proxy address
where nothing listens), record every request the page makes, read the DOM after its scripts ran,
and save a screenshot."""

from __future__ import annotations

import base64
import itertools
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

from websockets.sync.client import connect

CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
SKIP_REASON = ("no headless Chromium on this machine (Debian: apt-get install chromium; .ci/run installs it "
               "when it is missing)")
# requests a page may make without the network: its own file, inline data
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome-error:")


def executable() -> str | None:
    for name in CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def _signal_group(group: int, sig: int) -> None:
    try:
        os.killpg(group, sig)
    except ProcessLookupError:  # every process of the group is gone already
        pass


class Browser:
    """One Chromium process with one page. Use as a context manager."""

    def __init__(self, width: int = 1280, height: int = 1000) -> None:
        self.width, self.height = width, height
        self._ids = itertools.count(1)
        self.events: list[dict] = []

    def __enter__(self) -> "Browser":
        path = executable()
        if path is None:
            raise RuntimeError(SKIP_REASON)
        self._profile = tempfile.TemporaryDirectory(prefix="wirehouse-chromium-")
        self._process = subprocess.Popen(
            [path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-extensions",
             "--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>",  # the network is off
             "--remote-debugging-port=0", "--remote-allow-origins=*", f"--user-data-dir={self._profile.name}",
             f"--window-size={self.width},{self.height}", "--hide-scrollbars", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True,  # its helper processes too: all are stopped together
        )
        port_file = Path(self._profile.name) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.is_file() or not port_file.read_text().strip():
            if time.monotonic() > deadline or self._process.poll() is not None:
                self.__exit__(None, None, None)
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        targets = json.load(opener.open(f"http://127.0.0.1:{port}/json/list", timeout=10))
        page = next(t for t in targets if t["type"] == "page")
        self._ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=10)
        for domain in ("Page", "Network", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        return self

    def __exit__(self, *exc) -> None:
        ws = getattr(self, "_ws", None)
        if ws is not None:
            ws.close()
        group = self._process.pid  # its own session: the process group of Chromium and its helpers
        _signal_group(group, signal.SIGTERM)
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        _signal_group(group, signal.SIGKILL)  # a helper that outlived Chromium would write on into the profile
        # the helpers that were killed may take a moment to go; their files go with the folder
        for _ in range(50):
            try:
                shutil.rmtree(self._profile.name)
                break
            except FileNotFoundError:
                break
            except OSError:
                time.sleep(0.1)
        self._profile.cleanup()

    def send(self, method: str, params: dict | None = None, timeout: float = 30) -> dict:
        """Call a DevTools method and return its result; events that arrive meanwhile are kept."""
        ident = next(self._ids)
        self._ws.send(json.dumps({"id": ident, "method": method, "params": params or {}}))
        deadline = time.monotonic() + timeout
        while True:
            message = json.loads(self._ws.recv(timeout=max(0.1, deadline - time.monotonic())))
            if message.get("id") == ident:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self.events.append(message)

    def open(self, path: Path, ready: str = "document.readyState === 'complete'", timeout: float = 30) -> None:
        """Load a local file and wait until the JavaScript expression ``ready`` is true."""
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()})
        self.wait_for(ready, timeout)

    def wait_for(self, condition: str, timeout: float = 30) -> None:
        """Wait until the JavaScript expression ``condition`` is true on the page."""
        deadline = time.monotonic() + timeout
        while not self.evaluate(condition):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{condition} still false after {timeout} s")
            time.sleep(0.1)

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def requests(self) -> list[str]:
        """Every URL the page asked for so far."""
        return [e["params"]["request"]["url"] for e in self.events if e["method"] == "Network.requestWillBeSent"]

    def network_requests(self) -> list[str]:
        """The requests that would have left the machine."""
        return [url for url in self.requests() if not url.startswith(LOCAL_SCHEMES)]

    def errors(self) -> list[str]:
        """Uncaught script errors and the console's error lines (CSP refusals among them)."""
        found = []
        for e in self.events:
            if e["method"] == "Runtime.exceptionThrown":
                found.append(e["params"]["exceptionDetails"].get("text", "exception"))
            elif e["method"] == "Log.entryAdded" and e["params"]["entry"]["level"] == "error":
                entry = e["params"]["entry"]
                found.append(f"{entry.get('text', '')} {entry.get('url', '')}".strip())
        return found

    def dom(self) -> str:
        return self.evaluate("document.documentElement.outerHTML")

    def screenshot(self, out: Path, *, height: int | None = None, scale: float = 1.0) -> Path:
        """A PNG of the page's top ``height`` CSS pixels (the whole page by default)."""
        metrics = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": self.width, "height": min(height or metrics["height"], metrics["height"]),
                "scale": scale}
        data = self.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(base64.b64decode(data["data"]))
        return out
