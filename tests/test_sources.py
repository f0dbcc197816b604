"""Sources and credibility priors: domain parsing, outlet lookup, Lin et al. ratings, overrides."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import citecheck.credibility.sources as sources_module
from citecheck.credibility.sources import (
    KIND_PRIORS,
    KINDS,
    LOW_CREDIBILITY,
    domain_of,
    is_low_credibility,
    load_priors,
    merge_sources,
    source_for_name,
    source_for_reference,
)
from citecheck.errors import ConfigError
from citecheck.model import Reference, Source
from citecheck.text import Span

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"
SHARED_CSV = SHARED / "data" / "domain-quality-ratings" / "domain_pc1.csv"
DATA = ROOT / "citecheck" / "data"
needs_shared = pytest.mark.skipif(not SHARED_CSV.exists(), reason=f"shared data not present at {SHARED_CSV}")


@pytest.fixture(scope="module")
def priors():
    return load_priors()


@pytest.fixture(scope="module")
def shared_ratings():
    if not SHARED_CSV.exists():
        pytest.skip(f"shared data not present at {SHARED_CSV}")
    with SHARED_CSV.open(encoding="utf-8", newline="") as handle:
        return {row["domain"]: float(row["pc1"]) for row in csv.DictReader(handle)}


def ref(**fields):
    fields.setdefault("text", "an entry")
    return Reference(key="1", span=Span(0, 1), **fields)


# ------------------------------------------------------------------------------------------ domain_of


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.reuters.com/technology/nvidia-2026-01-28/", "reuters.com"),
        ("https://uk.reuters.com/article/x", "reuters.com"),  # subdomain -> rated parent
        ("http://user:secret@WWW.Reuters.COM:8443/a?b=c#d", "reuters.com"),  # userinfo, port, case
        ("https://www.reuters.com./x", "reuters.com"),  # trailing dot
        ("reuters.com/world/", "reuters.com"),  # no scheme
        ("reuters.com:443/world/", "reuters.com"),  # no scheme, port
        ("//cdn.cnn.com/x.js", "cnn.com"),  # protocol-relative
        ("HTTPS://WWW.THEVERGE.COM", "theverge.com"),
        ("https://www2.example.org/", "example.org"),
        ("https://bücher.de/katalog", "xn--bcher-kva.de"),  # IDN -> punycode
        ("https://xn--bcher-kva.de/katalog", "xn--bcher-kva.de"),
        ("https://asia.nikkei.com/Business/x", "asia.nikkei.com"),  # an outlet of its own
        ("https://news.samsung.com/global/x", "samsung.com"),  # outlet domain's subdomain
        ("https://english.mofcom.gov.cn/x", "mofcom.gov.cn"),
        ("https://crsreports.congress.gov/product/pdf", "crsreports.congress.gov"),
        ("https://someone.substack.com/p/post", "someone.substack.com"),  # umbrella keeps the author
        ("https://a.b.blogspot.com/", "b.blogspot.com"),
        ("https://mobile.twitter.com/someone", "twitter.com"),
        ("https://shop.unknown-example.co.uk/x", "shop.unknown-example.co.uk"),  # unknown: kept whole
        ("  https://www.axios.com/x  ", "axios.com"),
    ],
)
def test_domain_of(url, expected):
    assert domain_of(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "   ",
        "reuters",
        "not a url",
        "localhost:8080",
        "http://127.0.0.1/admin",
        "http://[::1]:80/",
        "http://[bad",
        "mailto:desk@reuters.com",
        "javascript:alert(1)",
        "data:text/html,hi",
        "file:///etc/passwd",
        "http://",
        "https://-bad-.com/",
        "https://exa mple.com/",
        "https://a..b.com/",
        "https://example.123/",
        None,
        42,
    ],
)
def test_domain_of_garbage_is_none(url):
    assert domain_of(url) is None


@given(st.text(max_size=80))
def test_domain_of_never_raises_and_is_normalised(text):
    domain = domain_of(text)
    if domain is not None:
        assert domain == domain.lower()
        assert domain.isascii()
        assert not domain.startswith("www.")
        assert "." in domain
        assert not set(domain) & set(":@/ ")


# ------------------------------------------------------------------------------------------ names


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Reuters", "Reuters"),
        ("Reuters'", "Reuters"),
        ("Reuters’", "Reuters"),
        ("CNBC's", "CNBC"),
        ("CNBC’s", "CNBC"),
        ("The Verge", "The Verge"),
        ("the Verge", "The Verge"),
        ("AP", "Associated Press"),
        ("the Associated Press", "Associated Press"),
        ("a Reuters report", "Reuters"),
        ("according to Bloomberg", "Bloomberg"),
        ("Bloomberg News", "Bloomberg"),
        ("  The   Wall Street Journal ", "The Wall Street Journal"),
        ("WSJ", "The Wall Street Journal"),
        ("WaPo", "The Washington Post"),
        ("NYT", "The New York Times"),
        ("FT", "Financial Times"),
        ("Tom's Hardware", "Tom's Hardware"),
        ("U.S. Commerce Department", "U.S. Department of Commerce"),
        ("US Commerce Department", "U.S. Department of Commerce"),
        ("China’s Ministry of Commerce", "Ministry of Commerce of the People's Republic of China"),
        ("MOFCOM", "Ministry of Commerce of the People's Republic of China"),
        ("BIS", "Bureau of Industry and Security"),
        ("Latham and Watkins", "Latham & Watkins"),
        ("Agence France Presse", "Agence France-Presse"),
        ("investinglive.com", "investingLive"),
        ("ForexLive", "investingLive"),
        ("an Nvidia spokesperson", "Nvidia"),
        ("The Information", "The Information"),
    ],
)
def test_alias_lookup(priors, name, expected):
    assert source_for_name(name, priors).name == expected


@pytest.mark.parametrize(
    ("name", "kind", "domain"),
    [
        ("Reuters", "wire", "reuters.com"),
        ("Associated Press", "wire", "apnews.com"),
        ("Bloomberg", "wire", "bloomberg.com"),
        ("Sherwood News", "news", "sherwood.news"),
        ("Lexology", "law", "lexology.com"),
        ("SemiAnalysis", "trade", "semianalysis.com"),
        ("AnandTech", "trade", "anandtech.com"),
        ("Xinhua", "government", "xinhuanet.com"),
        ("Nvidia", "vendor", "nvidia.com"),
        ("Intel", "vendor", "intel.com"),
        ("AMD", "vendor", "amd.com"),
        ("Apple", "vendor", "apple.com"),
        ("Bureau of Industry and Security", "government", "bis.gov"),
        ("Federal Register", "government", "federalregister.gov"),
        ("PR Newswire", "corporate", "prnewswire.com"),
        ("Substack", "blog", "substack.com"),
    ],
)
def test_outlet_kinds_and_domains(priors, name, kind, domain):
    source = source_for_name(name, priors)
    assert (source.kind, source.domain) == (kind, domain)


def test_vendor_and_government_priors_when_unrated(priors):
    nvidia = source_for_name("Nvidia", priors)
    assert nvidia.credibility == KIND_PRIORS["vendor"] == 0.7
    assert nvidia.basis == "citecheck kind prior for vendor (primary source for own product specifications)"
    bis = source_for_reference(ref(url="https://www.bis.gov/press-release/entity-list"), priors)
    assert (bis.name, bis.kind, bis.credibility) == ("Bureau of Industry and Security", "government", 0.8)
    assert bis.basis.startswith("citecheck kind prior for government")


def test_government_domains_are_recognised_without_a_table_entry(priors):
    for url in ("https://www.energy.gov/x", "https://www.meti.go.jp/x", "https://www.example.gov.au/x"):
        assert source_for_reference(ref(url=url), priors).kind == "government", url
    sub = source_for_reference(ref(url="https://www.ndrc.gov.cn/x"), priors)
    assert (sub.name, sub.kind, sub.credibility) == ("ndrc.gov.cn", "government", 0.8)


def test_kind_hint_for_an_unknown_name(priors):
    assert source_for_name("Acme Corp", priors, kind_hint="vendor").credibility == 0.7
    assert source_for_name("Reuters", priors, kind_hint="corporate").kind == "wire"  # the table wins
    with pytest.raises(ValueError, match="kind_hint"):
        source_for_name("Acme", priors, kind_hint="tabloid")


def test_unknown_names_are_unrated(priors):
    source = source_for_name("Acme Widgets Quarterly", priors)
    assert (source.kind, source.credibility, source.domain) == ("unknown", None, None)
    assert source.basis.startswith("unrated: Acme Widgets Quarterly")
    assert source_for_name("Acme Widgets Quarterly", priors, kind_hint="named").credibility is None


def test_unrated_news_outlet_has_no_prior(priors):
    source = source_for_name("Sherwood News", priors)
    assert source.credibility is None
    assert "sherwood.news is not in Lin et al. 2023" in source.basis


@pytest.mark.parametrize(
    "phrase",
    [
        "sources familiar with the matter",
        "people with knowledge of the discussions",
        "a person briefed on the plans",
        "officials who asked not to be named",
        "two people",
        "industry sources",
        "an insider",
        "a source speaking on condition of anonymity",
    ],
)
def test_anonymous_sources(priors, phrase):
    source = source_for_name(phrase, priors)
    assert (source.kind, source.credibility, source.domain) == ("anonymous", 0.3, None)
    assert source.name == phrase.lower()
    assert is_low_credibility(source)


def test_anonymous_hints(priors):
    expert = source_for_name("analysts", priors, kind_hint="unnamed_expert")
    assert (expert.kind, expert.credibility) == ("anonymous", 0.3)
    assert expert.basis.endswith("unnamed expert")
    via = source_for_name("Reuters", priors, kind_hint="anonymous")
    assert (via.name, via.kind) == ("anonymous sources cited by Reuters", "anonymous")
    assert source_for_name("", priors).name == "anonymous source"


# ------------------------------------------------------------------------------------------ Lin ratings


@needs_shared
@pytest.mark.parametrize(
    "domain",
    [
        *("reuters.com", "apnews.com", "bloomberg.com", "cnbc.com", "arstechnica.com", "ft.com", "scmp.com"),
        *("theinformation.com", "asia.nikkei.com", "xinhuanet.com", "theverge.com", "nytimes.com", "rt.com"),
    ],
)
def test_lin_rating_matches_shared_csv(priors, shared_ratings, domain):
    source = source_for_reference(ref(url=f"https://www.{domain}/some/story"), priors)
    assert source.domain == domain
    assert source.credibility == pytest.approx(shared_ratings[domain], abs=5e-4)
    assert source.basis.startswith(f"Lin et al. 2023 (PNAS Nexus 2(9) pgad286) domain rating for {domain}: pc1 ")


@needs_shared
def test_shipped_file_agrees_with_shared_csv(priors, shared_ratings):
    assert len(priors.ratings) >= len(shared_ratings) - 10
    for key, value in priors.ratings.items():
        original = shared_ratings.get(key, shared_ratings.get(f"www.{key}"))
        assert original is not None, key
        assert value == pytest.approx(original, abs=5e-4), key


@needs_shared
def test_build_script_reproduces_shipped_file():
    script = ROOT / "scripts" / "build_domain_ratings.py"
    result = subprocess.run([sys.executable, str(script), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_lin_basis_and_values(priors):
    reuters = source_for_name("Reuters", priors)
    assert reuters.credibility == 1.0
    assert reuters.basis == "Lin et al. 2023 (PNAS Nexus 2(9) pgad286) domain rating for reuters.com: pc1 1.000"
    low = source_for_reference(ref(url="https://www.rt.com/news/x"), priors)
    assert low.kind == "government" and is_low_credibility(low)
    assert not is_low_credibility(low, threshold=0.2)


def test_path_qualified_ratings(priors):
    news = source_for_reference(ref(url="https://www.facebook.com/news/some-story"), priors)
    assert news.name == "facebook.com/news"
    assert news.credibility == priors.ratings["facebook.com/news"]
    other = source_for_reference(ref(url="https://www.yahoo.com/news/x"), priors)
    assert other.credibility == priors.ratings["yahoo.com/news"]


def test_umbrella_domains_name_the_author_not_the_platform(priors):
    post = source_for_reference(ref(url="https://someone.substack.com/p/chips"), priors)
    assert (post.name, post.kind, post.credibility) == ("someone.substack.com", "blog", 0.35)
    assert "does not carry over" in post.basis
    tweet = source_for_reference(ref(url="https://twitter.com/SomeOne/status/123"), priors)
    assert (tweet.name, tweet.domain, tweet.credibility) == ("x.com/someone", "twitter.com", 0.35)
    video = source_for_reference(ref(url="https://www.youtube.com/watch?v=abc"), priors)
    assert video.name == "YouTube"  # no channel in the URL: the platform's own rating
    assert video.credibility == priors.ratings["youtube.com"]


def test_reference_fallbacks(priors):
    archived = ref(url="https://web.archive.org/web/20260101000000/https://www.cnbc.com/2026/01/x.html")
    assert source_for_reference(archived, priors).name == "CNBC"
    short = source_for_reference(ref(url="https://reut.rs/abc", publisher="Reuters"), priors)
    assert (short.name, short.credibility) == ("Reuters", 1.0)
    assert short.basis.endswith("named as publisher of a page on reut.rs")
    assert source_for_reference(ref(publisher="The Verge"), priors).name == "The Verge"
    text = ref(text="Reuters, 'Exclusive: Nvidia weighs H20 orders', 28 January 2026")
    assert source_for_reference(text, priors).name == "Reuters"
    nothing = source_for_reference(ref(text="Notes from a phone call"), priors)
    assert (nothing.kind, nothing.credibility) == ("unknown", None)
    unrated = source_for_reference(ref(url="https://acme-research.example/report", publisher="Acme"), priors)
    # an unrated domain is named by its publisher, which is what readers (and config overrides) call it
    assert (unrated.name, unrated.domain, unrated.credibility) == ("Acme", "acme-research.example", None)


def test_text_scan_ignores_common_words(priors):
    assert source_for_reference(ref(text="It was time to act, a fortune in medium terms"), priors).kind == ("unknown")


def test_cited_by_is_sorted_and_unique(priors):
    source = source_for_reference(ref(url="https://www.cnbc.com/x"), priors, cited_by=["b", "a", "b"])
    assert source.cited_by == ("a", "b")
    assert source_for_name("CNBC", priors, cited_by=("z",)).cited_by == ("z",)


# ------------------------------------------------------------------------------------------ overrides


def test_overrides_win():
    custom = load_priors(
        overrides={
            "AP": 0.5,
            "cnbc.com": 0.2,
            "kind:vendor": 0.9,
            "Acme Daily": 0.65,
            "foo.substack.com": 0.8,
        }
    )
    ap = source_for_name("Associated Press", custom)
    assert (ap.credibility, ap.basis) == (0.5, "user override in config for Associated Press")
    cnbc = source_for_reference(ref(url="https://www.cnbc.com/x"), custom)
    assert (cnbc.credibility, cnbc.basis) == (0.2, "user override in config for cnbc.com")
    assert source_for_name("Nvidia", custom).credibility == 0.9
    assert source_for_name("Nvidia", custom).basis == "user override in config for kind vendor"
    assert source_for_name("Acme Daily", custom).credibility == 0.65
    assert source_for_reference(ref(url="https://foo.substack.com/p/x"), custom).credibility == 0.8
    assert source_for_name("Reuters", custom).credibility == 1.0  # untouched
    assert source_for_name("Associated Press", load_priors()).credibility == pytest.approx(0.998)


@pytest.mark.parametrize("value", [1.5, -0.1, "high", True, float("nan")])
def test_bad_override_is_a_config_error(value):
    with pytest.raises(ConfigError):
        load_priors(overrides={"Reuters": value})


def test_bad_kind_override_is_a_config_error():
    with pytest.raises(ConfigError, match="kind"):
        load_priors(overrides={"kind:tabloid": 0.2})


def test_extra_outlets():
    custom = load_priors(
        extra_outlets={
            "Acme Daily": {"domain": "acmedaily.example|acme.example", "kind": "news", "aliases": "Acme|AD"},
            "Reuters": {"domain": "reuters.com", "kind": "news"},  # replaces the shipped row everywhere
        }
    )
    acme = source_for_reference(ref(url="https://www.acme.example/story"), custom)
    assert (acme.name, acme.kind, acme.domain) == ("Acme Daily", "news", "acme.example")
    assert source_for_name("AD", custom).name == "Acme Daily"
    assert source_for_name("Thomson Reuters", custom).kind == "news"
    assert source_for_reference(ref(url="https://uk.reuters.com/x"), custom).kind == "news"
    assert source_for_name("Reuters", load_priors()).kind == "wire"  # the shipped priors are unchanged


@pytest.mark.parametrize(
    "spec",
    [{"kind": "tabloid"}, {"domain": "not a domain"}, {"colour": "red"}, {"umbrella": "sideways"}],
)
def test_bad_extra_outlet_is_a_config_error(spec):
    with pytest.raises(ConfigError):
        load_priors(extra_outlets={"Acme": spec})


# ------------------------------------------------------------------------------------------ merging


def test_merge_sources_unions_cited_by_and_sorts():
    a = Source("Reuters", "wire", 1.0, "lin", "reuters.com", ("doc2",))
    b = Source("reuters", "wire", 1.0, "lin", "reuters.com", ("doc1", "doc2"))
    c = Source("Axios", "news", 0.9, "lin", "axios.com", ("doc3",))
    merged = merge_sources([a, c, b])
    assert [source.name for source in merged] == ["Axios", "Reuters"]
    assert merged[1].cited_by == ("doc1", "doc2")
    assert merge_sources([]) == ()


@given(st.permutations(range(5)))
def test_merge_sources_is_order_independent(order):
    items = [
        Source("Politico", "news", 0.706, "lin politico.eu", "politico.eu", ("a",)),
        Source("Politico", "news", 0.863, "lin politico.com", "politico.com", ("b",)),
        Source("Politico", "unknown", None, "unrated", None, ("c",)),
        Source("sources familiar", "anonymous", 0.3, "prior", None, ("a",)),
        Source("Axios", "news", 0.897, "lin", "axios.com", ()),
    ]
    merged = merge_sources(items[i] for i in order)
    assert merged == merge_sources(items)
    assert merged[1].cited_by == ("a", "b", "c")
    assert merged[1].credibility is not None


# ------------------------------------------------------------------------------------------ data and loading


def test_load_is_cached_and_deterministic(priors):
    assert load_priors() is priors
    assert load_priors(overrides={}) is priors
    first = [source_for_name(name, priors) for name in ("Reuters", "AP", "Nvidia", "Acme", "sources")]
    again = [source_for_name(name, load_priors()) for name in ("Reuters", "AP", "Nvidia", "Acme", "sources")]
    assert first == again


def test_outlet_table_is_consistent(priors):
    infos = {id(info): info for info in priors.outlets.values()}.values()
    assert len(infos) >= 150
    assert len({info.name for info in infos}) == len(infos)
    for info in infos:
        assert info.kind in KINDS and info.kind not in ("anonymous", "unknown"), info
        assert info.umbrella in ("", "subdomain", "path", "both"), info
        assert info.domain == (info.domains[0] if info.domains else None)
        for domain in info.domains:
            assert sources_module.clean_host(domain) == domain, domain
            assert priors.by_domain[domain] is info, f"{domain} claimed by two outlets"
    for key, info in priors.outlets.items():  # no spelling silently points at another outlet
        spellings = [sources_module.name_key(s) for s in (info.name, *info.aliases)]
        assert key in spellings, (key, info.name)
    owners: dict[str, str] = {}
    for info in infos:
        for spelling in (info.name, *info.aliases):
            key = sources_module.name_key(spelling)
            assert owners.setdefault(key, info.name) == info.name, f"{spelling!r} is ambiguous"


def test_docstring_table_matches_kind_priors():
    doc = sources_module.__doc__
    table = dict(re.findall(r"^    (\w+)\s+(\d\.\d\d)\s", doc, flags=re.MULTILINE))
    assert {kind: float(value) for kind, value in table.items()} == dict(KIND_PRIORS)
    assert LOW_CREDIBILITY == 0.4
    assert set(KIND_PRIORS) <= set(KINDS)


def test_shipped_files_carry_attribution():
    header = (DATA / "domain_ratings.csv").read_text(encoding="utf-8").splitlines()[:6]
    assert any("Lin, H." in line and "Pennycook" in " ".join(header) for line in header)
    assert "10.1093/pnasnexus/pgad286" in " ".join(header)
    assert "Lin, H." in (DATA / "SOURCES.md").read_text(encoding="utf-8")


@given(st.text(max_size=60), st.sampled_from([None, *KINDS, "named", "anonymous", "unnamed_expert", "document"]))
def test_any_name_gives_a_valid_source(name, hint):
    source = source_for_name(name, load_priors(), kind_hint=hint)
    assert source.kind in KINDS
    assert source.credibility is None or 0.0 <= source.credibility <= 1.0
    assert source.basis
