"""Browser tests: Playwright (sync API) driving Debian's Chromium against the live server.

Every page a test visits is checked with axe-core; a page that loads and is never checked fails
the test at teardown. Full-page screenshots land in ``test-results/`` at the project root.

Chromium missing means skip, unless ``REGIE_REQUIRE_BROWSER=1`` (CI): then every skipped
browser test is reported as a failure, so a run without a browser can never look green.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Playwright,
    Response,
    sync_playwright,
)

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Screenshots; CI gives each database run its own folder.
RESULTS_DIR = PROJECT_DIR / os.environ.get("REGIE_TEST_RESULTS", "test-results")
AXE_SOURCE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = Path(os.environ.get("REGIE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SUBRESOURCES = frozenset({"stylesheet", "script", "image", "font"})
# Violations at these impacts fail the test; "moderate" and "minor" are only reported.
FAILING_IMPACTS = frozenset({"serious", "critical"})


def browser_required() -> bool:
    return os.environ.get("REGIE_REQUIRE_BROWSER", "") == "1"


# --- Hooks ------------------------------------------------------------------------------------


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    # Remember each phase's outcome so fixtures can tell at teardown whether the test failed.
    item.stash.setdefault(_PHASE_REPORTS, {})[report.when] = report
    if (
        report.skipped
        and not hasattr(report, "wasxfail")  # an expected failure is not a missing browser
        and browser_required()
        and item.get_closest_marker("browser")
    ):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"browser test skipped although REGIE_REQUIRE_BROWSER=1: {reason}"
    return report


_PHASE_REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def _test_failed(request: pytest.FixtureRequest) -> bool:
    reports = request.node.stash.get(_PHASE_REPORTS, {})
    return any(r.failed for r in reports.values())


# --- Browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def playwright_instance() -> Iterator[Playwright]:
    """Playwright for the tests in this folder only.

    While Playwright runs, its event loop counts as running in the test thread, and Django
    refuses ORM calls from a thread with a running loop (SynchronousOnlyOperation). The browser
    tests use the ORM only between browser calls, never concurrently with them, so they allow
    it; package scope stops Playwright and restores the check before the rest of the suite.
    """
    if not os.access(CHROMIUM, os.X_OK):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if browser_required():
            pytest.fail(message + " and REGIE_REQUIRE_BROWSER=1", pytrace=False)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            yield playwright


@pytest.fixture(scope="package")
def browser(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE_SOURCE.is_file():
        pytest.fail(f"axe-core not found at {AXE_SOURCE}: run `npm ci`", pytrace=False)
    return AXE_SOURCE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def results_dir() -> Path:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    return RESULTS_DIR


# --- Pages with enforced accessibility checks --------------------------------------------------


class AccessibilityError(AssertionError):
    pass


@dataclass
class PageWatch:
    """What happened on one page: loads, axe checks and browser-side errors."""

    page: Page
    loaded: list[str] = field(default_factory=list)
    checked: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def attach(self) -> None:
        self.page.on("load", lambda page: self.loaded.append(page.url))
        self.page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        self.page.on("console", self._on_console)
        self.page.on("response", self._on_response)

    def _on_response(self, response: Response) -> None:
        # A page whose stylesheet or script is missing is broken even when its HTML is fine.
        if response.request.resource_type in SUBRESOURCES and response.status >= 400:
            self.errors.append(
                f"{response.status} for {response.request.resource_type} "
                f"{response.url} (on {self.page.url})"
            )

    def _on_console(self, message: ConsoleMessage) -> None:
        # Uncaught errors come through "pageerror"; here only what means a broken policy.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(f"CSP violation: {message.text}")


# axe accepts an aria-describedby that points nowhere, but then a screen reader announces no
# error or hint for the field: checked here as a serious violation of our own.
BROKEN_IDREFS_JS = """() => {
    const attributes = ["aria-describedby", "aria-labelledby", "aria-errormessage"];
    const nodes = [];
    for (const element of document.querySelectorAll(attributes.map(a => `[${a}]`).join(","))) {
        for (const attribute of attributes) {
            const ids = (element.getAttribute(attribute) || "").split(/\\s+/).filter(Boolean);
            const missing = ids.filter(id => !document.getElementById(id));
            if (missing.length) {
                const name = element.getAttribute("name");
                nodes.push({
                    target: [element.tagName.toLowerCase()
                             + (element.id ? `#${CSS.escape(element.id)}` : "")
                             + (name ? `[name="${name}"]` : "")],
                    failureSummary: `${attribute} refers to missing id(s): ${missing.join(", ")}`,
                });
            }
        }
    }
    return nodes.length ? [{
        id: "regie-idref-exists", impact: "serious",
        help: "ARIA id references must point to an element on the page",
        helpUrl: "https://www.w3.org/TR/wai-aria-1.2/#aria-describedby",
        nodes: nodes,
    }] : [];
}"""


def format_violations(url: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"accessibility: {len(violations)} serious/critical violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']}"
            f" <{violation['helpUrl']}>"
        )
        for node in violation["nodes"][:10]:
            target = " ".join(
                json.dumps(t) if not isinstance(t, str) else t for t in node["target"]
            )
            lines.append(f"    at {target}")
            summary = [line.strip() for line in (node.get("failureSummary") or "").splitlines()]
            if summary:
                lines.append("       " + " ".join(line for line in summary if line))
        if len(violation["nodes"]) > 10:
            lines.append(f"    … and {len(violation['nodes']) - 10} more")
    return "\n".join(lines)


class Journey:
    """Opens pages and checks each one: ``journey.check(page, "login")`` after every visit."""

    def __init__(self, browser: Browser, base_url: str, axe_source: str, results_dir: Path):
        self._browser = browser
        self._base_url = base_url
        self._axe_source = axe_source
        self.results_dir = results_dir
        self.watches: dict[Page, PageWatch] = {}
        self._contexts: list[BrowserContext] = []

    def new_page(self, *, javascript: bool = True) -> Page:
        """A page in a fresh browser context (own cookies): one per user in a test; with
        ``javascript=False`` the browser runs no script, to try the pages' no-JS path."""
        context = self._browser.new_context(
            java_script_enabled=javascript,
            base_url=self._base_url,
            locale="nl-NL",  # Accept-Language: the Dutch default the users get
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 800},
        )
        context.set_default_timeout(15_000)
        self._contexts.append(context)
        page = context.new_page()
        watch = PageWatch(page)
        watch.attach()
        self.watches[page] = watch
        return page

    def check(self, page: Page, screenshot: str | None = None) -> list[dict[str, Any]]:
        """Run axe-core on the page as it is now; fail on serious or critical violations.

        axe is evaluated through the DevTools protocol (``page.evaluate``), not added as a
        script element: the page's CSP forbids inline scripts and the tests must not weaken it.
        Returns the moderate and minor violations (also kept for the teardown report).
        """
        page.wait_for_load_state("load")
        watch = self.watches[page]
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate(self._axe_source)
        results = page.evaluate(
            """async () => {
                // No CSSOM preload: for a stylesheet with @import (the admin's forms.css) axe
                // injects a <style> of its own, which the page's CSP rightly refuses and which
                // would be reported as the page's violation. Only css-orientation-lock uses it.
                const results = await axe.run(
                    document, {resultTypes: ["violations"], preload: false}
                );
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    nodes: v.nodes.map(n => ({target: n.target, failureSummary: n.failureSummary})),
                }));
            }"""
        )
        results.extend(page.evaluate(BROKEN_IDREFS_JS))
        watch.checked.add(page.url)
        if screenshot:
            self.screenshot(page, screenshot)
        failing = [v for v in results if v["impact"] in FAILING_IMPACTS]
        others = [v for v in results if v["impact"] not in FAILING_IMPACTS]
        for violation in others:
            targets = ", ".join(" ".join(map(str, n["target"])) for n in violation["nodes"][:5])
            watch.notes.append(
                f"{page.url}: {violation['id']} ({violation['impact']}) at {targets}"
            )
        if failing:
            raise AccessibilityError(format_violations(page.url, failing))
        return others

    def screenshot(self, page: Page, name: str) -> Path:
        path = self.results_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    def unchecked(self) -> list[str]:
        missing: list[str] = []
        for watch in self.watches.values():
            missing.extend(url for url in watch.loaded if url not in watch.checked)
        return sorted(set(missing))

    def close(self) -> None:
        for context in self._contexts:
            context.close()


@pytest.fixture
def journey(
    request: pytest.FixtureRequest,
    live_server: Any,
    browser: Browser,
    axe_source: str,
    results_dir: Path,
) -> Iterator[Journey]:
    journey = Journey(browser, live_server.url, axe_source, results_dir)
    yield journey
    try:
        for page in journey.watches:
            if not page.is_closed():
                # Let load events still in flight (after the last click) reach the watch.
                page.wait_for_load_state("load")
        notes = [note for watch in journey.watches.values() for note in watch.notes]
        if notes:
            print("\naxe-core, moderate/minor (not failing):\n  " + "\n  ".join(notes))  # noqa: T201
        errors = [error for watch in journey.watches.values() for error in watch.errors]
        if _test_failed(request):
            # The test's own failure is the report; add what the browser saw, and a picture.
            if errors:
                print("\nerrors in the browser:\n  " + "\n  ".join(errors))  # noqa: T201
            name = re.sub(r"[^\w.-]+", "_", request.node.name)
            for number, page in enumerate(journey.watches, start=1):
                if not page.is_closed():
                    journey.screenshot(page, f"failed-{name}-{number}")
            return
        if errors:
            pytest.fail("errors in the browser:\n  " + "\n  ".join(errors), pytrace=False)
        unchecked = journey.unchecked()
        if unchecked:
            pytest.fail(
                "pages loaded but never checked with axe (call journey.check(page)): "
                + ", ".join(unchecked),
                pytrace=False,
            )
    finally:
        journey.close()


@pytest.fixture
def page(journey: Journey) -> Page:
    return journey.new_page()


@pytest.fixture
def check(journey: Journey) -> Callable[..., list[dict[str, Any]]]:
    return journey.check


@pytest.fixture
def woo_grounds(transactional_db: None) -> None:
    """The default Woo grounds (migration 0002). Transactional tests run after the others and
    each ends with a flush, so what a data migration installed is gone for all but the first."""
    from django.apps import apps

    from regie.woo import defaults

    defaults.load(apps.get_model)
