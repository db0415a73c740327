"""Run the real pipeline over short texts the tests write themselves."""
from __future__ import annotations

from functools import lru_cache

from sitroom.pipeline import DocState, build_pipeline
from sitroom.records import Article, PublishedDate, content_hash


@lru_cache(maxsize=1)
def pipeline():
    return build_pipeline()


def analyse(text: str, published: str | None = "2020-02-11", title: str | None = None):
    """DocState of the full pipeline over `text`, published on `published` (a Tuesday by default); with
    a `title`, the text is that headline and the body, as cleaning makes it (a text that is its title is a
    page whose body was all debris)."""
    if title is not None and text != title:
        text = f"{title}\n\n{text}"
    article = Article(id=content_hash(text), uri="test://" + content_hash(text), text=text, title=title,
                      outlet="Test Wire", published=PublishedDate(published, "day" if published else "unknown",
                                                                  "metadata" if published else "unknown"))
    return pipeline()(DocState(article=article))


def countries(actors) -> set[str]:
    return {a.country for a in actors}
