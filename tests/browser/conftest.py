"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's
live_server, with axe-core checking each page against WCAG 2.1 A and AA (issue 11).

No tool downloads a browser: Playwright launches the system's Chromium
(`CHROMIUM_PATH`, default /usr/bin/chromium). Without it these tests are skipped, unless
`REQUIRE_BROWSER=1` (set by .ci/run), where a missing browser is a failure, so CI never
passes by skipping them. These two variables configure the test run, not the service,
which is why they are read here rather than in config/settings.py.

axe-core is vendored (vendor/axe.min.js, vendor/README.md) rather than taken from a PyPI
wrapper such as axe-playwright-python: that package has had few releases and pins the
axe-core it bundles, while the engine itself is one file we can refresh from npm on our
own schedule and whose version the README states.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.support import minimal_pdf, minimal_png

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    wanted = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    return shutil.which(wanted)


@pytest.fixture(scope="package")
def browser():
    """One headless Chromium for the whole tests/browser package.

    Package-scoped rather than session-scoped on purpose: Playwright's sync API keeps an
    asyncio event loop marked as running in the main thread for as long as it is started,
    which makes Django refuse ORM calls there ("SynchronousOnlyOperation: You cannot call
    this from an async context") and would break every test collected after this package.
    For the same reason DJANGO_ALLOW_ASYNC_UNSAFE is set only while Playwright runs: the
    tests' own ORM calls and pytest-django's flushes happen in the main thread, between
    Playwright calls, never concurrently with them."""
    path = chromium_path()
    if path is None:
        reason = (
            "Debian's chromium is not installed: apt-get install chromium"
            f" (looked for {os.environ.get('CHROMIUM_PATH', '/usr/bin/chromium')})"
        )
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)

    from playwright.sync_api import sync_playwright

    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=path, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server):
    """A fresh context (no cookies, no storage) and page per test, its relative URLs
    resolved against the live server. Requests anywhere else are refused: the pages must
    work without the network, and a test never reaches it."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    origin = live_server.url.rstrip("/") + "/"

    def local_only(route):
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    context.route("**/*", local_only)
    page = context.new_page()
    yield page
    context.close()


# For tests of the request form ------------------------------------------------------------


@pytest.fixture
def mailbox(mailoutbox, settings):
    """The messages sent so far (django.core.mail.outbox), emptied before each test.

    The live server answers from a thread of this same process, so what its views send
    through the locmem backend (which Django's test set-up puts in place of
    EMAIL_BACKEND) lands in this list."""
    assert settings.EMAIL_BACKEND == "django.core.mail.backends.locmem.EmailBackend"
    return mailoutbox


@pytest.fixture
def pdf_file(tmp_path) -> Path:
    path = tmp_path / "proof-of-identity.pdf"
    path.write_bytes(minimal_pdf())
    return path


@pytest.fixture
def png_file(tmp_path) -> Path:
    path = tmp_path / "proof-of-identity.png"
    path.write_bytes(minimal_png())
    return path
