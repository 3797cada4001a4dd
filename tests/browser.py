"""Launch Debian's Chromium through Playwright for the browser tests."""

import contextlib

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def chromium():
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


class ConsoleWatch:
    """Collects console errors and CSP violations reported by the page."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.messages.append(f"pageerror: {error}"))

    def _on_console(self, message):
        if message.type in ("error", "warning"):
            self.messages.append(f"{message.type}: {message.text}")

    @property
    def csp_violations(self) -> list[str]:
        return [
            m
            for m in self.messages
            if "Content Security Policy" in m or "Content-Security-Policy" in m
        ]


def use_language(page, language: str) -> None:
    """Switch the page's session to *language* through the header's link, as a reader does."""
    if language != "en":
        page.goto("/")
        page.click(".language a[hreflang=zh-Hans]")
        page.wait_for_load_state()


def axe_violations(page, urls: list[str], widths=(360, 1280)) -> dict:
    """axe-core's report for each (width, url) with a violation; empty when all pass."""
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    for width in widths:
        page.set_viewport_size({"width": width, "height": 800})
        for url in urls:
            page.goto(url)
            results = axe.run(page)
            if results.violations_count:
                found[(width, url)] = results.generate_report()
    return found


def wider_than_a_phone(page, urls: list[str]) -> dict:
    """The pages that scroll sideways on a 360-pixel-wide screen, with their width."""
    page.set_viewport_size({"width": 360, "height": 740})
    wide = {}
    for url in urls:
        page.goto(url)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide[url] = scroll
    return wide
