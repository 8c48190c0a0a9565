"""The web page end to end: a real server on loopback, driven in headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from .conftest import TOKEN

pytestmark = pytest.mark.slow

CHROMIUM = Path(os.environ.get("ONRECORD_CHROMIUM", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-output" / "browser"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HOSTILE = (
    "Mayor <script>window.__pwned = 'title'</script> resigns\n"
    "Tuesday, May 14, 2024\n\n"
    "HALVIK — The mayor of Halvik, Piet Onder, resigned on Tuesday."
    ' "<img src=x onerror=\\"window.__pwned = \'img\'\\"> is not a policy," Onder said.\n\n'
    "Critics posted <script>window.__pwned = 'body'; alert('pwned')</script> and"
    " <a href=\"javascript:window.__pwned='link'\">a link</a> and"
    " [read more](javascript:window.__pwned='markdown') on the council site.\n\n"
    '<svg onload="window.__pwned=\'svg\'"></svg><iframe src="javascript:alert(1)"></iframe>\n\n'
    "Original url: javascript:window.__pwned='url'\n"
)


def _browser_or_skip() -> None:
    """Skip when there is no Chromium or Playwright, unless a browser is required."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "Playwright for Python is not installed (pip install -e '.[dev]')"
    if reason is None:
        return
    if os.environ.get("ONRECORD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"ONRECORD_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``onrecord serve`` as a real process on a free loopback port, over a demo copy."""
    _browser_or_skip()
    db = tmp_path_factory.mktemp("browser") / "demo.db"
    shutil.copyfile(demo_db, db)
    port = _free_port()
    command = [sys.executable, "-m", "onrecord", "serve", "--db", str(db), "--port", str(port)]
    command += ["--token", TOKEN, "--tagger", "off"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/info", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"the server did not start: {output[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.set_default_timeout(45_000)  # a busy CI machine is slow on the first load
    yield page
    context.close()


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_browser_search_a_name_and_follow_a_quote_to_its_sentence(page, server):
    page.goto(server + "/#/")
    page.wait_for_selector("h1:text('Articles')")
    assert page.locator(".article-row").count() == 14
    _shot(page, "01-home")

    page.fill("#search-text", "Norcross")
    page.press("#search-text", "Enter")
    page.wait_for_selector("#search-people li")
    assert "Edda Norcross" in page.inner_text("#search-people")
    _shot(page, "02-search-norcross")

    card = page.locator("#search-quotes .quote-card").first
    article_id, n = card.get_attribute("data-article"), card.get_attribute("data-n")
    content = card.locator("blockquote").inner_text()
    assert "Norcross" in card.inner_text()
    card.locator("a:text('in the article')").click()

    page.wait_for_selector(".article-text .selected")
    assert page.url.endswith(f"#/article/{article_id}?q={n}")
    selected = page.locator(f'.article-text [data-q="{n}"].q-content')
    assert " ".join(selected.all_inner_texts()).split()[:3] == content.split()[:3]
    anchor = page.locator(f"#quote-{n}")
    assert anchor.evaluate("node => node.classList.contains('selected')")
    box = anchor.bounding_box()
    assert box is not None and 0 <= box["y"] <= 900, "the sentence is scrolled into view"
    assert content in page.inner_text("#quote-panel")
    _shot(page, "03-article-quote-highlighted")


def test_browser_person_page_shows_aliases_roles_and_quotes(page, server):
    page.goto(server + "/#/person/" + "Edda%20Norcross")
    page.wait_for_selector("h1:text('Edda Norcross')")
    assert "Norcross" in page.inner_text("p.aliases")
    assert page.locator("table.roles, main p.muted").count() >= 1
    assert page.locator(".quote-card").count() >= 3
    _shot(page, "04-person")


def test_browser_story_timeline_is_in_date_order_with_denials_marked(page, server):
    page.goto(server + "/#/stories")
    page.locator("main li a").first.click()
    page.wait_for_selector("#timeline li")
    dates = [
        d
        for d in page.locator("#timeline li").evaluate_all(
            "items => items.map(item => item.dataset.date)"
        )
        if d
    ]
    assert len(dates) >= 10
    assert dates == sorted(dates)
    denials = page.locator("#timeline li.deny")
    assert denials.count() >= 1
    assert "denial" in denials.first.inner_text()
    _shot(page, "05-story-timeline")


def test_browser_hostile_article_is_shown_inert(page, server):
    response = httpx.post(
        server + "/api/ingest",
        files={"file": ("hostile.txt", HOSTILE.encode())},
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=120,
    )
    assert response.status_code == 201, response.text
    (stored,) = response.json()["articles"]

    page.goto(server + f"/#/article/{stored['id']}")
    page.wait_for_selector("#article-text")
    page.wait_for_timeout(500)
    text = page.inner_text("#article-text")
    assert "<script>window.__pwned = 'body'; alert('pwned')</script>" in text
    assert "onerror=" in text and "javascript:" in text
    assert "<script>" in page.inner_text("h1")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator("script").count() == 1  # the page's own app.js
    injected = "main img, main svg, main iframe, main [onerror], main [onload]"
    assert page.locator(injected).count() == 0
    hrefs = page.locator("a").evaluate_all("links => links.map(link => link.href)")
    assert not [href for href in hrefs if href.lower().startswith("javascript:")]
    _shot(page, "06-hostile-article-inert")

    page.goto(server + "/#/search?q=" + "pwned")
    page.wait_for_selector("#search-articles")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
