"""Shared fixtures: one build of the bundled corpus per test session, a CLI runner."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from typer.testing import CliRunner

import kg
from kg.pipeline import BuildResult


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The bundled corpus built once into a temporary output folder."""
    return kg.build(out=tmp_path_factory.mktemp("build") / "output")


@pytest.fixture(scope="session")
def nlp():
    """The extraction pipeline of kg/extract/config.cfg, loaded once."""
    from kg.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def mentions(nlp):
    """``mentions(text, label, attr)``: (surface, attr value) of each span of one type."""
    from kg.extract.charspan import spans_of

    def find(text: str, label, attr: str) -> list[tuple[str, str]]:  # noqa: ANN001
        doc = nlp(text)
        return [(doc.text[s.start:s.end], s.attr(attr)) for s in spans_of(doc) if s.label == label]

    return find


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium driven by Playwright: Debian's `chromium` (installed by .ci/run), not a
    browser Playwright downloads. Skipped on a developer machine without it; fails in CI."""
    import os
    import shutil

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run installs Debian's chromium")
        pytest.skip("no chromium on this machine: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def local_page(browser):
    """A fresh page that may reach only this machine: every request to another host is
    aborted and recorded in ``outside``; console errors and page errors go to ``errors``."""
    from urllib.parse import urlsplit

    context = browser.new_context()
    outside: list[str] = []
    errors: list[str] = []

    def only_local(route) -> None:  # noqa: ANN001 - playwright Route
        url = route.request.url
        local = urlsplit(url).hostname in ("127.0.0.1", "localhost", "::1")
        if local or url.startswith(("file:", "data:", "blob:", "about:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    context.route("**/*", only_local)
    page = context.new_page()
    watched = WatchedPage(page=page, outside=outside, errors=errors)
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield watched
    context.close()


@dataclass
class WatchedPage:
    """A Playwright page with what it tried to fetch from elsewhere and the errors it logged."""

    page: Any
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
