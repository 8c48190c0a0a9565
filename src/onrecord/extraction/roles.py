"""The roles written beside a person's name: "Foreign Minister", "Kremlin spokesman".

A role is a title before the name ("Dravonian Finance Minister Radek Sovin"), an
apposition after it ("Peskov, the Kremlin spokesman,") or before it ("Her Kelmark
counterpart, Edda Norcross,"), or a "who is the ..." clause.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

ROLE_NOUNS = frozenset(
    """
    minister premier president vice-president chancellor secretary secretary-general
    spokesman spokeswoman spokesperson governor senator congressman congresswoman
    representative lawmaker legislator mp mep councillor councilman councilwoman mayor
    ambassador envoy diplomat consul delegate negotiator commissioner ombudsman
    chief director director-general chairman chairwoman chair head leader deputy
    counterpart aide adviser advisor counsel attorney prosecutor lawyer judge justice
    magistrate official officer inspector sheriff general admiral colonel commander
    lieutenant captain sergeant marshal king queen prince princess emperor monarch pope
    bishop archbishop cardinal imam rabbi sheikh speaker executive ceo cfo coo founder
    owner manager treasurer economist analyst professor researcher scientist editor
    correspondent reporter journalist columnist activist campaigner candidate nominee
    member gen. sen. rep. gov. lt. col. adm. sgt. capt.
    """.split()  # noqa: SIM905
)
"""Head nouns of the titles written before or beside a person's name."""
_NOT_ROLE_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
_PERSON_SUFFIXES = ("er", "or", "ist", "an", "ant", "ent", "man", "woman", "person", "ee", "crat")
"""Endings of nouns for people ("campaigner", "economist", "veteran"); "opposition" or
"charge" before a name are no title."""
_MAX_ROLE_WORDS = 10


PORTFOLIOS = frozenset(
    """
    finance foreign defense defence interior justice health education trade economy economic
    energy agriculture transport labor labour environment culture home
    """.split()  # noqa: SIM905
)
"""Ministerial portfolios: "Finance" in "Finance Minister Radek Sovin" is part of a title."""


def is_portfolio_in_title(ent: SpacySpan) -> bool:
    """Whether an entity mention is only the portfolio of a title ("Finance" Minister)."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return (
        len(ent) == 1
        and ent[0].lower_ in PORTFOLIOS
        and following is not None
        and is_role_word(following)
    )


def is_role_word(tok: Token) -> bool:
    """Whether a token is the head noun of a role: "minister", "Spokesman", "MP", "Gen."."""
    return tok.pos_ in {"NOUN", "PROPN"} and tok.lower_ in ROLE_NOUNS and tok.tag_ != "NNPS"


def _is_role_head(tok: Token) -> bool:
    """A role word, or a singular common noun for a person ("economist", "veteran")."""
    if tok.ent_type_ in _NOT_ROLE_ENTS or tok.tag_ in {"NNS", "NNPS"}:
        return False
    return is_role_word(tok) or (
        tok.pos_ == "NOUN" and tok.is_lower and tok.lower_.endswith(_PERSON_SUFFIXES)
    )


def _role_text(doc: Doc, start: int, end: int) -> str | None:
    """The words ``doc[start:end]`` as a role, leading articles and possessives dropped."""
    while start < end and (doc[start].pos_ in {"DET", "PRON"} or doc[start].is_punct):
        start += 1
    if start >= end or end - start > _MAX_ROLE_WORDS:
        return None
    return doc[start:end].text


def _name_start(ent: SpacySpan) -> int:
    """Where the name proper starts: spaCy sometimes takes in the title ("President Putin")."""
    start = ent.start
    while start < ent.end - 1 and is_role_word(ent.doc[start]):
        start += 1
    return start


def has_title(ent: SpacySpan) -> bool:
    """Whether a role word stands right before the name: "spokeswoman Liane Porrit"."""
    start = _name_start(ent)
    return start > 0 and is_role_word(ent.doc[start - 1])


def _title_before(ent: SpacySpan) -> str | None:
    """ "Dravonian Finance Minister Radek Sovin", "U.S. President Donald Trump"."""
    doc = ent.doc
    name_start = _name_start(ent)
    head = doc[name_start - 1] if name_start > 0 else None
    if head is None or not _is_role_head(head):
        return None
    # a common noun right before a name is its title only when the parse joins them
    # ("analyst Jane Doe"), not in "the bill Pelosi introduced"
    if not is_role_word(head) and not ent.start <= head.head.i < ent.end:
        return None
    start = _title_start(head)
    # "a Republican fundraiser Trump appointed": a title is not indefinite
    if start > 0 and doc[start - 1].lower_ in {"a", "an"}:
        return None
    role = _role_text(doc, start, name_start)
    place = _place_after(ent)
    return f"{role} of {place}" if role and place else role


def _place_after(ent: SpacySpan) -> str | None:
    """The place in "President Milos Harveth of Dravonia", which belongs to the title."""
    doc = ent.doc
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return None
    end = ent.end + 1
    if doc[end].ent_iob_ != "B" or doc[end].ent_type_ != "GPE":
        return None
    end += 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[ent.end + 1 : end].text


def _title_start(head: Token) -> int:
    """Where the title ending in ``head`` starts: its run of modifiers to the left."""
    doc = head.doc
    start = head.i
    while start > 0 and not doc[start].is_sent_start and _is_title_modifier(doc[start - 1]):
        start -= 1
    return start


def _is_title_modifier(tok: Token) -> bool:
    """A word that may stand inside a title before its head: "Dravonian", "Finance", "'s"."""
    if tok.ent_type_ in _NOT_ROLE_ENTS or (tok.tag_ == "NNS" and tok.is_lower):
        return False
    if tok.tag_ == "POS":
        return True
    # a common noun joins the title only when the parse hangs it on a later word:
    # not "charge" in "the charge opposition leader Vera Kallisto made"
    if tok.pos_ == "NOUN" and tok.is_lower and tok.head.i <= tok.i:
        return False
    return tok.pos_ in {"PROPN", "NOUN", "ADJ"} and not tok.is_punct


def _apposition_after(ent: SpacySpan) -> str | None:
    """ "Peskov, the Kremlin spokesman," and "Crewe, who is the leader of ..."."""
    for tok in ent.root.rights:
        if tok.dep_ == "appos" and _is_role_head(tok) and not tok.ent_type_:
            return _phrase_of(tok)
        if tok.dep_ == "relcl" and tok.lemma_ == "be":
            subject = [t for t in tok.lefts if t.dep_ == "nsubj" and t.lower_ == "who"]
            for attr in tok.rights:
                if subject and attr.dep_ == "attr" and _is_role_head(attr):
                    return _phrase_of(attr)
    return None


def _apposition_before(ent: SpacySpan) -> str | None:
    """ "Her Kelmark counterpart, Edda Norcross," → "Kelmark counterpart"."""
    root = ent.root
    head = root.head
    if root.dep_ != "appos" or head.i >= ent.start or not _is_role_head(head):
        return None
    # the apposition is set off by a comma: "counterpart, Edda Norcross"
    if ent.start == 0 or ent.doc[ent.start - 1].text != ",":
        return None
    return _role_text(ent.doc, _title_start(head), head.i + 1)


def _phrase_of(head: Token) -> str | None:
    """The noun phrase of ``head`` up to a comma or a relative clause."""
    doc = head.doc
    end = head.i + 1
    for tok in doc[head.i + 1 : head.right_edge.i + 1]:
        if tok.is_punct or tok.dep_ in {"relcl", "acl"} or tok.tag_ in {"WDT", "WP"}:
            break
        end = tok.i + 1
    return _role_text(doc, head.left_edge.i, end)


def role_of(ent: SpacySpan) -> str | None:
    """The title written before a person's name or in apposition to it, if any.

    Args:
        ent: a name in a parsed document ("Edda Norcross").

    Returns:
        The role as written, leading articles and possessive pronouns dropped
        ("Dravonian Finance Minister", "Kremlin spokesman"); None when there is none.

    Notes:
        Titles are found on the surface and checked against the parse, because spaCy
        tags title-case titles ("Foreign Minister") as proper nouns and often attaches
        them loosely: a run of modifiers ending in a role noun right before the name,
        an apposition after it ("Peskov, the Kremlin spokesman,") or before it ("Her
        Kelmark counterpart, Edda Norcross,"), or "who is the ...".
    """
    return _title_before(ent) or _apposition_after(ent) or _apposition_before(ent)
