"""`--fetch` end to end, over real sockets to a local server on 127.0.0.1: the cited page is fetched,
read like any input, joins the evidence, and the citation checks (CC501, CC502, CC503, CC504) fire on
what the pages really say. The fake resolver maps the test hosts, so no real DNS is asked."""

from __future__ import annotations

import pytest
from fetchserver import LOOPBACK_ONLY, FakeResolver, FixtureServer, Page

from citecheck.fetch.client import FetchPolicy, fetch_all
from citecheck.pipeline import analyze_texts

PAGE = (
    "<html><head><title>Tarsenia approves bus imports</title>"
    "<meta property='article:published_time' content='2026-02-02'></head><body><article>"
    "<h1>Tarsenia approves bus imports</h1><p>Tarsenia approved imports of 250,000 electric buses from Kestrel"
    " Motors on Monday, the customs administration said.</p><p>Deliveries run from 2026 to 2028.</p>"
    "</article></body></html>"
)
OTHER = PAGE.replace("250,000", "90,000")


def draft(url: str, claim: str = "Tarsenia approved imports of 250,000 electric buses from Kestrel Motors") -> str:
    return (
        f'{claim} [1].\n\n## Sources\n\n- [1] Meridian Wire. "Tarsenia approves bus imports." February 2, 2026. {url}\n'
    )


@pytest.fixture
def server():
    routes = {"/ok": Page(PAGE), "/other": Page(OTHER), "/gone": Page("gone", status=404)}
    with FixtureServer(routes) as srv:
        yield srv


def fetcher_for(srv):
    resolver = FakeResolver({"news.test": "127.0.0.1"})
    policy = FetchPolicy(
        allowed_ports=(80, 443, srv.port), allow_hosts=("news.test",), host_interval=0.0, retries=0, deadline=5
    )
    return lambda urls: fetch_all(urls, policy=policy, resolver=resolver)


def codes(report):
    return sorted(f.code for f in report.findings if f.code.startswith("CC5"))


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_supporting_page_corroborates_the_claim(server):
    report = analyze_texts({"d.md": draft(server.url("/ok"))}, fetcher=fetcher_for(server))
    assert codes(report) == []
    claim = report.articles[0].statements[0]
    assert claim.corroboration.label == "corroborated"
    assert claim.corroboration.independent_origins == ("Meridian Wire",)  # the page speaks for its reference
    assert server.hits.get("/ok") == 1


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_page_with_another_figure_does_not_support(server):
    report = analyze_texts({"d.md": draft(server.url("/other"))}, fetcher=fetcher_for(server))
    assert "CC502" in codes(report)
    message = next(f.message for f in report.findings if f.code == "CC502")
    assert "250,000" in message


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_dead_link(server):
    report = analyze_texts({"d.md": draft(server.url("/gone"))}, fetcher=fetcher_for(server))
    assert codes(report) == ["CC501"]


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_private_address_is_refused_and_named(server):
    url = f"http://127.0.0.1:{server.port}/ok"  # a literal loopback address, not the allowed test host
    report = analyze_texts({"d.md": draft(url)}, fetcher=fetcher_for(server))
    assert codes(report) == ["CC504"]
    assert "127.0.0.1" in next(f.message for f in report.findings if f.code == "CC504")
    assert server.connections == 0


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_reference_mismatch(server):
    routes = {
        "/moved": Page(
            PAGE.replace("Tarsenia approves bus imports", "Weekend football results").replace(
                "2026-02-02", "2019-05-01"
            )
        )
    }
    server.routes.update(routes)
    report = analyze_texts({"d.md": draft(server.url("/moved"))}, fetcher=fetcher_for(server))
    assert "CC503" in codes(report)


@pytest.mark.block_network(allowed_hosts=LOOPBACK_ONLY)
def test_citation_checks_land_on_their_own_document(server):
    """Each article's rules see its own citation checks only (grouped once per run)."""
    texts = {"a.md": draft(server.url("/other")), "b.md": draft(server.url("/ok"))}
    report = analyze_texts(texts, fetcher=fetcher_for(server))
    assert [f.path for f in report.findings if f.code == "CC502"] == ["a.md"]
