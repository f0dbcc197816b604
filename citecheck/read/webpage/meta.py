"""Page metadata of an HTML document: title, author, publisher and publication date.

This module owns the precedence between the places where pages state their metadata (Open Graph and
``article:*`` meta tags, JSON-LD, ``<title>``, ``<time>``, byline elements, and "By X" or date lines
near the top of the extracted text) and the normalisation of what it finds (names without "By",
dates as ISO ``YYYY-MM-DD``). It only reads the parsed tree; `citecheck.read.webpage` does the rest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from email.utils import parsedate_to_datetime

from attrs import evolve
from bs4 import Tag

from citecheck.model import Meta

__all__ = ["complete_meta", "iso_date", "looks_like_byline", "read_meta"]

_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "dcterms.title")
_AUTHOR_KEYS = ("author", "article:author", "og:article:author", "byl", "dc.creator", "parsely-author")
_PUBLISHER_KEYS = ("og:site_name", "application-name")
_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
)
_BYLINE_HINT = re.compile(r"byline|author|dateline|writtenby|p-author", re.I)
_BY_PREFIX = re.compile(r"^\s*(?:written\s+)?by[:\s]+", re.I)
_BY_LINE = re.compile(r"^\s*By\s+(\S.{0,60}?)\s*(?:[|,·•]|$)")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTHS = "jan feb mar apr may jun jul aug sep oct nov dec".split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_MDY = re.compile(_MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})", re.I)
_DMY = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})", re.I)
_LD_MAX = 2_000_000  # JSON-LD bigger than this is not metadata; skip rather than parse megabytes
_ARTICLE_TYPES = re.compile(r"Article|BlogPosting|Report|Posting|Story", re.I)


def read_meta(heads: Sequence[Tag], elements: Sequence[Tag], byline: str | None) -> Meta:
    """Metadata from a page's `heads` (its meta, title, link and script elements) and `elements` (the
    others, in document order); `byline` is the text of the page's byline element, if any."""
    tags = _meta_tags(heads)
    ld = _json_ld(heads)
    title_tag = next((_clean(t.get_text()) for t in heads if t.name == "title"), None)
    publisher = _first(tags, _PUBLISHER_KEYS) or _name_of(ld.get("publisher"))
    title = _ld_title(ld, title_tag) or _first(tags, _TITLE_KEYS) or _doc_title(title_tag, elements, publisher)
    author = _first(tags, _AUTHOR_KEYS[:1]) or _person(tags.get("article:author"))
    author = author or _name_of(ld.get("author")) or _person(_first(tags, _AUTHOR_KEYS[2:]))
    author = author or _rel_author(elements) or _person(byline)
    published = iso_date(tags.get("article:published_time")) or iso_date(_str(ld.get("datePublished")))
    published = published or _time_date(elements) or _first_date(tags.get(k) for k in _DATE_KEYS)
    return Meta(title=title, author=author, publisher=publisher, published=published)


def complete_meta(meta: Meta, blocks: Sequence[str]) -> Meta:
    """Fill a missing author or date from short "By X" / date lines among the first text blocks."""
    lines = [b for b in blocks[:12] if len(b) <= 120]
    author = meta.author or next(filter(None, (_by_line(b) for b in lines)), None)
    published = meta.published or _first_date(lines)
    return evolve(meta, author=author, published=published)


def iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO, RFC 2822 or "March 5, 2019" / "5 Mar 2019" date, else None."""
    if not value:
        return None
    value = value.strip()[:200]
    if m := _ISO.match(value):
        return _ymd(m[1], m[2], m[3])
    if re.fullmatch(r"\d{8}(\d{6})?", value):
        return _ymd(value[:4], value[4:6], value[6:8])
    if m := _MDY.search(value):
        return _ymd(m[3], _MONTHS.index(m[1].lower()) + 1, m[2])
    if m := _DMY.search(value):
        return _ymd(m[3], _MONTHS.index(m[2].lower()) + 1, m[1])
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _ymd(year: str | int, month: str | int, day: str | int) -> str | None:
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def _first_date(values: Iterable[str | None]) -> str | None:
    return next(filter(None, map(iso_date, values)), None)


def _meta_tags(heads: Sequence[Tag]) -> dict[str, str]:
    """First value of each meta key (property, name or itemprop), keys lower-cased."""
    found: dict[str, str] = {}
    for tag in (t for t in heads if t.name == "meta"):
        content = tag.get("content")
        if not isinstance(content, str) or not content.strip():
            continue
        for attr in ("property", "name", "itemprop"):
            key = tag.get(attr)
            if isinstance(key, str):
                found.setdefault(key.strip().lower(), content.strip())
    return found


def _first(tags: dict[str, str], keys: Iterable[str]) -> str | None:
    for key in keys:
        value = _clean(tags.get(key))
        if key in _AUTHOR_KEYS:
            value = _person(value)
        if value:
            return value
    return None


def _json_ld(heads: Sequence[Tag]) -> dict:
    """The first article-like JSON-LD object (an Organization or WebSite block says nothing here)."""
    for script in heads:
        if script.name != "script" or "ld+json" not in str(script.get("type", "")).lower():
            continue
        raw = script.string or ""
        if len(raw) > _LD_MAX:
            continue
        for obj in _ld_objects(raw):
            kind = obj.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if "headline" in obj or any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
                return obj
    return {}


def _ld_objects(raw: str) -> Iterator[dict]:
    raw = re.sub(r"^\s*(?:<!--|<!\[CDATA\[)|(?:-->|\]\]>)\s*$", "", raw)
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):  # broken or hostile JSON is not metadata
        return
    pending = data if isinstance(data, list) else [data]
    for item in pending[:50]:
        if isinstance(item, dict):
            graph = item.get("@graph")
            if isinstance(graph, list):
                yield from (g for g in graph[:50] if isinstance(g, dict))
            yield item


def _name_of(value: object) -> str | None:
    """A JSON-LD person/organisation: a string, {"name": ...}, or a list of those."""
    if isinstance(value, list):
        names = [n for n in map(_name_of, value[:10]) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        return _person(_str(value.get("name")))
    return _person(_str(value))


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _clean(value: str | None) -> str | None:
    text = " ".join(value.split()) if value else ""
    return text or None


def _person(value: str | None) -> str | None:
    """A name as written, without "By" and without URLs (``article:author`` is often a profile URL)."""
    text = _clean(value)
    if not text or re.match(r"(https?:)?//|www\.", text):
        return None
    text = _BY_PREFIX.sub("", text).strip(" ,|-")
    return text[:100] or None


def _doc_title(title: str | None, elements: Sequence[Tag], site: str | None) -> str | None:
    """<title> without a " | Site" suffix (when the site's name is known), else the first <h1>."""
    if title and site:
        sep = r"\s*[|\-–—:·•»]\s*"
        name = re.escape(site)
        title = re.sub(f"(?i){sep}{name}$", "", title)
        title = re.sub(f"(?i)^{name}{sep}", "", title)
    if title:
        return title
    h1 = next((t for t in elements if t.name == "h1"), None)
    return _clean(h1.get_text(" ")[:300]) if h1 else None


def _ld_title(ld: dict, page_title: str | None) -> str | None:
    """JSON-LD headline or name; when both differ, the one closer to <title> (Wikipedia's headline is
    a description)."""
    headline, name = _clean(_str(ld.get("headline"))), _clean(_str(ld.get("name")))
    if headline and name and headline != name and page_title:
        page = set(re.findall(r"\w+", page_title.lower()))
        overlap = [len(page & set(re.findall(r"\w+", t.lower()))) for t in (headline, name)]
        return name if overlap[1] > overlap[0] else headline
    return headline or name


def _rel_author(elements: Sequence[Tag]) -> str | None:
    link = next((t for t in elements if t.name == "a" and "author" in (t.get("rel") or ())), None)
    return _person(link.get_text(" ")[:200]) if link else None


def _time_date(elements: Sequence[Tag]) -> str | None:
    for tag in [t for t in elements if t.name == "time"][:5]:
        found = iso_date(_str(tag.get("datetime"))) or iso_date(_text(tag))
        if found:
            return found
    return None


def looks_like_byline(tag: Tag) -> bool:
    """rel=author, itemprop=author, or a byline/author class or id (Readability's _checkByline)."""
    rel, itemprop = tag.get("rel"), tag.get("itemprop")
    if (isinstance(rel, list) and "author" in rel) or (isinstance(itemprop, str) and "author" in itemprop):
        return True
    classes = tag.get("class")
    hint = " ".join(classes) if isinstance(classes, list) else ""
    return bool(_BYLINE_HINT.search(f"{hint} {tag.get('id') or ''}"))


def _text(tag: Tag | None) -> str:
    return " ".join(tag.get_text(" ").split()) if tag is not None else ""


def _by_line(block: str) -> str | None:
    m = _BY_LINE.match(block)
    return _person(m[1]) if m else None
