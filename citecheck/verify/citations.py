"""What fetched pages say about the citations that point at them.

A fetched page is read like any input (same ingest) and joins the analysis as evidence, with the
cited reference's source as its origin. For each citation of a page we then ask: does the page
state what the citing sentence claims (CC502), and is it the page the entry describes (CC503)?
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING

from attrs import frozen

from citecheck.model import Article, Citation, Document, Format, Reference, Statement
from citecheck.read.files import document_id, read_text

if TYPE_CHECKING:  # the support model loads only when a page is checked
    from citecheck.verify.support import SupportResult

__all__ = ["CitationCheck", "cited_urls", "page_document", "check_citations"]


@frozen
class CitationCheck:
    document: str
    statement: str
    citation: Citation
    url: str
    supported: bool | None
    score: float | None
    not_supporting: str | None = None  # CC502 message
    mismatch: str | None = None  # CC503 message


def _url_of(citation: Citation, refs: Mapping[str, Reference]) -> tuple[str | None, Reference | None]:
    ref = refs.get(citation.reference or "")
    return (ref.url if ref and ref.url else citation.url), ref


def cited_urls(articles: Iterable[Article]) -> list[str]:
    """Every URL the articles cite, in first-seen order, once."""
    seen: dict[str, None] = {}
    for article in articles:
        refs = {r.key: r for r in article.references}
        for c in article.citations:
            url, _ = _url_of(c, refs)
            if url and url.lower().startswith(("http://", "https://")):
                seen.setdefault(url, None)
        for r in article.references:
            if r.url and r.url.lower().startswith(("http://", "https://")):
                seen.setdefault(r.url, None)
    return list(seen)


def page_document(url: str, text: str, content_type: str | None) -> Document:
    fmt: Format = "html" if content_type is None or "html" in content_type or text.lstrip()[:1] == "<" else "text"
    return read_text(text, doc_id=f"page-{document_id(url)}", source=url, fmt=fmt)


def check_citations(articles: Iterable[Article], pages: Mapping[str, Article]) -> tuple[CitationCheck, ...]:
    from citecheck.verify.support import PageIndex, support_with_index

    indexes = {url: PageIndex.build([s.text for s in page.statements]) for url, page in pages.items()}
    checks = []
    for article in articles:
        refs = {r.key: r for r in article.references}
        published = article.document.meta.published
        doc_date = date.fromisoformat(published) if published else None
        for s in article.statements:
            for c in s.citations:
                url, ref = _url_of(c, refs)
                if url is None or url not in pages:
                    continue
                result = support_with_index(s.text, indexes[url], claim_facts=s.facts, doc_date=doc_date)
                checks.append(_check(article, s, c, url, ref, pages[url], result))
    return tuple(checks)


def _check(
    article: Article, s: Statement, c: Citation, url: str, ref: Reference | None, page: Article, result: SupportResult
) -> CitationCheck:
    supported, missing = result.supported, result.missing
    message = None
    if not supported:
        what = ", ".join(missing[:4]) if missing else "what the sentence claims"
        message = f"{url} was fetched but does not state {what}"
    return CitationCheck(
        article.document.id,
        s.id,
        c,
        url,
        supported,
        result.score,
        message,
        _mismatch(ref, page.document),
    )


_WORD = re.compile(r"\w+")


def _mismatch(ref: Reference | None, page: Document) -> str | None:
    if ref is None:
        return None
    problems = []
    if ref.title and page.meta.title:
        a, b = set(_WORD.findall(ref.title.lower())), set(_WORD.findall(page.meta.title.lower()))
        if a and b and len(a & b) / min(len(a), len(b)) < 0.5:
            problems.append(f"its title is '{page.meta.title}', the entry says '{ref.title}'")
    accessed = bool(re.search(r"(?i)\baccessed\b", ref.text))
    if ref.date and page.meta.published and not accessed:
        gap = abs((date.fromisoformat(ref.date) - date.fromisoformat(page.meta.published)).days)
        if gap > 2:
            problems.append(f"it was published {page.meta.published}, the entry says {ref.date}")
    return f"reference [{ref.key}] {ref.url}: " + "; ".join(problems) if problems else None
