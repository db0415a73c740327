"""Inputs (files, folders, JSONL, RSS/Atom feeds, URLs) to RawDocuments or Rejections.

`iter_inputs` is a generator over the inputs: one file, one JSONL line or one feed entry
is in memory at a time, so a folder of a million articles costs no more memory than one.
Every input yields either documents or a Rejection with a reason a person can act on;
nothing is skipped silently and nothing raises, so one bad file never ends a long run.
"""
from __future__ import annotations

import json
import os
import re
import time
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, Iterator, Sequence

import feedparser

from sitroom.ingest.decode import DecodeError, decode_text, looks_binary
from sitroom.ingest.options import IngestOptions
from sitroom.ingest.web import FetchError, Fetched, fetch, is_url
from sitroom.records import RawDocument, Rejection

Item = RawDocument | Rejection

TEXT_EXTENSIONS = {"": "text/plain", ".txt": "text/plain", ".text": "text/plain",
                   ".md": "text/markdown", ".markdown": "text/markdown",
                   ".html": "text/html", ".htm": "text/html"}
JSONL_EXTENSIONS = {".jsonl", ".ndjson"}
FEED_EXTENSIONS = {".xml", ".rss", ".atom"}
FEED_MEDIA_TYPES = {"application/rss+xml", "application/atom+xml", "application/rdf+xml",
                    "application/xml", "text/xml", "application/feed+json"}
HTML_MEDIA_TYPES = {"text/html", "application/xhtml+xml"}
JSONL_KEYS = ("title", "url", "outlet", "published")

_FEED_START = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                         re.IGNORECASE | re.DOTALL)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _reject(uri: str, reason: str) -> Rejection:
    return Rejection(uri=uri, reason=reason, stage="ingest", at=_now())


def _too_big(size: int, options: IngestOptions, what: str = "file") -> str:
    return (f"{what} is {size:,} bytes, over the {options.max_bytes:,}-byte limit; "
            "raise it with --max-bytes")


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes hold an RSS, Atom or RDF root element."""
    return bool(_FEED_START.search(data[:2048]))


def looks_like_html(text: str) -> bool:
    """True when text starts like an HTML page (doctype, <html>, <head> or <body>)."""
    return bool(_HTML_START.match(text[:4096]))


def iter_inputs(paths: Sequence[str], options: IngestOptions) -> Iterator[Item]:
    """Yield a RawDocument or a Rejection for every article found under `paths`, in order.

    A path is a file, a directory (walked recursively in sorted order, hidden entries
    skipped) or an http(s) URL.
    """
    for path in paths:
        if is_url(path):
            yield from _from_url(path, options)
        elif os.path.isdir(path):
            yield from _from_directory(path, options)
        elif os.path.exists(path):
            yield from _from_file(path, options)
        else:
            yield _reject(path, "no such file or directory")


def _from_directory(root: str, options: IngestOptions) -> Iterator[Item]:
    found = False
    for current, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                found = True
                yield from _from_file(os.path.join(current, name), options)
    if not found:
        yield _reject(root, "directory holds no files")


def _from_file(path: str, options: IngestOptions) -> Iterator[Item]:
    try:
        if not os.path.isfile(path):
            yield _reject(path, "not a regular file")
            return
        size = os.path.getsize(path)
        if size == 0:
            yield _reject(path, "empty file")
            return
        ext = os.path.splitext(path)[1].lower()
        if ext in JSONL_EXTENSIONS:
            # streamed line by line, so the limit applies to each line, not the file
            yield from _from_jsonl(path, options)
            return
        if size > options.max_bytes:
            yield _reject(path, _too_big(size, options))
            return
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        yield _reject(path, f"cannot read: {(exc.strerror or str(exc)).lower()}")
        return
    if looks_binary(data):
        yield _reject(path, "binary file, not text")
    elif ext in FEED_EXTENSIONS or looks_like_feed(data):
        yield from _from_feed(path, data, options)
    elif ext in TEXT_EXTENSIONS:
        yield _text_document(path, data, None, TEXT_EXTENSIONS[ext])
    else:
        try:
            text = decode_text(data, path)
        except DecodeError as exc:
            yield _reject(path, exc.reason)
            return
        if looks_like_html(text):
            yield _raw(path, text, "text/html")
        else:
            known = ", ".join(sorted(e for e in [*TEXT_EXTENSIONS, *JSONL_EXTENSIONS,
                                                  *FEED_EXTENSIONS] if e))
            yield _reject(path, f"unsupported file type {ext!r} (expected one of {known})")


def _raw(uri: str, data: bytes | str, content_type: str, **meta: Any) -> RawDocument:
    return RawDocument(uri=uri, data=data, content_type=content_type, received_at=_now(),
                       **{k: v for k, v in meta.items() if v})


def _text_document(uri: str, data: bytes, charset: str | None, content_type: str) -> Item:
    """Decode bytes into a RawDocument; plain text that is really HTML is treated as HTML."""
    text: str | None = None
    if charset:
        try:
            text = data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None  # a wrong header is common; fall back to our own reading
    if text is None:
        try:
            text = decode_text(data, uri)
        except DecodeError as exc:
            if content_type == "text/html" and not looks_binary(data):
                # the page may declare its encoding in a <meta> tag; trafilatura reads it
                return _raw(uri, data, content_type)
            return _reject(uri, exc.reason)
    if not text.strip():
        return _reject(uri, "empty file")
    if content_type == "text/plain" and looks_like_html(text):
        content_type = "text/html"
    meta, text = front_matter(text) if content_type != "text/html" else ({}, text)
    return _raw(uri, text, content_type, outlet=meta.get("outlet"), title=meta.get("title"),
                published=meta.get("published") or meta.get("date"))


_FRONT = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FRONT_KEYS = {"outlet", "title", "published", "date", "url"}


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """Metadata in a leading `---` block of `key: value` lines (as Jekyll and Hugo write it).

    Only simple keys sitroom knows are read (outlet, title, published/date, url); the
    block is removed from the text. Text without such a block comes back unchanged.
    """
    m = _FRONT.match(text)
    if not m:
        return {}, text
    meta: dict[str, str] = {}
    for line in m.group(1).splitlines():
        key, sep, value = line.partition(":")
        key = key.strip().lower()
        if not sep or key not in _FRONT_KEYS:
            continue
        meta[key] = value.strip().strip("\"'")
    if not meta:
        return {}, text
    return meta, text[m.end():]


def _from_jsonl(path: str, options: IngestOptions) -> Iterator[Item]:
    limit = options.max_bytes
    with open(path, "rb") as fh:
        lineno = 0
        while True:
            line = fh.readline(limit + 1)
            if not line:
                return
            lineno += 1
            uri = f"{path}:{lineno}"
            if len(line) > limit and not line.endswith(b"\n"):
                while True:  # skip the rest of the over-long line without holding it
                    rest = fh.readline(65_536)
                    if not rest or rest.endswith(b"\n"):
                        break
                yield _reject(uri, f"line is over the {limit:,}-byte limit; "
                                   "raise it with --max-bytes")
                continue
            if line.strip():
                yield _jsonl_record(uri, line)


def _jsonl_record(uri: str, line: bytes) -> Item:
    try:
        record = json.loads(decode_text(line, uri))
    except DecodeError as exc:
        return _reject(uri, exc.reason)
    except json.JSONDecodeError as exc:
        return _reject(uri, f"invalid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return _reject(uri, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if text is None:
        return _reject(uri, "missing required key 'text'")
    if not isinstance(text, str):
        return _reject(uri, f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        return _reject(uri, "empty 'text'")
    for key in JSONL_KEYS:
        if record.get(key) is not None and not isinstance(record[key], str):
            return _reject(uri, f"{key!r} must be a string, got {type(record[key]).__name__}")
    content_type = "text/html" if looks_like_html(text) else "text/plain"
    return _raw(record.get("url") or uri, text, content_type, title=record.get("title"),
                outlet=record.get("outlet"), published=record.get("published"))


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            return time.strftime("%Y-%m-%d", parsed)
    return None


def _from_feed(uri: str, data: bytes, options: IngestOptions) -> Iterator[Item]:
    parsed = feedparser.parse(data)  # bytes, never a path or URL: feedparser fetches nothing
    if not parsed.entries:
        if parsed.get("version"):
            yield _reject(uri, "feed has no entries")
        else:
            problem = parsed.get("bozo_exception") or "no RSS or Atom elements"
            yield _reject(uri, f"not a readable RSS/Atom feed ({problem})")
        return
    outlet = (parsed.feed.get("title") or "").strip() or None
    for number, entry in enumerate(parsed.entries, 1):
        yield _from_entry(uri, number, entry, outlet, options)


def _from_entry(feed_uri: str, number: int, entry: Any, outlet: str | None,
                options: IngestOptions) -> Item:
    """One feed entry: its full content, else its linked page, else its summary."""
    link = (entry.get("link") or "").strip()
    uri = link or f"{feed_uri}#entry-{number}"
    meta = {"title": (entry.get("title") or "").strip(), "outlet": outlet,
            "published": _entry_date(entry)}
    for content in entry.get("content") or []:
        value = (content.get("value") or "").strip()
        if value:
            kind = "text/html" if "html" in (content.get("type") or "") else "text/plain"
            return _raw(uri, value, kind, **meta)
    failure = ""
    if link and is_url(link) and options.follow_feed_links:
        try:
            page = _document_from_fetched(link, fetch(link, timeout=options.timeout,
                                                      max_bytes=options.max_bytes))
        except FetchError as exc:
            page, failure = None, f"; fetching {link} failed: {exc}"
        if isinstance(page, RawDocument):
            return replace(page, **{k: v for k, v in meta.items() if v})
        if isinstance(page, Rejection):
            failure = f"; the linked page was refused: {page.reason}"
    summary = (entry.get("summary") or "").strip()
    if summary:
        kind = (entry.get("summary_detail") or {}).get("type") or ""
        return _raw(uri, summary, "text/html" if "html" in kind else "text/plain", **meta)
    return _reject(uri, f"feed entry has no text{failure}")


def _document_from_fetched(url: str, page: Fetched) -> RawDocument | Rejection | None:
    """A fetched page as one document; None when it is a feed (the caller handles feeds)."""
    if page.media_type in FEED_MEDIA_TYPES or looks_like_feed(page.data):
        return None
    if not page.data.strip():
        return _reject(url, "empty response")
    if looks_binary(page.data):
        return _reject(url, f"binary response ({page.media_type}), not text")
    if page.media_type in HTML_MEDIA_TYPES:
        kind = "text/html"
    elif page.media_type in ("text/markdown", "text/x-markdown"):
        kind = "text/markdown"
    elif page.media_type.startswith("text/"):
        kind = "text/plain"
    else:
        return _reject(url, f"unsupported content type {page.media_type!r}")
    return _text_document(url, page.data, page.charset, kind)


def _from_url(url: str, options: IngestOptions) -> Iterator[Item]:
    try:
        page = fetch(url, timeout=options.timeout, max_bytes=options.max_bytes)
    except FetchError as exc:
        yield _reject(url, str(exc))
        return
    document = _document_from_fetched(url, page)
    if document is None:
        yield from _from_feed(url, page.data, options)
    else:
        yield document
