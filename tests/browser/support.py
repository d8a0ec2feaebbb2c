"""Helpers for the browser tests: load a page on the live server, run axe-core on it and
say plainly what it found; tiny valid files for upload fields."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG21_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")
# Both databases, in transactions the live server's thread can see (it reads what a test
# wrote only once that is committed). The catalogue is there already: sorn's post_migrate
# handler loads it after migrate and again after each flush.
BROWSER_DB = pytest.mark.django_db(databases=["default", "keystore"], transaction=True)


def open_page(page, path: str) -> list:
    """Load `path` and wait for its subresources; fail unless the document and every
    stylesheet answered 200 and at least one stylesheet loaded (axe's colour-contrast
    checks mean nothing on an unstyled page). Returns every response seen."""
    responses = []

    def seen(response):  # a function: Playwright cannot wrap a built-in like list.append
        responses.append(response)

    page.on("response", seen)
    try:
        document = page.goto(path, wait_until="load")
    finally:
        page.remove_listener("response", seen)
    assert document is not None and document.status == 200, (
        f"{path}: {document and document.status}"
    )
    stylesheets = [r for r in responses if r.request.resource_type == "stylesheet"]
    assert stylesheets, f"{path}: no stylesheet was requested"
    broken = [f"{r.status} {r.url}" for r in stylesheets if r.status != 200]
    assert not broken, f"{path}: stylesheets did not load: {broken}"
    return responses


def axe_violations(page, tags=WCAG21_AA) -> list[dict]:
    """axe-core's violations on the page as it stands, for rules tagged with any of `tags`
    (by default WCAG 2.0 and 2.1, levels A and AA)."""
    # Evaluated through the DevTools protocol, not added as a <script> element: the
    # Content-Security-Policy refuses inline script, and a test must not loosen it.
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text(encoding="utf-8"))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return results["violations"]


def describe_violations(violations: list[dict], targets: int = 3) -> str:
    """One paragraph per violated rule: id, impact, what it asks and where."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"{violation['id']} [{violation['impact']}] {violation['help']}"
            f" ({len(nodes)} element{'s' if len(nodes) != 1 else ''}; {violation['helpUrl']})"
        )
        for node in nodes[:targets]:
            # A target is a list of selectors, one per frame or shadow root crossed.
            lines.append("    " + " >>> ".join(str(part) for part in node["target"]))
        if len(nodes) > targets:
            lines.append(f"    … and {len(nodes) - targets} more")
    return "\n".join(lines)


def assert_no_violations(page, tags=WCAG21_AA) -> None:
    violations = axe_violations(page, tags)
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} violated rule(s) on {page.url}:\n"
            + describe_violations(violations),
            pytrace=False,
        )


def minimal_pdf() -> bytes:
    """A one-page PDF 1.4 with an empty page, its cross-reference offsets computed."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << >> >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def minimal_png() -> bytes:
    """A 1×1 opaque white PNG (8-bit RGB), chunks and CRCs written out."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")  # filter byte 0, then one RGB pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


# Content-Security-Policy (issue 14, item 4) -------------------------------------------------

# Runs in every document before its own scripts: each violation the browser reports to the
# page is kept on `window`, to be read once the page has settled.
_RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', event => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`
    + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`
    + (event.sample ? ` (${event.sample})` : ''));
});
"""


class ConsoleWatch:
    """Every console message, uncaught page error and `securitypolicyviolation` event of a
    page, as lines naming the page's path. Chromium writes each CSP violation to the
    console as well ("Refused to execute inline script…"), so a violation is caught twice
    over: by the event and by the console."""

    def __init__(self, page) -> None:
        self.page = page
        self.problems: list[str] = []
        page.add_init_script(_RECORD_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", self._error)

    def _where(self) -> str:
        return self.page.url.split("://", 1)[-1].split("/", 1)[-1]

    def _console(self, message) -> None:
        # A refusal (403) or a form sent back with its errors (400) is a page too, and
        # Chromium says so about the document itself; a failed subresource still counts.
        if message.text.startswith("Failed to load resource: the server responded with a") and (
            message.location.get("url") == self.page.url
        ):
            return
        self.problems.append(f"/{self._where()}: console {message.type}: {message.text}")

    def _error(self, error) -> None:
        self.problems.append(f"/{self._where()}: page error: {error}")

    def violations(self) -> list[str]:
        """The current document's violations since the last call."""
        return self.page.evaluate("(window.__cspViolations || []).splice(0)")

    def visit(self, path: str) -> int:
        """Load `path`, let its scripts and their requests finish, and note its
        violations; returns the document's status (a refusal is a page too)."""
        response = self.page.goto(path, wait_until="networkidle")
        self.settle()
        return response.status if response else 0

    def settle(self) -> None:
        """Wait for the current document's requests, then note its violations."""
        self.page.wait_for_load_state("networkidle")
        self.problems += [f"/{self._where()}: {line}" for line in self.violations()]
