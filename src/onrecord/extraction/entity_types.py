"""Entity types the statistical NER gets wrong, corrected from evidence in the article.

The small English model calls a country it has never seen a person ("Kelmark") and a
dateline city an organisation ("ORLAVY, March 11 —"). A name is a place when the article
shows it as one: a dateline, "in" before it ("reporters in Orlavy"), a mention the NER
itself calls a place, a person-typed name joined to a place ("Dravonia and Kelmark") or
used as a country's modifier ("the Kelmark capital", "Kelmark Foreign Minister"). A name is
a person when a title stands before it ("Government spokeswoman Liane Porrit"), and a bare
surname is the person of that name; a person-typed "Civic Bloc" is a body.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from onrecord.extraction.roles import has_title

_PLACE_NOUNS = frozenset(
    """
    capital government parliament economy border borders embassy citizens population army
    military troops navy delegation negotiators ministry minister president premier
    currency territory coast mps lawmakers parliamentarians voters newspaper newspapers
    """.split()  # noqa: SIM905
)
"""Nouns that a country's name modifies: "the Kelmark capital", "Kelmark MPs"."""
_PLACE_POSSESSIONS = frozenset(
    "capital parliament territory border borders coast population citizens airspace".split()
)
"""Nouns after a possessive that only a place has: "Kelmark's parliament" (not "Putin's
government", which a person has too), and "Kelmark's Constitutional Court"."""
_DASHES = frozenset({"—", "–", "--", "-"})
_TO_PERSON = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC", "NORP"})
_ORG_WORDS = frozenset(
    """
    party bank agency ministry court council committee office union group company corp
    inc ltd bloc front movement league association institute university press news
    congress parliament senate house government assembly army forces police
    mosque church cathedral temple terminal station airport hospital school college
    stadium hotel mall square street avenue road bridge palace
    """.split()  # noqa: SIM905
)
"""Words of names of bodies and buildings, which are no countries or cities."""
_BODY_HEADS = {
    **dict.fromkeys(
        "party bloc agency ministry committee council association institute university"
        " league movement corp inc ltd".split(),
        "ORG",
    ),
    **dict.fromkeys("square avenue mosque cathedral stadium airport terminal".split(), "FAC"),
}
"""Last words that make a name a body or a building, never a person's surname."""
_NOT_LOCATIVE_IN = frozenset(
    """
    stake share shares stock invest investment interest confidence trust faith belief
    role part member seat job position publish appear print write report study paper
    article journal issue edition
    """.split()  # noqa: SIM905
)
"""Words whose "in" is no place: "a stake in Gazprom", "confidence in Harveth"."""
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir dame".split())
POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
"""A possessive ending of a name ("Kelmark's", "the Kremlin’s", "Reuters'")."""
_MAX_TITLED_NAME_WORDS = 4


def _key(ent: SpacySpan) -> str:
    """A name as the article's mentions share it: "The Kremlin's" → "kremlin"."""
    text = POSSESSIVE.sub("", ent.text.strip()).lower()
    return text[4:] if text.startswith("the ") else text


def correct_entity_types(doc: Doc, spans: Iterable[SpacySpan]) -> list[SpacySpan]:
    """Relabel the entity spans whose NER type the rest of the article contradicts.

    Args:
        doc: the parsed article.
        spans: its entity mentions.

    Returns:
        The same mentions in order, some with a new label (``PERSON`` → ``GPE``,
        ``ORG`` → ``GPE``, ``PRODUCT`` → ``PERSON``, …).
    """
    spans = list(spans)
    people = _person_keys(spans)
    places = _place_keys(spans) - people
    corrected = []
    for ent in spans:
        label = _corrected_label(ent, places, people)
        corrected.append(ent if label == ent.label_ else SpacySpan(doc, ent.start, ent.end, label))
    return corrected


def _corrected_label(ent: SpacySpan, places: set[str], people: set[str]) -> str:
    key = _key(ent)
    if key in people and ent.label_ in _TO_PERSON:
        return "PERSON"
    if key in places and ent.label_ in {"PERSON", "ORG"}:
        return "GPE"
    # "Civic Bloc", "Redan Square": the NER's people whose last word names a body
    if ent.label_ in {"PERSON", "PRODUCT"} and len(key.split()) > 1:
        return _BODY_HEADS.get(key.split()[-1], ent.label_)
    return ent.label_


def _person_keys(spans: list[SpacySpan]) -> set[str]:
    """Names that are people: the titled ones and their surnames, the NER's people."""
    titled = {_key(ent) for ent in spans if _is_titled_name(ent)}
    full = titled | {_key(ent) for ent in spans if ent.label_ == "PERSON"}
    surnames = {key.split()[-1] for key in full if len(key.split()) > 1}
    # a person's surname stands for the person even where the NER typed it otherwise
    return titled | {_key(ent) for ent in spans if _key(ent) in surnames}


def _is_titled_name(ent: SpacySpan) -> bool:
    """ "spokeswoman Liane Porrit", "security minister Wiranto", "Mrs. Potts"."""
    words = [tok for tok in ent if not tok.is_punct]
    if not 0 < len(words) <= _MAX_TITLED_NAME_WORDS or _is_body_name(ent):
        return False
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return has_title(ent) or before in _HONORIFICS


def _is_body_name(ent: SpacySpan) -> bool:
    """A name that reads as an organisation: "the Syrian Army", "YPG", "Homeland Party"."""
    words = [tok for tok in ent if not tok.is_punct and tok.lower_ != "the"]
    acronym = len(words) == 1 and words[0].is_upper and len(words[0]) > 1
    return acronym or any(tok.lower_ in _ORG_WORDS or not tok.is_title for tok in words)


def _place_keys(spans: list[SpacySpan]) -> set[str]:
    """Names the article shows as places.

    Notes:
        A dateline makes a place of any name. Otherwise a name that reads as a body
        ("the Syrian Army") stays one, and an organisation-typed name needs strong
        evidence ("in" before it, the NER's own place label elsewhere), since "the
        Labour government" and "Russia and NATO" put bodies where places go; a
        person-typed name is a place also when it modifies a country's noun or is
        joined to a place, and not on the NER's word alone unless it says so as often.
    """
    labels = Counter((_key(ent), ent.label_) for ent in spans)
    places = set()
    for ent in spans:
        if _is_dateline(ent):
            places.add(_key(ent))
        elif _is_body_name(ent):
            continue
        elif (
            _is_where_something_happens(ent)
            or (ent.label_ == "ORG" and labels[_key(ent), "GPE"])
            or (ent.label_ == "PERSON" and _is_place_by_usage(ent, labels))
        ):
            places.add(_key(ent))
    return places


def _is_place_by_usage(ent: SpacySpan, labels: Counter[tuple[str, str]]) -> bool:
    key = _key(ent)
    return (
        _modifies_place_noun(ent)
        or _is_joined_to_place(ent)
        or labels[key, "GPE"] > labels[key, "PERSON"]
    )


def _is_dateline(ent: SpacySpan) -> bool:
    """ "ORLAVY, March 11 (Dravpress) —", "BRENHOLT —" at the start of a paragraph.

    The place is in capitals or followed by a date; then a dash closes the line's
    opening ("The Syrian Army — whose commander ..." is no dateline).
    """
    doc = ent.doc
    if ent.start > 0 and "\n" not in doc[ent.start - 1].text_with_ws:
        return False
    after = doc[ent.end : ent.end + 10]
    dated = len(after) > 1 and after[0].text == "," and after[1].ent_type_ == "DATE"
    capitals = ent.text.isupper() and bool(after) and after[0].text in {",", "(", *_DASHES}
    if not (dated or capitals):
        return False
    for tok in after:
        if "\n" in tok.text:
            return False
        if tok.text in _DASHES:
            return True
    return False


def _modifies_place_noun(ent: SpacySpan) -> bool:
    """ "the Kelmark capital", "Kelmark Foreign Minister", "Kelmark's parliament"."""
    doc = ent.doc
    position = ent.end
    possessive = position < len(doc) and doc[position].tag_ == "POS"
    position += possessive
    for tok in doc[position : position + 3]:
        if tok.lower_ in (_PLACE_POSSESSIONS if possessive else _PLACE_NOUNS):
            return True
        if possessive and tok.text == "Court":
            return True
        if not (tok.is_title and tok.pos_ in {"PROPN", "ADJ"}):
            return False
    return False


def _is_joined_to_place(ent: SpacySpan) -> bool:
    """ "between Dravonia and Kelmark": a name in a pair with a place is a place."""
    root = ent.root
    partners = [tok for tok in root.children if tok.dep_ == "conj"]
    if root.dep_ == "conj":
        partners.append(root.head)
    # a one-word name only, beside an explicit "and"/"or": a list of places and people
    # ("in Pakistan, Mohammed Waseem") is no such pair
    has_conjunction = any(child.dep_ == "cc" for tok in (root, *partners) for child in tok.children)
    return len(ent) == 1 and has_conjunction and any(tok.ent_type_ == "GPE" for tok in partners)


def _is_where_something_happens(ent: SpacySpan) -> bool:
    """ "told reporters in Orlavy": a bare capitalised name after a locative "in"."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if before is None or before.lower_ != "in" or ent.root.head != before:
        return False
    if ent.end < len(doc) and doc[ent.end].tag_ == "POS":
        return False
    words = [tok for tok in ent if not tok.is_punct]
    return before.head.lemma_.lower() not in _NOT_LOCATIVE_IN and all(
        tok.is_title and tok.lower_ not in _ORG_WORDS for tok in words
    )
