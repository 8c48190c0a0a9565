"""The spaCy pipeline components of onrecord, registered in one place.

After ``pip install onrecord``: ``nlp.add_pipe("onrecord_attribution")`` (after a parser and
NER) sets ``doc._.quotes`` (a list of :class:`onrecord.records.Quote`) and
``doc._.onrecord_entities``. ``onrecord_paragraphs`` (before the parser) starts a sentence
at every paragraph.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.extraction.attribution import find_quotes
from onrecord.extraction.attribution.tagger import (
    MODEL_DIR,
    SpanTagger,
    default_tagger,
    model_members,
)
from onrecord.extraction.entities import group_entities
from onrecord.extraction.paragraphs import mark_paragraph_starts

__all__ = ["AttributionComponent", "make_attribution", "mark_paragraph_starts"]


for _name in ("quotes", "onrecord_entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class AttributionComponent:
    """Sets ``doc._.quotes``: the parse rules, with the trained span tagger when enabled.

    Args:
        nlp: the pipeline it joins.
        name: its name in the pipeline.
        use_tagger: run the shipped span tagger (``True``) or the parse rules alone.
    """

    def __init__(self, nlp: Language, name: str, use_tagger: bool = True) -> None:
        self.name = name
        self.tagger: SpanTagger | None = default_tagger() if use_tagger else None
        self.model_dir: Path = MODEL_DIR

    def __call__(self, doc: Doc) -> Doc:
        entities = group_entities(doc)
        tagged = self.tagger.tag(doc.text) if self.tagger is not None else None
        doc._.onrecord_entities = entities
        doc._.quotes = list(find_quotes(doc, entities, tagged=tagged))
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        """Write the tagger model (ONNX, tokenizer, config) into ``path``."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        if self.tagger is not None:
            for name in ("config.json", "tokenizer.json", *model_members(self.tagger.config)):
                shutil.copyfile(self.model_dir / name, folder / name)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> AttributionComponent:
        """Load the tagger model written by :meth:`to_disk` (rules alone when there is none)."""
        folder = Path(path)
        # a folder written without the tagger holds no config; a broken one raises
        has_model = (folder / "config.json").is_file()
        self.tagger = SpanTagger.from_dir(folder) if has_model else None
        self.model_dir = folder
        return self


@Language.factory("onrecord_attribution", default_config={"use_tagger": True})
def make_attribution(nlp: Language, name: str, use_tagger: bool) -> AttributionComponent:
    """Build the attribution component (spaCy factory ``onrecord_attribution``)."""
    return AttributionComponent(nlp, name, use_tagger=use_tagger)
