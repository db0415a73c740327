"""iter_inputs over files, folders, JSONL, feeds and URLs (a local server, no network)."""
from __future__ import annotations

import inspect
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sitroom.ingest.options import IngestOptions
from sitroom.ingest.sources import iter_inputs
from sitroom.records import RawDocument, Rejection

STORY = "Militia fighters shelled the northern district on Monday. Two people were hurt.\n"
PAGE = ("<html><head><title>Shelling in the north</title></head><body><article>"
        "<h1>Shelling in the north</h1><p>Militia fighters shelled the northern district on "
        "Monday, officials said. Two people were hurt and a school was damaged.</p>"
        "<p>The district council asked for help from the regional government.</p>"
        "</article></body></html>")


def rss(items: str, title: str = "Frontline Wire") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>{title}</title>'
            f"<link>http://example.invalid/</link><description>d</description>{items}</channel></rss>"
            ).encode()


def item(title, link=None, summary=None, content=None, date="Tue, 11 Feb 2020 10:00:00 GMT"):
    parts = [f"<title>{title}</title>", f"<pubDate>{date}</pubDate>"]
    if link:
        parts.append(f"<link>{link}</link>")
    if summary:
        parts.append(f"<description>{summary}</description>")
    if content:
        parts.append(f"<content:encoded><![CDATA[{content}]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def run(paths, **kw):
    return list(iter_inputs([str(p) for p in paths], IngestOptions(**kw)))


def reasons(items):
    return [(i.uri, i.reason) for i in items if isinstance(i, Rejection)]


# --- files and folders -------------------------------------------------------------------


def test_directory_is_walked_recursively_sorted_and_hidden_entries_skipped(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "deep" / "c.txt").write_text(STORY)
    (tmp_path / "b" / "a.md").write_text("# Heading\n\n" + STORY)
    (tmp_path / "a.html").write_text(PAGE)
    (tmp_path / "z").write_text(STORY)  # no extension: plain text
    (tmp_path / ".hidden.txt").write_text(STORY)
    (tmp_path / ".git" / "x.txt").write_text(STORY)
    docs = run([tmp_path])
    assert all(isinstance(d, RawDocument) for d in docs)
    names = [d.uri[len(str(tmp_path)) + 1:] for d in docs]
    assert names == ["a.html", "z", "b/a.md", "b/deep/c.txt"]
    kinds = {n: d.content_type for n, d in zip(names, docs)}
    assert kinds == {"a.html": "text/html", "z": "text/plain", "b/a.md": "text/markdown",
                     "b/deep/c.txt": "text/plain"}
    assert docs[1].data == STORY and docs[1].received_at


def test_iter_inputs_is_lazy(tmp_path):
    assert inspect.isgenerator(iter_inputs([str(tmp_path)], IngestOptions()))


def test_file_refusals_have_clear_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "bad.txt").write_bytes(b"Report " + bytes(range(0x80, 0xFF)) * 3)
    (tmp_path / "data.csv").write_text("a,b\n1,2\n")
    (tmp_path / "empty_dir").mkdir()
    got = dict(reasons(run([tmp_path / "missing.txt", tmp_path / "empty.txt", tmp_path / "blob.txt",
                            tmp_path / "bad.txt", tmp_path / "data.csv", tmp_path / "empty_dir"])))
    assert got[str(tmp_path / "missing.txt")] == "no such file or directory"
    assert got[str(tmp_path / "empty.txt")] == "empty file"
    assert got[str(tmp_path / "blob.txt")] == "binary file, not text"
    assert got[str(tmp_path / "bad.txt")] == (
        "not valid UTF-8 (first bad byte at offset 7) and not recognisable as Latin-1 text")
    assert got[str(tmp_path / "data.csv")].startswith("unsupported file type '.csv'")
    assert got[str(tmp_path / "empty_dir")] == "directory holds no files"


def test_latin1_file_is_read(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Le maire de Genève a condamné l'attaque près du café.".encode("latin-1"))
    (doc,) = run([path])
    assert doc.data == "Le maire de Genève a condamné l'attaque près du café."


def test_oversize_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.txt"
    path.write_text("x" * 2_500)
    import builtins

    real_open = builtins.open

    def guarded_open(file, *a, **kw):
        assert str(file) != str(path), "an oversize file must not be opened"
        return real_open(file, *a, **kw)

    monkeypatch.setattr(builtins, "open", guarded_open)
    (rej,) = run([path], max_bytes=1_000)
    assert rej.reason == ("file is 2,500 bytes, over the 1,000-byte limit; "
                          "raise it with --max-bytes")


def test_html_in_a_txt_file_is_treated_as_html(tmp_path):
    (tmp_path / "saved.txt").write_text(PAGE)
    (doc,) = run([tmp_path / "saved.txt"])
    assert doc.content_type == "text/html"


# --- JSONL -------------------------------------------------------------------------------


def test_jsonl_good_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": STORY, "title": "Shelling", "outlet": "Valley Times",
                    "published": "2021-05-04", "url": "https://example.invalid/a"}),
        "{not json",
        json.dumps({"title": "no text here"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": STORY, "title": 7}),
        json.dumps({"text": "   "}),
        json.dumps({"text": "Second story about a convoy that was stopped."}),
    ]
    path.write_text("\n".join(lines) + "\n")
    items = run([path])
    docs = [i for i in items if isinstance(i, RawDocument)]
    assert [(d.uri, d.title, d.outlet, d.published) for d in docs] == [
        ("https://example.invalid/a", "Shelling", "Valley Times", "2021-05-04"),
        (f"{path}:8", None, None, None),
    ]
    assert reasons(items) == [
        (f"{path}:2", "invalid JSON: Expecting property name enclosed in double quotes at column 2"),
        (f"{path}:3", "missing required key 'text'"),
        (f"{path}:5", "expected a JSON object, got list"),
        (f"{path}:6", "'title' must be a string, got int"),
        (f"{path}:7", "empty 'text'"),
    ]


def test_jsonl_limit_applies_per_line(tmp_path):
    path = tmp_path / "batch.ndjson"
    path.write_text(json.dumps({"text": "y" * 500}) + "\n" + json.dumps({"text": "short one."}) + "\n")
    items = run([path], max_bytes=200)
    assert reasons(items) == [(f"{path}:1", "line is over the 200-byte limit; raise it with --max-bytes")]
    assert [d.data for d in items if isinstance(d, RawDocument)] == ["short one."]


# --- feeds from files --------------------------------------------------------------------


def test_rss_file_entries(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_bytes(rss(
        item("Full story", link="https://example.invalid/full",
             content="<p>Troops withdrew from the hill on Sunday, the army said.</p>")
        + item("Summary only", link="https://example.invalid/short",
               summary="Aid trucks crossed the border at dawn.", date="Wed, 12 Feb 2020 08:00:00 GMT")
        + item("Nothing at all")))
    items = run([path], follow_feed_links=False)
    full, short, empty = items
    assert (full.uri, full.title, full.outlet, full.published, full.content_type) == (
        "https://example.invalid/full", "Full story", "Frontline Wire", "2020-02-11", "text/html")
    assert "Troops withdrew" in full.data
    assert short.data == "Aid trucks crossed the border at dawn." and short.published == "2020-02-12"
    assert isinstance(empty, Rejection) and empty.uri == f"{path}#entry-3"
    assert empty.reason == "feed entry has no text"


def test_atom_feed_sniffed_without_extension(tmp_path):
    path = tmp_path / "feed"
    path.write_text(
        '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Monitor</title>'
        '<entry><title>Checkpoint closed</title><link href="https://example.invalid/c"/>'
        "<updated>2019-07-08T09:00:00Z</updated><content type=\"text\">The checkpoint was "
        "closed after clashes overnight.</content></entry></feed>")
    (doc,) = run([path])
    assert (doc.outlet, doc.title, doc.published, doc.content_type) == (
        "Ridge Monitor", "Checkpoint closed", "2019-07-08", "text/plain")


def test_xml_that_is_no_feed_is_refused(tmp_path):
    (tmp_path / "conf.xml").write_text("<?xml version='1.0'?><config><a>1</a></config>")
    (rej,) = run([tmp_path / "conf.xml"])
    assert rej.reason.startswith("not a readable RSS/Atom feed")


# --- URLs ---------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    seen: list = []  # (path, User-Agent) of every request

    def do_GET(self):  # noqa: N802 (http.server's naming)
        self.seen.append((self.path, self.headers.get("User-Agent")))
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, ctype, body, delay = route
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (timeout, size limit): that is the point of the test

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    _Handler.routes = {}
    _Handler.seen = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield base, _Handler.routes
    httpd.shutdown()
    httpd.server_close()


def test_url_feed_with_linked_pages(server):
    base, routes = server
    routes["/story.html"] = (200, "text/html; charset=utf-8", PAGE.encode(), 0)
    routes["/feed.xml"] = (200, "application/rss+xml", rss(
        item("With content", link=f"{base}/c", content="<p>Content given in the feed itself.</p>")
        + item("Linked", link=f"{base}/story.html")
        + item("Dead link, summary", link=f"{base}/gone", summary="A short summary of events.")
        + item("Dead link, nothing", link=f"{base}/gone2")), 0)
    items = run([f"{base}/feed.xml"])
    with_content, linked, summary, dead = items
    assert "Content given in the feed" in with_content.data
    assert linked.uri == f"{base}/story.html" and linked.content_type == "text/html"
    assert "Militia fighters shelled" in linked.data
    assert (linked.title, linked.outlet, linked.published) == ("Linked", "Frontline Wire", "2020-02-11")
    assert summary.data == "A short summary of events."
    assert isinstance(dead, Rejection)
    assert dead.reason == f"feed entry has no text; fetching {base}/gone2 failed: HTTP 404 Not Found"
    assert all(agent.startswith("sitroom/") for _, agent in _Handler.seen)


def test_url_feed_links_not_followed_when_disabled(server):
    base, routes = server
    routes["/story.html"] = (200, "text/html", PAGE.encode(), 0)
    routes["/feed.xml"] = (200, "text/xml", rss(item("Linked", link=f"{base}/story.html",
                                                     summary="Summary text.")), 0)
    (doc,) = run([f"{base}/feed.xml"], follow_feed_links=False)
    assert doc.data == "Summary text."
    assert [path for path, _ in _Handler.seen] == ["/feed.xml"]


def test_url_pages_and_failures(server):
    base, routes = server
    routes["/page"] = (200, "text/html", PAGE.encode(), 0)
    routes["/plain"] = (200, "text/plain; charset=latin-1", "Café bombed.".encode("latin-1"), 0)
    routes["/doc"] = (200, "application/msword", b"some words", 0)
    routes["/slow"] = (200, "text/plain", b"late", 2)
    routes["/huge"] = (200, "text/plain", b"z" * 3_000, 0)
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}/x"
    items = run([f"{base}/page", f"{base}/plain", f"{base}/missing", closed, f"{base}/doc",
                 f"{base}/slow", f"{base}/huge"], timeout=0.5, max_bytes=2_000)
    page, plain, *rejected = items
    assert page.content_type == "text/html" and page.uri == f"{base}/page"
    assert plain.data == "Café bombed." and plain.content_type == "text/plain"
    assert reasons(rejected) == [
        (f"{base}/missing", "HTTP 404 Not Found"),
        (closed, "could not connect: connection refused"),
        (f"{base}/doc", "unsupported content type 'application/msword'"),
        (f"{base}/slow", "timed out after 0.5 s"),
        (f"{base}/huge", "response is 3,000 bytes, over the 2,000-byte limit; raise it with --max-bytes"),
    ]


def test_bad_flags_fail_early():
    with pytest.raises(ValueError, match="not an ISO date"):
        IngestOptions(published="last Tuesday")
    with pytest.raises(ValueError):
        IngestOptions(max_bytes=0)


def test_front_matter_gives_metadata_and_is_removed(tmp_path):
    from sitroom.ingest.options import IngestOptions
    from sitroom.ingest.sources import iter_inputs

    path = tmp_path / "a.md"
    path.write_text("---\noutlet: Test Wire\npublished: 2020-02-11\ntitle: A title\n---\nRebels attacked a base.\n")
    [doc] = list(iter_inputs([str(path)], IngestOptions()))
    assert (doc.outlet, doc.published, doc.title) == ("Test Wire", "2020-02-11", "A title")
    assert doc.data == "Rebels attacked a base.\n"
