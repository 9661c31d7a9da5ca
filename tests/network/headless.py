"""A tiny DevTools-protocol client for Debian's headless chromium, over a pipe.

``--remote-debugging-pipe`` makes chromium read commands on fd 3 and write
replies on fd 4 (JSON, NUL-terminated), so no websocket library or open port
is needed. Used by the browser tests and benchmarks/bench_network.py to see
what a page requested, whether a dialog opened, and when the map was drawn.
"""

from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND", "--window-size=1200,800",
]

# Exec chromium with our pipe ends on fds 3 and 4 (a shell cannot name fds above 9).
_ONTO_FDS_3_AND_4 = (
    "import os, sys; a, b = os.dup(int(sys.argv[1])), os.dup(int(sys.argv[2])); "
    "os.dup2(a, 3); os.dup2(b, 4); os.set_inheritable(3, True); os.set_inheritable(4, True); "
    "os.execv(sys.argv[3], sys.argv[3:])"
)


def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


class Browser:
    """One headless chromium with one page; records requests and dialogs."""

    def __init__(self, timeout: float = 60.0):
        exe = chromium()
        if exe is None:
            raise RuntimeError("chromium is not installed")
        self.timeout = timeout
        self.profile = tempfile.TemporaryDirectory()
        to_child, self._w = os.pipe()
        self._r, from_child = os.pipe()
        args = [*FLAGS, f"--user-data-dir={self.profile.name}", "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _ONTO_FDS_3_AND_4, str(to_child), str(from_child), exe, *args],
            pass_fds=(to_child, from_child), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(to_child)
        os.close(from_child)
        self._buf = b""
        self._id = 0
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.errors: list[str] = []
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Network", "Page", "Runtime"):
            self.send(f"{domain}.enable", session=self.session)

    # -- protocol
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._r], [], [], left)[0]:
                raise TimeoutError("chromium did not answer in time")
            chunk = os.read(self._r, 1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buf += chunk
        raw, self._buf = self._buf.split(b"\0", 1)
        return json.loads(raw)

    def _event(self, msg: dict) -> None:
        method, params = msg.get("method"), msg.get("params", {})
        if method == "Network.requestWillBeSent":
            self.requests.append(params["request"]["url"])
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(params.get("message", ""))
            self._post("Page.handleJavaScriptDialog", {"accept": True}, msg.get("sessionId"))
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append(details.get("exception", {}).get("description") or details.get("text", ""))
        elif method == "Runtime.consoleAPICalled":
            self.console.append(" ".join(str(a.get("value", "")) for a in params.get("args", [])))

    def _post(self, method: str, params: dict | None, session: str | None) -> int:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self._w, json.dumps(msg).encode() + b"\0")
        return self._id

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        want = self._post(method, params, session)
        deadline = time.monotonic() + self.timeout
        while True:
            msg = self._read_message(deadline)
            if msg.get("id") == want:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self._event(msg)

    # -- page helpers
    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                           session=self.session)
        if "exceptionDetails" in result:
            raise RuntimeError(f"page error: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def open(self, path: Path) -> float:
        """Navigate to a file; returns seconds from navigation until the map says it was drawn."""
        start = time.monotonic()
        self.send("Page.navigate", {"url": Path(path).resolve().as_uri()}, session=self.session)
        deadline = start + self.timeout
        while time.monotonic() < deadline:
            if self.evaluate("document.body && document.body.getAttribute('data-kg-drawn')"):
                return time.monotonic() - start
            time.sleep(0.05)
        raise TimeoutError(f"{path}: the map was not drawn within {self.timeout:.0f} s {self.errors}")

    def close(self) -> None:
        try:
            self._post("Browser.close", None, None)
            self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        finally:
            os.close(self._r)
            os.close(self._w)
            self.profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
