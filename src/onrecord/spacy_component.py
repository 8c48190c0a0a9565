"""The spaCy pipeline components of onrecord, registered in one place.

After ``pip install onrecord``: ``nlp.add_pipe("onrecord_attribution")`` sets
``doc._.quotes`` (a list of :class:`onrecord.records.Quote`) and ``doc._.onrecord_entities``.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.extract.attribution import find_quotes
from onrecord.extract.entities import group_entities

for _name in ("quotes", "onrecord_entities"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class AttributionComponent:
    """Sets ``doc._.quotes`` from the parse of a document (needs a parser and NER before it)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        entities = group_entities(doc)
        doc._.onrecord_entities = entities
        doc._.quotes = list(find_quotes(doc, entities))
        return doc


@Language.factory("onrecord_attribution", default_config={})
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    """Build the attribution component (spaCy factory ``onrecord_attribution``)."""
    return AttributionComponent(nlp, name)
