"""Fetching one URL, for URL inputs and for feed entries whose text lives on the page.

Every failure becomes a FetchError whose message is the reason a person sees ("HTTP 404
Not Found", "could not connect: connection refused", "timed out after 20 s"): a run over
hundreds of links must record the dead ones and go on, never stop on the first.
"""
from __future__ import annotations

import http.client
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message

USER_AGENT = "sitroom/0.1 (offline conflict monitoring; +https://example.invalid/sitroom)"
_CHUNK = 65_536


class FetchError(Exception):
    """A URL could not be fetched; str(error) is the reason."""


@dataclass(frozen=True)
class Fetched:
    """A fetched response: final URL (after redirects), body, media type and declared charset."""

    url: str
    data: bytes
    media_type: str  # e.g. "text/html", lower case, no parameters
    charset: str | None


def is_url(value: str) -> bool:
    """True for http(s) URLs, the only schemes sitroom fetches."""
    return value.lower().startswith(("http://", "https://"))


def _over_limit(size: int | None, max_bytes: int) -> str:
    shown = f"is {size:,} bytes, over" if size is not None else "is over"
    return f"response {shown} the {max_bytes:,}-byte limit; raise it with --max-bytes"


def _connect_reason(reason: object) -> str:
    if isinstance(reason, (socket.timeout, TimeoutError)):
        return "timed out"
    if isinstance(reason, ConnectionRefusedError):
        return "could not connect: connection refused"
    if isinstance(reason, socket.gaierror):
        return f"could not connect: host not found ({reason.strerror or reason})"
    if isinstance(reason, ssl.SSLError):
        return f"could not connect: TLS error ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return f"could not connect: {reason.strerror.lower()}"
    return f"could not connect: {reason}"


def fetch(url: str, *, timeout: float, max_bytes: int) -> Fetched:
    """GET `url` and return its body, or raise FetchError with a readable reason.

    The body is read in chunks and abandoned once over `max_bytes`, so a huge or endless
    response costs at most that much memory.
    """
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            headers: Message = response.headers
            declared = headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(_over_limit(int(declared), max_bytes))
            chunks: list[bytes] = []
            total = 0
            while True:
                chunk = response.read(_CHUNK)
                if not chunk:
                    break
                total += len(chunk)
                if total > max_bytes:
                    raise FetchError(_over_limit(None, max_bytes))
                chunks.append(chunk)
            return Fetched(
                url=response.geturl() or url,
                data=b"".join(chunks),
                media_type=headers.get_content_type().lower(),
                charset=headers.get_content_charset(),
            )
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = _connect_reason(exc.reason)
        if reason == "timed out":
            reason = f"timed out after {timeout:g} s"
        raise FetchError(reason) from None
    except (socket.timeout, TimeoutError):
        raise FetchError(f"timed out after {timeout:g} s") from None
    except (OSError, ValueError, http.client.HTTPException) as exc:  # reset, bad URL, bad reply
        raise FetchError(f"could not fetch: {exc}") from None
