#!/usr/bin/env python3
"""The HTML review page (`check -f html`) in a real browser.

Generates a short and a long page with the release binary, opens each in
headless Chromium over the Chrome DevTools Protocol (a minimal websocket
client below, standard library only) and fails on:

- a console error, an uncaught exception, a log entry of level error, a
  failed resource load, or any network request other than the page itself;
- a filter step (boxes clicked with real DOM clicks) after which the visible
  finding rows, pair rows or the shown-findings counter differ from what the
  findings' kinds and severities (read from `check -f json`, not from the
  page) say;
- a link from a finding to its pair, or back, whose target is missing, or a
  click on one that does not jump to the pair.

It saves a full-page screenshot of each page into the artefacts folder.
`--self-test` instead breaks copies of the short page (a console error, an
exception, a network request, a broken filter, a broken link) and passes
only if the checks fail on every one of them and pass on the intact page.

    python3 scripts/browser_test.py [--tool target/release/clausealign]
        [--artefacts target/browser-artefacts] [--chromium chromium]
        [--self-test]
"""

import argparse
import base64
import json
import os
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORT = "data/examples/demo-drift.txt"
LONG = "data/examples/mhz-privacy.txt"
SEVERITIES = ["error", "warning", "info"]
# The steps of `html_filters_hide_the_right_rows` (tests/export.rs) and
# tests/data/html-report/filters.js: each sets boxes (by id or value).
NODE_STEPS = [
    {"flagged-only": True},
    {"error": False},
    {"error": True, "number": False, "flagged-only": False},
    {"flagged-only": True, "warning": False, "omission": False},
]
TIMEOUT = 60.0


class Failure(Exception):
    pass


# --- a minimal websocket client (RFC 6455, client side) --------------------


class WebSocket:
    def __init__(self, port, path):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall(
            (
                f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n"
            ).encode()
        )
        head = b""
        while b"\r\n\r\n" not in head:
            chunk = self.sock.recv(4096)
            if not chunk:
                raise Failure("DevTools closed the connection during the handshake")
            head += chunk
        head, self.buf = head.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n", 1)[0]:
            raise Failure(f"websocket handshake refused: {head[:200]!r}")

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(1 << 20)
            if not chunk:
                raise Failure("DevTools closed the connection")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def send(self, text):
        data = text.encode()
        head = bytes([0x81])  # FIN, text
        n = len(data)
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(head + mask + masked)

    def recv(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            n = b1 & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._read(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._read(8))[0]
            mask = self._read(4) if b1 & 0x80 else None
            payload = self._read(n)
            if mask:
                payload = bytes(b ^ mask[i % 4] for i, b in enumerate(payload))
            opcode = b0 & 0x0F
            if opcode == 0x8:
                raise Failure("DevTools closed the websocket")
            if opcode == 0x9:  # ping: answer, keep reading
                continue
            if opcode in (0x0, 0x1, 0x2):
                message += payload
                if b0 & 0x80:
                    return message.decode()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


# --- Chrome DevTools Protocol ----------------------------------------------


class Browser:
    """Headless Chromium with one page target, driven over CDP."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="clausealign-chromium-")
        # To a file, not a pipe: a pipe nobody reads fills up and stalls it.
        self.log = open(Path(self.profile) / "chromium.log", "wb")
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "--window-size=1280,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
        )
        try:
            self._connect()
        except BaseException:
            self.proc.kill()
            self.proc.wait()
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)
            raise

    def _connect(self):
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.time() + TIMEOUT
        while True:
            if port_file.exists():
                lines = port_file.read_text().split("\n")
                if len(lines) >= 2 and lines[1].strip():
                    break
            if self.proc.poll() is not None:
                err = (Path(self.profile) / "chromium.log").read_text(errors="replace")
                raise Failure(f"chromium exited ({self.proc.returncode}): {err[-2000:]}")
            if time.time() > deadline:
                raise Failure("chromium did not write DevToolsActivePort")
            time.sleep(0.1)
        self.ws = WebSocket(int(lines[0]), lines[1].strip())
        self.next_id = 0
        self.events = []
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call(
            "Target.attachToTarget", {"targetId": target, "flatten": True}
        )["sessionId"]
        self.version = self.call("Browser.getVersion", session=False)["product"]

    def call(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and getattr(self, "session", None):
            msg["sessionId"] = self.session
        self.ws.send(json.dumps(msg))
        while True:
            reply = json.loads(self.ws.recv())
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise Failure(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method, timeout=TIMEOUT):
        deadline = time.time() + timeout
        self.ws.sock.settimeout(timeout)
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e["method"] == method:
                    return self.events.pop(i)
            reply = json.loads(self.ws.recv())
            if "method" in reply:
                self.events.append(reply)
        raise Failure(f"no {method} within {timeout} s")

    def evaluate(self, expression):
        r = self.call(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in r:
            raise Failure(f"evaluating in the page failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def drain(self, seconds=0.3):
        """Collect the events that arrive within `seconds`."""
        deadline = time.time() + seconds
        self.ws.sock.settimeout(0.05)
        try:
            while time.time() < deadline:
                try:
                    reply = json.loads(self.ws.recv())
                except (socket.timeout, TimeoutError):
                    continue
                if "method" in reply:
                    self.events.append(reply)
        finally:
            self.ws.sock.settimeout(TIMEOUT)

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        self.ws.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)


# --- the checks --------------------------------------------------------------

ROWS_JS = r"""(() => {
  const vis = (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
  const findings = [...document.querySelectorAll('table.findings tbody tr')].map((tr) => ({
    n: tr.getAttribute('data-finding'), kind: tr.getAttribute('data-kind'),
    severity: tr.getAttribute('data-severity'), visible: vis(tr),
    link: tr.querySelector('a[href^="#p"]') ? tr.querySelector('a[href^="#p"]').getAttribute('href') : null }));
  const pairs = []; let current = null;
  for (const tr of document.querySelectorAll('table.pairs tbody tr')) {
    if (tr.classList.contains('pair')) {
      current = { id: tr.id, visible: vis(tr), findings: [] }; pairs.push(current);
    } else {
      const a = tr.querySelector('a[href^="#f"]');
      current.findings.push({ pair: tr.getAttribute('data-pair'), visible: vis(tr),
        back: a ? a.getAttribute('href') : null });
    }
  }
  const count = document.getElementById('shown-count');
  return { findings, pairs, shown: count ? count.textContent : null };
})()"""


def set_boxes(browser, step):
    """Click each named box whose state differs (a real click: the browser
    toggles it and fires input and change, which bubble to the form)."""
    for key, on in step.items():
        clicked = browser.evaluate(
            f"""(() => {{
  const k = {json.dumps(key)};
  const box = document.getElementById(k)
    || [...document.querySelectorAll('#filters input')].find((i) => i.value === k);
  if (!box) {{ return 'missing'; }}
  if (box.checked !== {json.dumps(on)}) {{ box.click(); }}
  return box.checked === {json.dumps(on)} ? 'ok' : 'stuck';
}})()"""
        )
        if clicked != "ok":
            raise Failure(f"box {key!r}: {clicked}")


def expected_and_check(state, findings, kinds_on, sevs_on, only, label):
    """Compare the visible rows of `state` with what the findings say."""
    problems = []

    def visible(n):
        f = findings[n]
        return f["kind"] in kinds_on and f["severity"] in sevs_on

    if len(state["findings"]) != len(findings):
        problems.append(
            f"{label}: {len(state['findings'])} finding rows, {len(findings)} findings"
        )
    shown = 0
    for row in state["findings"]:
        n = int(row["n"])
        want = visible(n)
        if row["visible"] != want:
            problems.append(
                f"{label}: finding row {n} ({findings[n]['severity']} {findings[n]['kind']}) "
                f"{'shown' if row['visible'] else 'hidden'}, should be "
                f"{'shown' if want else 'hidden'}"
            )
        shown += row["visible"]
    for pair in state["pairs"]:
        keeps = False
        for fr in pair["findings"]:
            n = int(fr["back"][2:])
            want = visible(n)
            keeps = keeps or want
            if fr["visible"] != want:
                problems.append(
                    f"{label}: finding {n} under pair {pair['id']} "
                    f"{'shown' if fr['visible'] else 'hidden'}, should be "
                    f"{'shown' if want else 'hidden'}"
                )
        want = not only or keeps
        if pair["visible"] != want:
            problems.append(
                f"{label}: pair {pair['id']} {'shown' if pair['visible'] else 'hidden'}, "
                f"should be {'shown' if want else 'hidden'}"
            )
    if state["shown"] != str(shown):
        problems.append(f"{label}: counter says {state['shown']}, {shown} finding rows shown")
    return problems, shown


def steps_for(findings):
    """The Node test's steps, then each kind alone off and on again and each
    severity alone, so a long page exercises every box it has."""
    kinds = sorted({f["kind"] for f in findings})
    steps = [dict(s) for s in NODE_STEPS]
    steps.append({k: True for k in kinds + SEVERITIES} | {"flagged-only": False})
    for k in kinds:
        steps.append({k: False, "flagged-only": True})
        steps.append({k: True})
    for s in SEVERITIES:
        steps.append({x: x == s for x in SEVERITIES})
    steps.append({x: True for x in SEVERITIES} | {"flagged-only": False})
    return steps


def check_page(browser, page, findings, screenshot=None):
    """Open `page` and run every check; returns (problems, notes)."""
    problems, notes = [], []
    browser.events.clear()
    url = page.resolve().as_uri()
    browser.call("Page.navigate", {"url": url})
    browser.wait_event("Page.loadEventFired")
    browser.drain(0.5)

    kinds_present = {f["kind"] for f in findings}
    boxes = browser.evaluate(
        "[...document.querySelectorAll('#filters input')].map((i) => i.id || i.value)"
    ) or []

    if findings:
        wanted = {"flagged-only"} | set(SEVERITIES) | kinds_present
        missing = sorted(wanted - set(boxes))
        if missing:
            problems.append(f"filter boxes missing: {', '.join(missing)}")

    # The initial state: everything shown.
    kinds_on, sevs_on, only = set(kinds_present), set(SEVERITIES), False
    state = browser.evaluate(ROWS_JS)
    p, shown = expected_and_check(state, findings, kinds_on, sevs_on, only, "initial")
    problems += p
    # Each finding's link names a pair that lists the finding under it.
    under = {
        (pair["id"], fr["back"]) for pair in state["pairs"] for fr in pair["findings"]
    }
    for row in state["findings"]:
        if row["link"] and (row["link"][1:], f"#f{row['n']}") not in under:
            problems.append(f"finding {row['n']} links to {row['link']}, which does not list it")
    hid_something = 0
    run = 0
    steps = steps_for(findings)
    for k, step in enumerate(steps, 1):
        step = {key: on for key, on in step.items() if key in boxes}
        if not step:
            continue
        set_boxes(browser, step)
        run += 1
        for key, on in step.items():
            if key == "flagged-only":
                only = on
            elif key in SEVERITIES:
                (sevs_on.add if on else sevs_on.discard)(key)
            else:
                (kinds_on.add if on else kinds_on.discard)(key)
        state = browser.evaluate(ROWS_JS)
        p, shown = expected_and_check(
            state, findings, kinds_on, sevs_on, only, f"step {k} {step}"
        )
        problems += p
        if any(not r["visible"] for r in state["findings"]) or any(
            not pr["visible"] for pr in state["pairs"]
        ):
            hid_something += 1
    if findings and not hid_something:
        problems.append("no filter step hid anything (the test would be vacuous)")
    notes.append(
        f"{run} filter steps over {len(findings)} findings, "
        f"{len(state['pairs'])} pairs, {len(boxes)} boxes; {hid_something} steps hid rows"
    )

    # The screenshot, after the filter steps restored every box (all shown).
    if screenshot is not None:
        metrics = browser.call("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        shot = browser.call(
            "Page.captureScreenshot",
            {"format": "png", "captureBeyondViewport": True},
        )
        screenshot.write_bytes(base64.b64decode(shot["data"]))
        notes.append(
            f"screenshot {screenshot} ({size['width']:.0f}x{size['height']:.0f} CSS px, "
            f"{screenshot.stat().st_size // 1024} KiB)"
        )

    # Links: every finding's link names an existing pair row, every finding
    # row under a pair links back to an existing finding; a click jumps.
    links = browser.evaluate(
        r"""(() => {
  const bad = [];
  let n = 0;
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = a.getAttribute('href').slice(1);
    const t = document.getElementById(id);
    n += 1;
    if (!t) { bad.push(a.getAttribute('href') + ' (no element)'); continue; }
    if (id.startsWith('p') && !t.classList.contains('pair')) { bad.push(a.getAttribute('href') + ' (not a pair row)'); }
    if (id.startsWith('f') && !t.closest('tr[data-finding]')) { bad.push(a.getAttribute('href') + ' (not a finding)'); }
  }
  return { n, bad };
})()"""
    )
    for b in links["bad"]:
        problems.append(f"link {b}")
    if findings:
        jump = browser.evaluate(
            r"""(() => {
  window.scrollTo(0, 0);
  const rows = [...document.querySelectorAll('table.findings tr[data-finding]')];
  const a = rows[rows.length - 1].querySelector('a[href^="#p"]');
  if (!a) { return { href: null }; }
  a.click();
  const t = document.querySelector(a.getAttribute('href'));
  const r = t ? t.getBoundingClientRect() : null;
  return { href: a.getAttribute('href'), hash: location.hash,
           target: t ? t.matches(':target') : false,
           inView: r ? (r.top >= -1 && r.top < window.innerHeight) : false,
           scrolled: window.scrollY };
})()"""
        )
        if jump["href"] is None:
            problems.append("the last finding has no link to a pair")
        elif not (jump["hash"] == jump["href"] and jump["target"] and jump["inView"]):
            problems.append(f"clicking the link of the last finding did not jump to its pair: {jump}")
        else:
            notes.append(
                f"{links['n']} links resolve; clicking {jump['href']} scrolled to "
                f"y={jump['scrolled']:.0f} with the pair in view"
            )

    # Whatever the page said or asked for meanwhile.
    browser.drain(0.3)
    urls = {
        e["params"]["requestId"]: e["params"]["request"]["url"]
        for e in browser.events
        if e["method"] == "Network.requestWillBeSent"
    }
    for e in browser.events:
        m, prm = e["method"], e.get("params", {})
        if m == "Runtime.consoleAPICalled" and prm.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in prm["args"])
            problems.append(f"console.{prm['type']}: {text}")
        elif m == "Runtime.exceptionThrown":
            d = prm["exceptionDetails"]
            text = d.get("exception", {}).get("description") or d.get("text")
            problems.append(f"uncaught exception: {text}")
        elif m == "Log.entryAdded" and prm["entry"]["level"] == "error":
            problems.append(f"log error: {prm['entry']['text']} {prm['entry'].get('url', '')}")
        elif m == "Network.requestWillBeSent":
            req = prm["request"]["url"]
            if req.split("#")[0] != url:
                problems.append(f"network request: {req}")
        elif m == "Network.loadingFailed":
            problems.append(
                f"failed load: {prm.get('errorText')} {urls.get(prm.get('requestId'), '')}"
            )
    return problems, notes


def open_browser(chromium):
    b = Browser(chromium)
    for domain in ("Page", "Runtime", "Log", "Network"):
        b.call(f"{domain}.enable")
    b.call("Emulation.setDeviceMetricsOverride",
           {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    return b


def generate(tool, source, out_dir, name):
    html = out_dir / f"{name}.html"
    for fmt, path in (("html", html), ("json", out_dir / f"{name}.json")):
        r = subprocess.run(
            [str(tool.resolve()), "check", "-f", fmt, "-o", str(path.resolve()), source],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        # check exits 1 when it finds differences; 2 and up is a failure.
        if r.returncode not in (0, 1) or not path.exists():
            raise Failure(
                f"{tool} check -f {fmt} {source} exited {r.returncode}: "
                f"{r.stderr.decode(errors='replace')[-1000:]}"
            )
    findings = json.loads((out_dir / f"{name}.json").read_text())["findings"]
    for f in findings:
        f["severity"] = f["severity"].lower()
    return html, findings


# The pages the self-test breaks, each with what must be reported.
def breakages(page_text):
    script_end = "</body>"
    filt = "tr.hidden = only && kept === 0;"
    sev = "sevs[tr.getAttribute('data-severity')]"
    link_from = page_text.find('href="#p')
    yield (
        "console error",
        page_text.replace(script_end, "<script>console.error('injected')</script>" + script_end, 1),
        "console.error: injected",
    )
    yield (
        "uncaught exception",
        page_text.replace(script_end, "<script>null.boom()</script>" + script_end, 1),
        "uncaught exception",
    )
    yield (
        "network request",
        page_text.replace(script_end, '<img src="http://127.0.0.1:9/x.png"/>' + script_end, 1),
        "network request",
    )
    yield (
        "missing resource",
        page_text.replace(script_end, '<img src="no-such-file.png"/>' + script_end, 1),
        "failed load",
    )
    assert filt in page_text and sev in page_text, "the page's filter script changed"
    yield (
        "pair filter ignores findings",
        page_text.replace(filt, "tr.hidden = only;", 1),
        "should be shown",
    )
    yield (
        "severity filter ignored",
        page_text.replace(sev, "true", 1),
        "should be hidden",
    )
    yield (
        "counter off by one",
        page_text.replace("String(shown)", "String(shown + 1)", 1),
        "counter says",
    )
    wrong = page_text.replace('<a href="#p3">#3</a></td><td><span', '<a href="#p4">#3</a></td><td><span', 1)
    assert wrong != page_text, "the short page has no finding on pair 3"
    yield ("link to the wrong pair", wrong, "links to #p4, which does not list it")
    yield (
        "broken link",
        page_text[:link_from] + 'href="#nowhere' + page_text[link_from + len('href="#p') :],
        "link #nowhere",
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tool", default=str(ROOT / "target/release/clausealign"))
    ap.add_argument("--artefacts", default=str(ROOT / "target/browser-artefacts"))
    ap.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    ap.add_argument("--long", default=LONG, help=f"the long policy (default {LONG})")
    ap.add_argument("--self-test", action="store_true",
                    help="break copies of the short page; pass only if every breakage is caught")
    args = ap.parse_args()

    tool = Path(args.tool)
    if not tool.exists():
        sys.exit(f"browser test: no binary {tool} (cargo build --release)")
    if not shutil.which(args.chromium) and not Path(args.chromium).exists():
        sys.exit(f"browser test: no {args.chromium} (apt-get install chromium fonts-noto-cjk)")
    out = Path(args.artefacts)
    out.mkdir(parents=True, exist_ok=True)

    started = time.time()
    failed = []
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], stdout=subprocess.PIPE, text=True)
    if not fonts.stdout.strip():
        print("browser test: warning: no font for Chinese (fonts-noto-cjk); "
              "the screenshots will show boxes")
    try:
        browser = open_browser(args.chromium)
    except (Failure, OSError) as e:
        sys.exit(f"browser test FAILED: chromium did not start: {e}")
    try:
        print(f"browser test: {browser.version}, pages and screenshots in {out}")
        short, short_findings = generate(tool, SHORT, out, "short")
        if args.self_test:
            problems, _ = check_page(browser, short, short_findings)
            print(f"  intact page: {'FAIL ' + str(problems) if problems else 'passes'}")
            if problems:
                failed.append("the intact page fails")
            text = short.read_text()
            for name, broken, expect in breakages(text):
                copy = out / "broken.html"
                copy.write_text(broken)
                problems, _ = check_page(browser, copy, short_findings)
                caught = [p for p in problems if expect in p]
                print(f"  {name}: {'caught: ' + caught[0] if caught else 'NOT CAUGHT ' + str(problems)}")
                if not caught:
                    failed.append(f"self-test: {name} not caught")
                copy.unlink()
        else:
            long_page, long_findings = generate(tool, args.long, out, "long")
            for label, source, page, findings in (
                ("short", SHORT, short, short_findings),
                ("long", args.long, long_page, long_findings),
            ):
                problems, notes = check_page(
                    browser, page, findings, screenshot=out / f"{label}.png"
                )
                print(f"  {label} page ({source}):")
                for n in notes:
                    print(f"    {n}")
                if problems:
                    for p in problems[:20]:
                        print(f"    FAIL {p}")
                    if len(problems) > 20:
                        print(f"    ... and {len(problems) - 20} more")
                    failed.append(f"{label} page: {len(problems)} problems")
                else:
                    print("    no console error, exception, failed load or network request;"
                          " every filter step shows the right rows")
    except (Failure, OSError) as e:
        failed.append(f"{type(e).__name__}: {e}")
    finally:
        browser.close()
    sys.stdout.flush()
    if failed:
        print(f"browser test FAILED ({time.time() - started:.1f} s): " + "; ".join(failed),
              file=sys.stderr)
        sys.exit(1)
    print(f"browser test passed ({time.time() - started:.1f} s)")


if __name__ == "__main__":
    main()
