"""Headless Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright
(playwright's own browser download is not reachable here). A missing browser or font fails the test
with the line `make test` printed (tools/prerequisites.py)."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tools.prerequisites import require

__all__ = ["chromium", "emptied", "Listening", "module_tab", "requests_off_loopback", "Tabs"]

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


# One browser a test process (playwright's sync API runs one instance at a time): each test or module
# opens its own context or page in it, so no cookie or page passes from one to the next. Launching it
# once instead of once a module saves about 1.2 s of CPU a browser test file.
@pytest.fixture(scope="session")
def chromium():
    require("browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield ChineseByDefault(browser)
        browser.close()


class ChineseByDefault:
    """The browser, its pages asking for Chinese (Accept-Language: zh-CN, the service's default
    language, which most tests read) unless a test gives another `locale` (issue 24: the page's
    language follows the browser's; playwright's own default is en-US)."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        return self._browser.new_context(**{"locale": "zh-CN", **options})

    def new_page(self, **options):
        return self._browser.new_page(**{"locale": "zh-CN", **options})

    def __getattr__(self, name):
        return getattr(self._browser, name)


def requests_off_loopback(urls: list[str]) -> list[str]:
    """The recorded request URLs that went anywhere but 127.0.0.1 (data: URLs stay in the page)."""
    return [url for url in urls if not url.startswith("data:") and urlsplit(url).hostname != "127.0.0.1"]


@pytest.fixture(scope="module")
def module_tab(chromium):
    """One tab for a module's tests, each test taking it emptied (below): a new tab starts a renderer
    process, about 0.35 s of CPU, and a new context more in the browser process."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def emptied(page, origin: str, width: int = 1280, height: int = 900):
    """The tab as a new context would give it, for the next test: on about:blank, at the given size, with
    no cookie, no storage of `origin` (localStorage and the rest) and nothing in the HTTP cache."""
    page.goto("about:blank")
    page.set_viewport_size({"width": width, "height": height})
    page.context.clear_cookies()
    session = page.context.new_cdp_session(page)
    try:
        session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        session.send("Network.clearBrowserCache")
    finally:
        session.detach()
    return page


class Listening:
    """Listeners a test adds to a kept tab or its context, all removed when it ends (`off`)."""

    def __init__(self):
        self._added = []

    def on(self, target, event: str, handler) -> None:
        target.on(event, handler)
        self._added.append((target, event, handler))

    def off(self) -> None:
        for target, event, handler in self._added:
            target.remove_listener(event, handler)
        self._added.clear()


class Tabs:
    """The tabs one test opens, each as a new context gives it: the first is the module's tab emptied
    (`emptied`), any further one a new context of its own; `close` ends what the test opened."""

    def __init__(self, chromium, module_tab):
        self._chromium, self._module_tab, self._contexts, self._used = chromium, module_tab, [], False

    def open(self, url: str, width: int = 1280, height: int = 900):
        if not self._used:
            self._used = True
            parts = urlsplit(url)
            return emptied(self._module_tab, f"{parts.scheme}://{parts.netloc}", width, height)
        self._contexts.append(self._chromium.new_context(viewport={"width": width, "height": height}))
        return self._contexts[-1].new_page()

    def close(self) -> None:
        for context in self._contexts:
            context.close()
