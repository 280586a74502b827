"""The query page in a real headless Chromium: it loads, a catalogue question runs, rows show.

`treatykg serve` runs as a subprocess on a free 127.0.0.1 port; Debian's Chromium (never a
browser that Playwright downloads) loads `/`, clicks the `actors` question, and the table
YASGUI draws must hold exactly the rows that tests/test_queries.py expects of that query.
A graph IRI in a result opens the server's page for it, and a shared link naming another
endpoint still runs its query here. Every request the browser makes is recorded, and any to
a host other than 127.0.0.1 is aborted and fails the test. Screenshots are kept in
test-artifacts/browser/.

Without Chromium, YASGUI (`npm ci --prefix web`) or Playwright the tests skip locally, and
fail when CI is set, so CI cannot pass by skipping them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode, urlparse

import httpx
import pytest

from test_queries import EXPECTED, cell, selected
from treatykg.serve import running

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # reported by missing() in the test: skip locally, fail in CI
    sync_playwright = None

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
YASGUI = ROOT / "web/node_modules/@zazuko/yasgui/build/yasgui.min.js"
ARTIFACTS = ROOT / "test-artifacts/browser"
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
QUESTION = "actors"
GRAPH_BASE = "https://w3id.org/treatykg/"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ELSEWHERE_HOST = "companion.invalid"  # .invalid never resolves (RFC 6761)
ELSEWHERE = f"http://{ELSEWHERE_HOST}/sparql"


def missing(what: str) -> None:
    """Skip on a developer's machine; fail in CI, where the setup must have installed it."""
    message = f"{what} is missing (see docs/browser.md for the setup)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`treatykg serve` on a free loopback port, stopped after the module's tests."""
    if not YASGUI.is_file():
        missing(f"YASGUI ({YASGUI.relative_to(ROOT)}; run `npm ci --prefix web`)")
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with running.in_process(log, cwd=ROOT) as base:
        yield base


def shown(cell: str) -> str | None:
    """The term a YASR table cell shows, as str(term): `<iri>` → iri, `"text"@en` → text."""
    text = cell.strip()
    if not text:
        return None
    if iri := re.fullmatch(r"<(.*)>", text, re.DOTALL):
        return iri.group(1)
    if literal := re.fullmatch(r'"(.*)"(?:@[A-Za-z0-9-]+|\^\^\S+)?', text, re.DOTALL):
        return literal.group(1)
    return text


class Browser:
    """A Chromium context on a fresh profile, and every URL it has requested."""

    def __init__(self, context) -> None:  # type: ignore[no-untyped-def]
        self.context = context
        self.requested: list[str] = []
        context.route("**/*", keep_local)
        context.on("request", lambda request: self.requested.append(request.url))

    def outside(self) -> list[str]:
        return [url for url in self.requested if not is_local(url)]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        missing(f"Chromium ({CHROMIUM}; apt-get install chromium)")
    if sync_playwright is None:
        missing("Playwright (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp("profile"),  # a fresh user data dir: no cache, no state
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1400, "height": 1000},
        )
        try:
            yield Browser(context)
        finally:
            context.close()


def test_query_page_runs_a_catalogue_question(browser: Browser, server: str) -> None:
    page = browser.context.new_page()
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-catalogue=ready]", timeout=30_000)
    questions = page.locator("#catalogue button").evaluate_all("bs => bs.map(b => b.dataset.name)")
    header, rows, config = run_question(page, QUESTION)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "query-page.png"), full_page=True)
    iri, opened = open_graph_iri(browser.context, page)
    opened.screenshot(path=str(ARTIFACTS / "entity-page.png"))

    offered = httpx.get(f"{server}/catalogue.json", timeout=30).json()
    assert questions == [entry["name"] for entry in offered]
    columns, count, expected = EXPECTED[QUESTION]
    assert [h.strip() for h in header if h.strip()] == list(columns)
    table = [dict(zip(columns, map(shown, row[1:]), strict=True)) for row in rows]
    assert len(table) == count
    assert [tuple(cell(r[c]) for c in columns) for r in selected(QUESTION, table)] == expected
    assert config == {
        "endpoint": f"{server}/sparql",
        "tab": QUESTION,
        "completers": ["variables", "prefixes"],  # no Linked Open Vocabularies look-ups
    }
    assert opened.url == f"{server}/{iri.removeprefix(GRAPH_BASE)}"
    assert iri in opened.inner_text("body")
    assert f"{server}/sparql" in browser.requested
    assert browser.outside() == [], "the browser asked hosts other than 127.0.0.1"


def test_a_shared_link_cannot_send_its_query_elsewhere(browser: Browser, server: str) -> None:
    """A link may carry a query and an endpoint; the query runs here, never there."""
    query = f"SELECT ?label WHERE {{ <{GRAPH_BASE}id/actor/joe-biden> <{RDFS_LABEL}> ?label }}"
    link = f"{server}/#" + urlencode({"query": query, "endpoint": ELSEWHERE})
    page = browser.context.new_page()
    page.goto(link)
    page.wait_for_selector(".yasr table.dataTable tbody tr td .nonIri", timeout=30_000)
    rows = page.locator(".yasr table.dataTable tbody td .nonIri").all_inner_texts()
    endpoint = page.evaluate("() => treatykg.yasgui.getTab().getEndpoint()")
    assert rows == ['"Joe Biden"@en']
    assert endpoint == f"{server}/sparql"
    assert not [url for url in browser.requested if ELSEWHERE_HOST in url]
    assert browser.outside() == []


def run_question(page, name: str) -> tuple[list[str], list[list[str]], dict]:  # type: ignore[no-untyped-def]
    """Click a catalogue question; return the result table's header, rows and the tab's setup."""
    page.click(f"#catalogue button[data-name={name}]")
    page.wait_for_selector(".yasr table.dataTable tbody tr td .nonIri", timeout=30_000)
    sizer = page.locator(".yasr select.tableSizer")
    if sizer.count():  # show all rows on one page, as a person reading them all would
        sizer.select_option("-1")
    header = page.locator(".yasr table.dataTable thead th").all_inner_texts()
    rows = page.locator(".yasr table.dataTable tbody tr").evaluate_all(
        "trs => trs.map(tr => [...tr.querySelectorAll('td')].map(td => td.innerText))"
    )
    config = page.evaluate(
        "() => { const t = treatykg.yasgui.getTab(); return {"
        " endpoint: t.getEndpoint(), tab: t.getName(),"
        " completers: t.getYasqe().config.autocompleters }; }"
    )
    return header, rows, config


def open_graph_iri(context, page):  # type: ignore[no-untyped-def]
    """Run `signing`, click the first of the graph's IRIs in its results; (IRI, opened page)."""
    page.click("#catalogue button[data-name=signing]")
    box = page.locator(f'.yasr td:has(> div > span > a.iri[href^="{GRAPH_BASE}"])').first
    box.wait_for(timeout=30_000)
    if box.locator(".expandable").count():  # YASR shortens long cells: a click expands one
        box.click()
    link = box.locator("a.iri")
    iri = link.get_attribute("href")
    with context.expect_page() as opening:
        link.click()
    opened = opening.value
    opened.wait_for_load_state()
    return iri, opened


def is_local(url: str) -> bool:
    parsed = urlparse(url)
    return parsed.scheme in ("data", "blob") or parsed.hostname == "127.0.0.1"


def keep_local(route, request) -> None:  # type: ignore[no-untyped-def]
    """Let loopback requests through; abort the rest (the request event still records them)."""
    if is_local(request.url):
        route.continue_()
    else:
        route.abort("blockedbyclient")
