"""RawDocument to Article: the article's own text, its title, date and outlet.

Pages carry debris around the story: breadcrumbs, share buttons, photo captions, embedded
tweets, headlines of other stories pasted between paragraphs. Left in, they become false
events ("X mocks Y", a caption's "killed") and make the same story re-posted elsewhere look
new. Each non-empty line is judged on its own shape, not on site-specific strings: a real
paragraph ends like a sentence; debris is short, title-cased, credit-tagged or chrome-worded.
Every removed line is kept in Article.dropped with its reason, for audit.

Dates are read from captions and tweets before those lines are dropped: a caption's or
tweet's date is on or before publication, so the latest of them is a fair estimate.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sitroom.ingest.decode import decode_text
from sitroom.ingest.options import IngestOptions
from sitroom.pipeline.language import detect_language
from sitroom.pipeline.titles import split_site_name
from sitroom.records import Article, DroppedLine, PublishedDate, RawDocument, content_hash

_MONTHS = {m[:3]: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH = (r"(?P<mon>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
          r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_MDY = re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b")
_DMY = re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+(?P<year>(?:19|20)\d\d)\b")  # "December 2019"
_ISO = re.compile(r"(?P<year>(?:19|20)\d\d)(?:-(?P<month>[01]\d)(?:-(?P<day>[0-3]\d))?)?(?!\d)")
_ANY_MONTH = _MONTH.replace("(?P<mon>", "(?:")
_MARKER = re.compile(
    rf"^\s*(?:date|dated|published|posted|updated)\s*(?:on\s*)?:?\s*"
    rf"(?P<date>(?:19|20)\d\d-[01]\d(?:-[0-3]\d)?|{_ANY_MONTH}\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{1,2}}\s+{_ANY_MONTH},?\s+\d{{4}})(?:T[\d:.+Z-]+)?[\s,;:|–—-]*", re.IGNORECASE)
_DATELINE = re.compile(
    rf"^\s*[A-Z][A-Z .'-]{{0,40}}[A-Z](?:,\s*[A-Z][\w .'-]{{1,30}}?)?,?\s+{_MONTH}\s+(?P<day>\d{{1,2}})"
    rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\s*(?:\([^()]{{1,40}}\))?\s*[-–—]")

_TERMINAL = re.compile(r"""(?:[.!?…]["'”’»)\]]*|["”’»]|[:;,])\s*$""")
_SMALL_WORDS = {"a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "is", "of", "on",
                "or", "the", "to", "vs", "with", "into", "over", "after", "amid"}
_AGENCIES = (r"Reuters|AFP|AP|Associated Press|Getty(?: Images)?|EPA(?:-EFE)?|Anadolu(?: Agency)?"
             r"|Xinhua|SANA|TASS|Sputnik|DPA|AAP|Bloomberg|Shutterstock|Handout|File|Photo")
_CAPTION = [  # a credit closing the line: "(Name / Agency)", "(AFP)", "Photo: Agency"
    re.compile(rf"\((?:[^()]{{0,60}}/\s*)?(?:{_AGENCIES})(?:\s*(?:/|via)\s*[^()]{{0,40}})?\)\s*$"),
    re.compile(r"\([A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,4}\s*/\s*[A-Z][\w&.' -]{1,40}\)\s*$"),
    re.compile(r"^(?:photo|image|picture|photograph|file photo|credit)s?\s*[:|]", re.IGNORECASE),
    re.compile(r"\b(?:photo|image|picture)\s*(?:credit)?\s*:\s*[A-Z][^.]{0,60}$", re.IGNORECASE),
]
# A video or photo carousel's captions run together on one line, each opened by the word "Caption" ("Caption
# Double homicide being investigated in Dalmora Double homicide being investigated ..."): other stories' headlines
_CAROUSEL = re.compile(r"^Caption\s+[A-Z0-9\"“']")
# ", via AFP." closes a one-sentence caption; a longer paragraph may say "via WhatsApp."
_VIA_CREDIT = re.compile(r",\s+via\s+[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,3}\.?\s*$")
_TWEET = [
    re.compile(r"pic\.twitter\.com/\w+|(?:twitter|x)\.com/\w{1,15}/status/\d+", re.IGNORECASE),
    re.compile(rf"[—–-]\s*[^()]{{1,60}}\(@\w{{1,15}}\)\s*{_MONTH}\s+\d{{1,2}},\s+\d{{4}}\s*$"),
]
_SHARE_WORDS = (r"facebook|twitter|x|whatsapp|telegram|linkedin|reddit|pinterest|email|e-mail|print"
                r"|tweet|share|copy link|messenger|flipboard")
_SHARE = [
    re.compile(r"^(?:share|share this(?: article| story| post)?|share on|sharing)\s*:?\s*$",
               re.IGNORECASE),
    re.compile(r"^click to (?:share|email|print)\b", re.IGNORECASE),
    re.compile(r"\(opens in new window\)", re.IGNORECASE),
    re.compile(rf"^(?:(?:share on |share via )?(?:{_SHARE_WORDS})[\s,|·•/]*)+$", re.IGNORECASE),
]
_CHROME = [re.compile(p, re.IGNORECASE) for p in (  # site furniture, whatever the line ends with
    r"\b(?:mobile|desktop|amp|full|print|classic)\s+(?:version|site|view|edition)\b",
    r"^skip to (?:main )?(?:content|navigation)", r"\bcookies?\b.*\b(?:accept|consent|use|policy)\b",
    r"\ball rights reserved\b", r"^(?:©|copyright\b)", r"^(?:advertisement|advert|sponsored(?: content)?|ad)$",
    r"\bsubscribe (?:now|today|to (?:our|the) (?:newsletter|channel|podcast))\b",
    r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*:",
    r"^(?:menu|search|close|back to top|top|loading\.*)$",
)]
_ACCOUNT_CHROME = [re.compile(p, re.IGNORECASE) for p in (  # a site's account, comment and player notices
    r"\byou are the owner of this article\b", r"^thank you for (?:registering|signing up|subscribing)\b",
    r"\bplease enable javascript\b", r"\bthis video is (?:no longer|not) available\b",
    r"\bget email notifications on\b", r"\bzip ?code is not in our deliverable area\b",
    r"\bwe invite you to use our commenting platform\b", r"^your notification has been saved\b",
    r"\bthere was a problem saving your notification\b", r"\bemail notifications are only sent\b",
    r"\bwe have sent you a verification email\b", r"\bposts new content, you'll get an email\b",
    r"^just one more thing\W*$", r"\bverification (?:message|email|link)\b", r"\bcheck your (?:spam|junk)\b",
    r"^why are we asking this\b", r"\bby submitting your registration information\b",
    r"^already (?:have an account|a subscriber|registered)\b", r"\bconfirmation email\b", r"\{\*.*\*\}",
    r"\bwe look forward to seeing you\b", r"^sign in using (?:you|your)\b", r"\bcomplete your registration\b",
    r"\bhaving trouble viewing the video\b", r"\bad[- ]?block", r"\byour browser (?:does not|doesn'?t) support\b",
    r"\bhaven'?t selected any newsletters\b", r"\bno email address was supplied\b",
    r"^click here to return to the page\b", r"^almost done\W*$", r"\bbefore signing in\b",
    r"\bsign up for digital access\b", r"^get digital access\W*$", r"^click on the button below to set up your account\b",
    r"\bconfirm or modify the email address\b", r"^total access\W*$",
    r"\bconvenience of home delivery\b", r"\bjoined forces with the most trusted local\b",
)]
# Titles of pages that are no article: what a server or paywall says instead of one.
_ERROR_PAGE = re.compile(r"\b(?:page|article|story|content) (?:not found|unavailable|no longer available)\b|^\s*404\b"
                         r"|\baccess denied\b|\bforbidden\b|^\s*(?:error|not found)\s*$", re.IGNORECASE)
_CHROME_LEAD = [re.compile(p, re.IGNORECASE) for p in (  # only on lines that are no sentence
    r"^(?:read more|read next|read also|see also|more on this|related(?: articles| stories| posts| coverage)?"
    r"|you may also like|recommended(?: for you)?|most (?:read|popular|viewed)|trending(?: now)?"
    r"|continue reading|load more|show comments|comments?|leave a (?:comment|reply)|watch|listen)\b",
    r"^(?:subscribe|sign up|sign in|log in|login|register|newsletter|get our newsletter)\b",
    r"^(?:follow us|like us on|join us on)\b", r"^(?:previous|next)\s+(?:article|post|story)\b",
)]
_SYNDICATION = re.compile(  # "This story was distributed by X and has not been edited by Y staff."
    r"^\(?(?:this|the) (?:story|article|report|post|piece) (?:was |is |has |had )?(?:been |not been )?"
    r"(?:originally |first |automatically )?(?:distributed|published|syndicated|republished|edited|"
    r"auto-generated|generated|appeared|reproduced)\b|^\(?(?:originally|first) (?:published|appeared) "
    r"(?:on|by|in|at)\b|\bhas not been edited by\b", re.IGNORECASE)
_BREADCRUMB_SEPARATORS = re.compile(r"\s[»›>|/]\s")
_NAV_START = re.compile(r"^(?:home|news|main|index)\b", re.IGNORECASE)
# a wire story's closing "(Reporting by ...; editing by the ... desk)"
_CREDIT_LINE = re.compile(
    r"^\((?:additional )?(?:reporting|writing|editing|compiled|edited)\s+by\b.*\)$", re.IGNORECASE)
_PIPES = re.compile(r"\s+[|·•]\s+")
_BYLINE = re.compile(  # "By A and B", "(Reporting by A; Editing by B)": names, nothing else
    r"^\(?(?i:by|written by|words by|story by|reporting by|additional reporting by|writing by)\s+"
    r"[A-Z][\w.'’-]*(?:[\s,;&]+(?:(?i:and|editing by|writing by)\s+)?[A-Z][\w.'’-]*"
    r"|\s+(?:al|bin|de|van|von|la|el)\b)*\)?\s*$")
_SIGN_OFF = re.compile(  # "... last sentence. — Outlet Name"
    r"(?P<body>.*?[.!?”\"’])?\s*[—–]\s*(?P<name>[A-Z][\w&'.-]*(?:\s+[A-Z][\w&'.-]*){0,4})\s*$", re.DOTALL)
_BULLET = re.compile(r"^\s*(?:[-*•·]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_IMAGE = re.compile(r"^\s*!\[[^\]]*\]\([^)]*\)\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


@dataclass
class _Line:
    """One unit of text (a paragraph or a line) while it is judged."""

    text: str
    heading: bool = False  # a markdown heading: a title or section heading by construction
    reason: str | None = None  # set when the line is debris


def _date_of(match: re.Match[str]) -> str | None:
    month = _MONTHS[match["mon"][:3].lower()]
    try:
        day, year = int(match["day"]), int(match["year"])
    except (TypeError, ValueError):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def _dates_in(text: str) -> list[str]:
    found = [_date_of(m) for rx in (_MDY, _DMY) for m in rx.finditer(text)]
    return [d for d in found if d]


def parse_date(value: str | None) -> PublishedDate | None:
    """An ISO ("2020-02", "2020-02-14T09:00Z"), RFC 2822 or "Feb 14, 2020" date (how unknown)."""
    if not value or not value.strip():
        return None
    iso = _ISO.match(value.strip())
    if iso:
        year, month, day = int(iso["year"]), int(iso["month"] or 1), int(iso["day"] or 1)
        precision = "day" if iso["day"] else "month" if iso["month"] else "year"
    else:
        found = _dates_in(value)  # also reads RFC 2822's "Tue, 11 Feb 2020 10:00 GMT"
        if not found:
            return None
        year, month, day = map(int, found[0].split("-"))
        precision = "day"
    try:
        return PublishedDate(date(year, month, day).isoformat(), precision)
    except ValueError:  # 2020-02-31
        return None


def _source_text(raw: RawDocument) -> tuple[str, dict[str, str | None]]:
    """The document's text and, for HTML, trafilatura's title, date and site name."""
    if raw.content_type == "text/html":
        import trafilatura  # heavy; only pages need it

        result = trafilatura.extract(
            raw.data, include_comments=False, output_format="json", with_metadata=True,
            date_extraction_params={"extensive_search": False, "original_date": True})
        if not result:  # trafilatura skips fragments too short to be a page (feed summaries)
            text = _fragment_text(raw.data)
            if not text.strip():
                raise ValueError("no article text found in the HTML page")
            return text, {}
        found = json.loads(result)
        return found.get("text") or "", {"title": found.get("title"), "date": found.get("date"),
                                         "sitename": found.get("source-hostname")}
    text = raw.data if isinstance(raw.data, str) else decode_text(raw.data, raw.uri)
    return text, {}


_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def _fragment_text(data: str | bytes) -> str:
    """Text of a small HTML fragment, one line per block element."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(data)
    except (etree.ParserError, ValueError):
        return ""
    for element in root.xpath("//script|//style|//noscript|//nav|//header|//footer"):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    return root.text_content()


def _split(text: str, markdown: bool) -> list[_Line]:
    """Paragraphs as units: blank-line blocks, and lines within blocks unless hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    units: list[_Line] = []
    blocks = re.split(r"\n\s*\n", text)
    for block in blocks:
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        # hard-wrapped prose (an e-mail, a wire copy): lines of similar width, mostly not
        # ending a sentence, in a text that also separates paragraphs by blank lines
        wrapped = len(blocks) > 1 and len(lines) > 1 and max(map(len, lines)) <= 100 and all(
            len(ln) >= 40 for ln in lines[:-1]) and sum(
            not _TERMINAL.search(ln) for ln in lines[:-1]) * 2 >= len(lines) - 1
        for line in [" ".join(lines)] if wrapped else lines:
            if markdown:
                if _MD_IMAGE.match(line):
                    units.append(_Line(line, reason="photo caption"))
                    continue
                heading = bool(_MD_HEADING.match(line))
                line = _MD_EMPHASIS.sub(r"\2", _MD_LINK.sub(r"\1", _MD_HEADING.sub("", line)))
                units.append(_Line(line.strip(), heading=heading))
            else:
                units.append(_Line(line))
    return [u for u in units if u.text]


def _is_title_case(words: list[str]) -> bool:
    significant = [w for w in words if w[:1].isalpha() and w.lower() not in _SMALL_WORDS]
    return len(significant) >= 3 and sum(w[0].isupper() for w in significant) >= 0.8 * len(significant)


def _is_headline(text: str) -> bool:
    """Short and not ending like a sentence, or title-cased even with a ? or !."""
    words = text.split()
    if len(words) > 30 or text.endswith((":", ";", ",")):
        return False
    if not _TERMINAL.search(text):
        return True
    return text.rstrip().endswith(("?", "!")) and _is_title_case(words)


def _fixed_reason(text: str, leading: bool) -> str | None:
    """Debris recognisable from the line alone (leading: no paragraph has been seen yet)."""
    words = text.split()
    if any(rx.search(text) for rx in _TWEET):
        return "embedded tweet"
    sentence = bool(_TERMINAL.search(text))
    if _CAROUSEL.match(text):
        return "photo caption"
    if len(words) <= 60 and any(rx.search(text) for rx in _CAPTION):
        return "photo caption"
    if len(words) <= 25 and _VIA_CREDIT.search(text) and not re.search(r"[.!?]\s+[A-Z]", text):
        return "photo caption"
    if len(words) <= 12 and any(rx.search(text) for rx in _SHARE):
        return "share buttons"
    if len(words) <= 80 and any(rx.search(text) for rx in _ACCOUNT_CHROME):
        return "site chrome"
    if len(words) <= 12 and (any(rx.search(text) for rx in _CHROME) or (
            (not sentence or len(words) <= 3) and any(rx.search(text) for rx in _CHROME_LEAD))):
        return "site chrome"
    if len(words) <= 25 and ((_BYLINE.match(text) and not text.rstrip(")").endswith("."))
                             or _CREDIT_LINE.match(text)):
        return "byline"
    if len(words) <= 40 and _SYNDICATION.search(text):
        return "syndication note"
    segments = _PIPES.split(text)
    if len(segments) > 1:  # "Share this | Leave a comment": a row of links, judged link by link
        found = [_fixed_reason(segment, leading) for segment in segments]
        if all(found):
            return "share buttons" if "share buttons" in found else found[0]
    if not sentence and len(words) <= 12 and (
            len(_BREADCRUMB_SEPARATORS.findall(text)) >= 2
            or (leading and len(words) <= 4 and _NAV_START.match(text)
                and all(w[:1].isupper() or w.lower() in _SMALL_WORDS for w in words[1:]))):
        return "navigation"
    return None


def _choose_title(leading: list[_Line]) -> str | None:
    """The headline among the lines before the first paragraph: the longest (the last on a tie).

    Site names and section labels ("Valley Herald", "World / Analysis") also lead pages,
    and they are shorter than headlines; those before the headline are site chrome.
    """
    if not leading:
        return None
    best = max(range(len(leading)), key=lambda i: (len(leading[i].text.split()), i))
    for i, unit in enumerate(leading):
        unit.reason = "title" if i == best else "site chrome" if i < best else _heading_reason(unit.text)
    return leading[best].text


def _heading_reason(text: str) -> str:
    if len(text.split()) <= 7 and not text.endswith(("?", "!")):
        return "section heading"
    return "injected headline"  # another story's headline pasted between paragraphs


def _classify(units: list[_Line]) -> str | None:
    """Mark debris on each unit in place; return the article's headline if it leads the text."""
    leading: list[_Line] | None = []  # headline-like lines before the first paragraph
    title = None
    for unit in units:
        if unit.reason:
            continue
        unit.reason = _fixed_reason(unit.text, leading=leading is not None)
        if unit.reason:
            continue
        if (unit.heading or _is_headline(unit.text)) and not (
                _BULLET.match(unit.text) and len(unit.text.split()) >= 5):  # a list item is text
            if leading is not None:
                leading.append(unit)
            else:
                unit.reason = _heading_reason(unit.text)
            continue
        if leading is not None:
            title, leading = _choose_title(leading), None
    return _choose_title(leading) if leading else title


def _strip_marker(units: list[_Line]) -> tuple[PublishedDate | None, list[DroppedLine]]:
    """A leading "date 2020-02-14" style marker: its date, removed from the text."""
    for unit in units[:5]:
        match = _MARKER.match(unit.text)
        if match:
            found = parse_date(match["date"])
            unit.text = unit.text[match.end():].strip()
            return found, [DroppedLine(match.group(0).strip(), "date marker")]
    return None, []


def _strip_sign_off(units: list[_Line]) -> tuple[str | None, list[DroppedLine]]:
    """An "— Outlet Name" sign-off closing one of the last two paragraphs: the outlet, removed.

    Syndicated copy often has one more paragraph appended after the sign-off, hence two.
    """
    paragraphs = 0
    for unit in reversed(units):
        if unit.reason not in (None, "section heading", "injected headline"):
            continue
        match = _SIGN_OFF.fullmatch(unit.text)
        if match and not match["body"] and len(unit.text.split()) <= 6:
            unit.reason = "sign-off"  # the sign-off on a line of its own
            return match["name"], []
        if match and match["body"]:
            # a short paragraph with a sign-off looked unfinished; without it, it is a sentence
            sign = unit.text[len(match["body"]):].strip()
            unit.text, unit.reason = match["body"].strip(), None
            return match["name"], [DroppedLine(sign, "sign-off")]
        if unit.reason is None:
            paragraphs += 1
            if paragraphs == 2:
                break
    return None, []


def _text_date(units: list[_Line], marker: PublishedDate | None,
               options: IngestOptions) -> PublishedDate | None:
    """Marker, else a dateline (with a year), else the latest caption or tweet date."""
    if marker:
        return PublishedDate(marker.date, marker.precision, "text")
    credited = sorted(d for u in units if u.reason in ("photo caption", "embedded tweet")
                      for d in _dates_in(u.text))
    body = [u for u in units if not u.reason]
    for unit in body[:3]:
        match = _DATELINE.match(unit.text)  # "ISTANBUL, Feb 11 (Reuters) -"
        if not match:
            continue
        month, day = _MONTHS[match["mon"][:3].lower()], int(match["day"])
        year = match["year"] or (credited[-1][:4] if credited else None) or (
            options.published[:4] if options.published else None) or _year_after_mentions(body, month)
        found = parse_date(f"{year}-{month:02d}-{day:02d}") if year else None
        if found:
            return PublishedDate(found.date, "day", "text")
        break
    return PublishedDate(credited[-1], "day", "text") if credited else None


def _year_after_mentions(body: list[_Line], month: int) -> str | None:
    """The first year in which `month` falls on or after every month named with a year in the text.

    A report datelined "Feb 11" that recalls "December 2019" was written in February 2020.
    """
    mentions = [(int(m["year"]), _MONTHS[m["mon"][:3].lower()])
                for u in body for m in _MONTH_YEAR.finditer(u.text)]
    mentions += [(int(d[:4]), int(d[5:7])) for u in body for d in _dates_in(u.text)]
    if not mentions:
        return None
    year, latest_month = max(mentions)
    return str(year if month >= latest_month else year + 1)


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, lower case, plain quotes and dashes, one space."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = text.translate(str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"}))
    return " ".join(text.split())


def clean_document(raw: RawDocument, options: IngestOptions) -> Article:
    """The article in `raw`, without page debris, with title, date, outlet and language.

    Metadata (what the input said) beats flags (what the user said) beats nothing; the
    Article records which. Raises ValueError when no article text is left.
    """
    text, meta = _source_text(raw)
    units = _split(text, markdown=raw.content_type == "text/markdown")
    marker, dropped = _strip_marker(units)
    units = [u for u in units if u.text]
    headline = _classify(units)
    sign_outlet, sign_dropped = _strip_sign_off(units)

    published = parse_date(raw.published) or parse_date(meta.get("date"))
    if published:
        published = PublishedDate(published.date, published.precision, "metadata")
    else:
        published = _text_date(units, marker, options)
    if not published and options.published:
        flagged = parse_date(options.published)
        published = PublishedDate(flagged.date, flagged.precision, "flag") if flagged else None
    published = published or PublishedDate(None, "unknown", "unknown")

    title = full_title = (raw.title or meta.get("title") or headline or "").strip() or None
    outlet = raw.outlet or meta.get("sitename") or options.outlet or sign_outlet
    if title:  # "Teen shot on Dalmora Street - KXYZ News 9": the station is no part of the story
        title, site = split_site_name(title, outlet)
        if site:
            dropped.append(DroppedLine(site, "site name"))
    for unit in units:
        if unit.reason and not (unit.reason == "title" and unit.text == full_title):
            dropped.append(DroppedLine(unit.text, unit.reason))
    dropped.extend(sign_dropped)
    body = [u.text for u in units if not u.reason]
    if not body and (not title or _ERROR_PAGE.search(title)):
        raise ValueError("no article text left after removing page debris"
                         if units else "document has no text")
    # a page whose body was all debris still reports what its headline says: the headline is its text
    body = body or [title]
    body_text = "\n\n".join(body)
    # The headline is analysed with the body: it often gives the toll the body spreads over sentences.
    article_text = f"{title}\n\n{body_text}" if title and normalise(body[0]) != normalise(title) else body_text
    return Article(
        id=content_hash(normalise(body_text)),
        uri=raw.uri,
        text=article_text,
        title=title,
        outlet=outlet,
        published=published,
        language=detect_language(article_text),
        dropped=tuple(dropped),
    )
