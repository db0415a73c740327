"""clean_document: page debris out (and recorded), title, date, outlet, stable ids.

All article text here is written for these tests, in the style of real news pages.
"""
from __future__ import annotations

import pytest

from sitroom.ingest.options import IngestOptions
from sitroom.pipeline.clean import clean_document, normalise, parse_date
from sitroom.records import PublishedDate, RawDocument

OPTS = IngestOptions()

P1 = ("Heavy fighting broke out around the river town of Dalmora on Tuesday, "
      "local officials said, forcing hundreds of families to leave.")
P2 = ("“We heard the shelling all night,” said Amira Haddad, a teacher who fled with her children.")
P3 = ("The regional governor said at least nine soldiers had been killed in the clashes, "
      "though the figure could not be independently verified. ")
P4 = "Talks between the two sides are expected to resume next week in the capital."


def clean(text: str, options: IngestOptions = OPTS, **raw) -> object:
    return clean_document(RawDocument(uri=raw.pop("uri", "mem://a"), data=text, **raw), options)


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def reasons(article) -> dict[str, str]:
    return {d.text: d.reason for d in article.dropped}


def test_plain_article_is_kept_whole():
    article = clean(page(P1, P2, P3, P4))
    assert article.text == "\n\n".join([P1, P2, P3.strip(), P4])
    assert article.dropped == () and article.title is None
    assert article.language == "en"


def test_debris_kinds_are_dropped_with_reasons():
    text = page(
        "Home Regional Affairs",
        "Dalmora Fighting Spreads As Talks Stall Between Rival Commanders",
        "By Layla Mansour and Tomas Berg",
        P1,
        "Why The Northern Militias Keep Winning Ground In The Valley?",
        P2,
        "Another bridge over the river has been destroyed in the fighting, a monitor reports",
        "A family walks past a damaged school in Dalmora on March 3, 2021. (Omar Said / Reuters)",
        "Relief convoy near the border crossing, via AFP.",
        "casualties",
        P3,
        "Ceasefire Watch: 5 Things To Know About The Valley Talks",
        "Convoys are stuck at the crossing again. #Dalmora pic.twitter.com/AbC123xyz"
        " — Sami Noor (@saminoor) March 4, 2021",
        "Talks in the capital",
        P4,
        "Share this:",
        "Click to share on Twitter (Opens in new window)",
        "Read more",
        "Subscribe",
        "Switch to desktop version",
    )
    article = clean(text)
    assert article.title == "Dalmora Fighting Spreads As Talks Stall Between Rival Commanders"
    assert article.body == "\n\n".join([P1, P2, P3.strip(), P4])
    assert article.text == "\n\n".join([article.title, article.body])  # the headline is analysed too
    assert reasons(article) == {
        "Home Regional Affairs": "navigation",
        "By Layla Mansour and Tomas Berg": "byline",
        "Why The Northern Militias Keep Winning Ground In The Valley?": "injected headline",
        "Another bridge over the river has been destroyed in the fighting, a monitor reports":
            "injected headline",
        "A family walks past a damaged school in Dalmora on March 3, 2021. (Omar Said / Reuters)":
            "photo caption",
        "Relief convoy near the border crossing, via AFP.": "photo caption",
        "casualties": "section heading",
        "Ceasefire Watch: 5 Things To Know About The Valley Talks": "injected headline",
        "Convoys are stuck at the crossing again. #Dalmora pic.twitter.com/AbC123xyz"
        " — Sami Noor (@saminoor) March 4, 2021": "embedded tweet",
        "Talks in the capital": "section heading",
        "Share this:": "share buttons",
        "Click to share on Twitter (Opens in new window)": "share buttons",
        "Read more": "site chrome",
        "Subscribe": "site chrome",
        "Switch to desktop version": "site chrome",
    }
    # the caption's and the tweet's dates are read before they go: the latest wins
    assert article.published == PublishedDate("2021-03-04", "day", "text")


def test_real_paragraphs_survive():
    ending_in_quote = "The minister said the army would “not retreat one step” "
    question = "Who will pay for the rebuilding of the valley, and when will the money arrive?"
    intro = "In a statement, the council listed three demands:"
    article = clean(page(P1, ending_in_quote, question, intro, P4))
    assert article.dropped == ()
    assert article.text.split("\n\n") == [P1, ending_in_quote.strip(), question, intro, P4]


def test_first_line_sentence_is_not_a_title():
    article = clean(page(P1, P2))
    assert article.title is None and article.text.startswith(P1)


def test_title_from_metadata_wins_but_headline_line_is_still_removed():
    article = clean(page("Fighting Near Dalmora", P1), title="Fighting near Dalmora, officials say")
    assert article.title == "Fighting near Dalmora, officials say"
    assert article.body == P1 and article.text == article.title + "\n\n" + P1
    assert reasons(article) == {"Fighting Near Dalmora": "title"}


def test_leading_date_marker_is_read_and_removed():
    article = clean(" date 2021-06-02 " + P1 + "\n\n" + P2)
    assert article.published == PublishedDate("2021-06-02", "day", "text")
    assert article.text.startswith("Heavy fighting broke out")
    assert reasons(article) == {"date 2021-06-02": "date marker"}


def test_dateline_needs_a_year():
    with_year = "DALMORA, June 5, 2021 (Reuters) - " + P1
    assert clean(page(with_year, P2)).published == PublishedDate("2021-06-05", "day", "text")
    no_year = "DALMORA, Jun 5 (Reuters) - " + P1
    assert clean(page(no_year, P2)).published == PublishedDate(None, "unknown", "unknown")
    caption = "Smoke rises over Dalmora on June 4, 2021. (Lena Ortiz / AFP)"
    assert clean(page(no_year, caption, P2)).published == PublishedDate("2021-06-05", "day", "text")


def test_date_order_metadata_text_flag_unknown():
    marked = "date 2021-06-02\n\n" + page(P1, P2)
    flag = IngestOptions(published="2021-07-01")
    assert clean(marked, flag, published="2021-05-30T08:15:00Z").published == PublishedDate(
        "2021-05-30", "day", "metadata")
    assert clean(marked, flag).published == PublishedDate("2021-06-02", "day", "text")
    assert clean(page(P1, P2), flag).published == PublishedDate("2021-07-01", "day", "flag")
    assert clean(page(P1, P2), IngestOptions(published="2021-07")).published == PublishedDate(
        "2021-07-01", "month", "flag")
    assert clean(page(P1, P2)).published == PublishedDate(None, "unknown", "unknown")


def test_parse_date_forms():
    assert parse_date("Tue, 11 Feb 2020 10:00:00 GMT") == PublishedDate("2020-02-11", "day")
    assert parse_date("March 3, 2021") == PublishedDate("2021-03-03", "day")
    assert parse_date("2020") == PublishedDate("2020-01-01", "year")
    assert parse_date("2020-02-31") is None and parse_date("soon") is None


def test_outlet_order_and_sign_off():
    signed = page(P1, P2, "The council will meet again on Friday. — Valley Herald", P4)
    article = clean(signed)
    assert article.outlet == "Valley Herald"
    assert "Valley Herald" not in article.text
    assert "The council will meet again on Friday." in article.text
    assert reasons(article) == {"— Valley Herald": "sign-off"}
    assert clean(signed, IngestOptions(outlet="Flag News")).outlet == "Flag News"
    assert clean(signed, IngestOptions(outlet="Flag News"), outlet="Meta Daily").outlet == "Meta Daily"
    assert clean(page(P1, P2)).outlet is None


def test_same_story_with_different_debris_has_the_same_id():
    plain = clean(page(P1, P2, P3, P4), uri="a")
    messy = clean(page("Home World News", "Dalmora Fighting Spreads", P1,
                       "Rival Commanders Meet In Secret As Valley Burns", P2,
                       "A convoy in Dalmora, via AFP.", P3, "Share this:", P4, "Read more"), uri="b")
    respaced = clean(page(P1.upper(), "  " + P2.replace(" ", "   "), P3, P4), uri="c")
    assert plain.id == messy.id == respaced.id
    assert clean(page(P1, P2, P3), uri="d").id != plain.id
    assert normalise("“A”  –\tB") == '"a" - b'


def test_hard_wrapped_paragraphs_are_joined():
    wrapped = ("Heavy fighting broke out around the river town of Dalmora on Tuesday,\n"
               "local officials said, forcing hundreds of families to leave their homes\n"
               "and seek shelter in the hills.")
    article = clean(page(wrapped, P4))
    assert article.dropped == ()
    assert article.text.split("\n\n")[0] == " ".join(wrapped.split("\n"))


def test_markdown_headings_links_and_images():
    text = page("# Dalmora under fire", "![smoke](img/smoke.jpg)",
                "Heavy fighting broke out around [Dalmora](https://example.invalid/d) on Tuesday.",
                "## What comes next", P4)
    article = clean(text, content_type="text/markdown")
    assert article.title == "Dalmora under fire"
    assert article.body == "Heavy fighting broke out around Dalmora on Tuesday.\n\n" + P4
    assert reasons(article) == {"![smoke](img/smoke.jpg)": "photo caption",
                                "What comes next": "section heading"}


def test_html_goes_through_trafilatura_with_metadata():
    html = ("<html><head><title>Dalmora under fire | Valley Herald</title>"
            "<meta property='og:site_name' content='Valley Herald'>"
            "<meta property='article:published_time' content='2021-06-03T10:00:00Z'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article>"
            "<h1>Dalmora under fire</h1>"
            f"<p>{P1}</p><p>Share this:</p><p>{P4}</p></article>"
            "<footer>All rights reserved</footer></body></html>")
    article = clean(html, content_type="text/html")
    assert article.title == "Dalmora under fire"
    assert article.outlet == "Valley Herald"
    assert article.published == PublishedDate("2021-06-03", "day", "metadata")
    assert article.body == P1 + "\n\n" + P4


def test_bytes_are_decoded():
    article = clean_document(RawDocument(uri="b", data=page(P1, P4).encode("utf-8")), OPTS)
    assert article.text == P1 + "\n\n" + P4


def test_nothing_left_is_an_error():
    with pytest.raises(ValueError, match="no article text left"):
        clean(page("Home News", "Share this:", "Read more"))
    with pytest.raises(ValueError, match="no article text found"):
        clean("<html><body></body></html>", content_type="text/html")


def test_short_html_fragment_from_a_feed_summary():
    article = clean("<p>Aid trucks crossed the border at dawn.</p>", content_type="text/html")
    assert article.text == "Aid trucks crossed the border at dawn."


def test_wire_credits_masthead_and_syndication_note():
    wire = page("Valley Herald - World", "Dalmora shelled as talks stall in the capital",
                "DALMORA, Jun 5 (Valley Wire) - " + P1, P2,
                "The fighting is the worst since the truce of November 2020 collapsed.",
                "This story was distributed by Valley Wire and has not been edited by Herald staff.",
                "Share on Facebook | Leave a comment",
                "(Reporting by Valley Wire staff; editing by the river desk)")
    article = clean(wire)
    assert article.title == "Dalmora shelled as talks stall in the capital"
    assert reasons(article) == {
        "Valley Herald - World": "site chrome",
        "This story was distributed by Valley Wire and has not been edited by Herald staff.":
            "syndication note",
        "Share on Facebook | Leave a comment": "share buttons",
        "(Reporting by Valley Wire staff; editing by the river desk)": "byline",
    }
    # the dateline has no year; the text recalls November 2020, so June 5 is in 2021
    assert article.published == PublishedDate("2021-06-05", "day", "text")


def test_the_headline_is_analysed_but_not_hashed():
    """A re-post under another headline keeps its id: the id hashes the body alone."""
    one = clean(page("Fighting Near Dalmora", P1, P2))
    other = clean(page("Dalmora Shelled Again", P1, P2))
    assert one.text.startswith("Fighting Near Dalmora\n\n") and other.text.startswith("Dalmora Shelled Again\n\n")
    assert one.id == other.id and one.body == other.body


def test_a_page_of_debris_under_a_headline_is_its_headline():
    article = clean("You are the owner of this article.", title="Two men shot outside Dalmora bar")
    assert article.text == article.body == "Two men shot outside Dalmora bar"
    assert article.headline_end == len(article.text)  # all headline: read with the headline's rules
    assert reasons(article) == {"You are the owner of this article.": "site chrome"}
    with pytest.raises(ValueError, match="no article text left"):
        clean("You are the owner of this article.", title="Page Not Found")


def test_registration_and_player_prompts_are_site_chrome():
    prompts = ["Just One More Thing...",
               "If you do not receive the verification message within a few minutes of signing up, please check "
               "your Spam or Junk folder.",
               "By submitting your registration information, you agree to our Terms of Service.",
               "We have sent a confirmation email to {* data_emailAddress *}. Please check your email.",
               "Having trouble viewing the video? Try disabling any ad blocking extensions.",
               "Click here to return to the page you were visiting.",
               "Re-enter your zip code or sign up for digital access.", "Get digital access",
               "Click on the button below to set up your account or log in.",
               "Please confirm or modify the email address we will send offers to.", "Total Access",
               "Enjoy the convenience of home delivery plus our app.",
               "Channel 9 has joined forces with the most trusted local radio stations in Dalmora."]
    article = clean(page(*prompts, P1), title="Two men shot outside Dalmora bar")
    assert article.text.endswith(P1) and not any(p in article.text for p in prompts)
    assert set(reasons(article).values()) == {"site chrome"}


def test_a_carousels_captions_run_together_are_debris():
    carousel = ("Caption Double homicide investigated in Harbourton Double homicide investigated in Harbourton. "
                "(WXYZ) Caption Dalmora school board votes on budget Dalmora school board votes on budget. (WXYZ) "
                "Caption More stories you might like More stories you might like")
    article = clean(page(P1, carousel, P4))
    assert reasons(article) == {carousel: "photo caption"}  # other stories' headlines, not this one's figures
    assert article.body == "\n\n".join([P1, P4])


def test_a_paragraph_that_begins_with_the_word_caption_otherwise_stays():
    text = "Captions on the footage were added by the ministry, a spokesman for the council said on Friday."
    assert clean(page(P1, text, P4)).dropped == ()
