#!/usr/bin/env python3
"""Drive headless Chromium over the DevTools protocol (on a pipe, so no
network port and no extra package) to test a redline HTML report as a
person would use it.

    python3 tests/e2e/cdp.py keys REPORT.html      # n / p navigation
    python3 tests/e2e/cdp.py nojs REPORT.html      # the DOM with scripts off
    python3 tests/e2e/cdp.py timing REPORT.html    # load and response times
    python3 tests/e2e/cdp.py timing-full REPORT.html  # also: laid out whole

Prints `key value` lines; exits non-zero when the browser misbehaves.
CHROMIUM names the browser (default: chromium).
"""
import fcntl
import json
import os
import subprocess
import sys
import tempfile
import time

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
         "--window-size=1400,1000", "--remote-debugging-pipe"]


class Browser:
    def __init__(self):
        self.profile = tempfile.TemporaryDirectory()
        # Chromium reads commands on fd 3 and writes replies on fd 4: move
        # both pipes above them first, then put their child ends there.
        ends = []
        for fd in os.pipe() + os.pipe():
            ends.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
            os.close(fd)
        to_chrome_r, self.to_chrome, self.from_chrome, from_chrome_w = ends
        os.dup2(to_chrome_r, 3)
        os.dup2(from_chrome_w, 4)
        self.proc = subprocess.Popen(
            [os.environ.get("CHROMIUM", "chromium"), *FLAGS,
             f"--user-data-dir={self.profile.name}", "about:blank"],
            pass_fds=(3, 4), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for fd in (3, 4, to_chrome_r, from_chrome_w):
            os.close(fd)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("the browser closed its pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, timeout=120):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            for i, e in enumerate(self.events):
                if e.get("method") == method:
                    return self.events.pop(i)
            self.events.append(self._read())
        raise RuntimeError(f"no {method} within {timeout} s")

    def open(self, url):
        targets = self.call("Target.getTargets", session=False)["targetInfos"]
        page = next(t for t in targets if t["type"] == "page")
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": page["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        start = time.monotonic()
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired")
        return time.monotonic() - start

    def js(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def key(self, ch):
        code = ord(ch.upper())
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", {
                "type": kind, "key": ch, "code": "Key" + ch.upper(),
                "text": ch if kind == "keyDown" else "", "windowsVirtualKeyCode": code})

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except RuntimeError:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.profile.cleanup()


CURRENT = "(document.querySelector('.cur') || {}).id || ''"

# Time from a scroll or key press to the next painted frame, in ms.
FRAME = """new Promise(done => {
  const t = performance.now();
  %s;
  requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t)));
})"""


def keys(b, url):
    b.open(url)
    print("ready", b.js("document.documentElement.getAttribute('data-rl-ready') !== null"))
    print("changes", b.js("document.getElementsByClassName('chg').length"))
    order = b.js("Array.prototype.map.call(document.getElementsByClassName('chg'), e => e.id)")
    seen = []
    for ch in "nnnp":
        b.key(ch)
        seen.append(b.js(CURRENT))
    print("after_nnnp", " ".join(seen))
    print("expected", " ".join([order[0], order[1], order[2], order[1]] if len(order) > 2 else []))
    print("position", b.js("document.getElementById('rl-pos').textContent"))
    print("hash", b.js("location.hash"))


def nojs(b, url):
    targets = b.call("Target.getTargets", session=False)["targetInfos"]
    page = next(t for t in targets if t["type"] == "page")
    b.session = b.call("Target.attachToTarget", {"targetId": page["targetId"], "flatten": True},
                       session=False)["sessionId"]
    b.call("Emulation.setScriptExecutionDisabled", {"value": True})
    b.call("Page.enable")
    b.call("Page.navigate", {"url": url})
    b.wait_event("Page.loadEventFired")
    root = b.call("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
    print(b.call("DOM.getOuterHTML", {"nodeId": root})["outerHTML"])


def timing(b, url, full=False):
    wall = b.open(url)
    nav = b.js("JSON.stringify(performance.getEntriesByType('navigation')[0])")
    nav = json.loads(nav)
    print("load_wall_ms", round(wall * 1000))
    print("dom_content_loaded_ms", round(nav["domContentLoadedEventEnd"]))
    print("load_event_ms", round(nav["loadEventEnd"]))
    print("first_contentful_paint_ms", round(b.js(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: -1}).startTime")))
    print("script_init_ms", b.js("document.documentElement.getAttribute('data-rl-ready')"))
    print("pairs", b.js("document.querySelectorAll('.pair').length"))
    print("elements", b.js("document.getElementsByTagName('*').length"))
    print("scroll_middle_frame_ms", round(b.js(FRAME % "window.scrollTo(0, document.documentElement.scrollHeight / 2)")))
    print("scroll_end_frame_ms", round(b.js(FRAME % "window.scrollTo(0, document.documentElement.scrollHeight)")))
    t = time.monotonic()
    b.key("p")
    b.js(FRAME % "0")
    print("key_p_frame_ms", round((time.monotonic() - t) * 1000))
    if not full:
        return
    # the same page laid out whole, as it would be without lazy rendering
    print("full_layout_ms", round(b.js("""(() => {
      const sheet = document.styleSheets[0];
      sheet.insertRule('.page { content-visibility: visible !important; }', sheet.cssRules.length);
      const t = performance.now();
      document.documentElement.scrollHeight;
      return performance.now() - t; })()""")))


def main():
    modes = {"keys": keys, "nojs": nojs, "timing": timing,
             "timing-full": lambda b, url: timing(b, url, True)}
    if len(sys.argv) != 3 or sys.argv[1] not in modes:
        print(__doc__, file=sys.stderr)
        return 2
    b = Browser()
    try:
        modes[sys.argv[1]](b, "file://" + os.path.abspath(sys.argv[2]))
    finally:
        b.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
