"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``: no port, no websocket
library, no browser download. Chromium reads commands from its file descriptor 3 and writes replies and
events to descriptor 4, each message a JSON object ended by a NUL byte.

The browser is the system's Chromium (scripts/browser_check.py finds it), started with a fresh profile
and every background-network feature off. Pages are driven the way a person drives them: mouse events at
an element's place on screen and key presses to the focused element (`Input.dispatch*`), so the page's
own listeners run exactly as they would for a click. Used by tests/test_html_report.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-pipe",
)


class CDPError(RuntimeError):
    pass


class Browser:
    """One headless Chromium process and one page of it, driven over the DevTools pipe."""

    def __init__(self, binary: str, *, size: tuple[int, int] = (1400, 1000), timeout: float = 30.0) -> None:
        self.timeout = timeout
        self._profile = tempfile.TemporaryDirectory(prefix="citecheck-cdp-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def fds_3_and_4() -> None:  # in the child, before exec: the pipe ends where Chromium expects them
            a, b = os.dup(to_browser_r), os.dup(from_browser_w)  # above 4, so dup2 cannot clobber them
            os.dup2(a, 3)
            os.dup2(b, 4)

        cmd = [binary, *FLAGS, f"--user-data-dir={self._profile.name}", f"--window-size={size[0]},{size[1]}"]
        self.proc = subprocess.Popen(
            [*cmd, "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # descriptors 3 and 4 must reach the browser; Python's own are close-on-exec
            preexec_fn=fds_3_and_4,
            start_new_session=True,  # its own process group: closing kills that group, and only it
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next = 0
        self._replies: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._events: queue.Queue[dict[str, Any]] = queue.Queue()
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        self.session = self._attach()

    # ---- transport --------------------------------------------------------------------------------
    def _read(self) -> None:
        buffer = b""
        while chunk := os.read(self._from_browser, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for raw in messages:
                message = json.loads(raw)
                with self._lock:
                    waiting = self._replies.get(message.get("id", -1))
                (waiting or self._events).put(message)

    def send(self, method: str, params: dict[str, Any] | None = None, *, session: str | None = "page") -> Any:
        with self._lock:
            self._next += 1
            ident = self._next
            self._replies[ident] = queue.Queue()
        message: dict[str, Any] = {"id": ident, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = self.session if session == "page" else session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        try:
            reply = self._replies[ident].get(timeout=self.timeout)
        except queue.Empty:
            raise TimeoutError(f"no reply to {method} within {self.timeout:g}s") from None
        finally:
            with self._lock:
                del self._replies[ident]
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def wait_event(self, method: str) -> dict[str, Any]:
        deadline = time.monotonic() + self.timeout
        while (left := deadline - time.monotonic()) > 0:
            with contextlib.suppress(queue.Empty):
                event = self._events.get(timeout=left)
                if event.get("method") == method:
                    return event.get("params", {})
        raise TimeoutError(f"no {method} event within {self.timeout:g}s")

    def _attach(self) -> str:
        targets = self.send("Target.getTargets", session=None)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        return self.send("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True}, session=None)[
            "sessionId"
        ]

    # ---- the page ---------------------------------------------------------------------------------
    def open(self, path: Path) -> None:
        """Load a local file and wait for its load event."""
        self.send("Page.enable")
        self.send("Runtime.enable")
        self.send("Page.navigate", {"url": path.resolve().as_uri()})
        self.wait_event("Page.loadEventFired")

    def eval(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r} threw: {result['exceptionDetails'].get('text')}")
        return result["result"].get("value")

    def click(self, selector: str) -> None:
        """A left click at the centre of the element (of its first line, for a link that wraps: the centre
        of its bounding box can fall between its two lines), as the mouse would make it."""
        box = self.eval(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " if (!e) return null; e.scrollIntoView({block: 'center'});"
            " const r = e.getClientRects()[0]; return r ? [r.x + r.width / 2, r.y + r.height / 2] : null; })()"
        )
        if box is None:
            raise CDPError(f"nothing matches {selector!r}")
        x, y = box
        self.send("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": x, "y": y})
        for kind in ("mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1})

    def press(self, key: str, times: int = 1) -> None:
        """Press a named key (ArrowDown, ArrowUp, Home, End) on the focused element."""
        codes = {"ArrowDown": 40, "ArrowUp": 38, "Home": 36, "End": 35, "Enter": 13, "Tab": 9}
        for _ in range(times):
            for kind in ("rawKeyDown", "keyUp"):
                self.send(
                    "Input.dispatchKeyEvent",
                    {"type": kind, "key": key, "code": key, "windowsVirtualKeyCode": codes[key]},
                )

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self._to_browser)  # Chromium exits when its command pipe closes
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:  # kill the group we started (start_new_session), only it
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self._from_browser)
        self._profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
