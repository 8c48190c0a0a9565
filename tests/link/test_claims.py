import numpy as np
import pytest

from onrecord.link.claims import (
    SAME_CLAIM,
    StoredClaim,
    bucket_keys,
    claim_text,
    link_claims,
    probe_keys,
)
from onrecord.link.embed import default_encoder
from onrecord.records import Article, Quote, Span, Via


def _article(text: str, outlet: str, *quotes: Quote) -> Article:
    return Article(text=text, outlet=outlet, analysed=True, quotes=quotes)


def _quote(text: str, content: str, polarity="assert", via=()) -> Quote:
    start = text.index(content)
    return Quote(
        kind="indirect",
        content=(Span.of(text, start, start + len(content)),),
        cue=None,
        source=None,
        speaker="Someone",
        speaker_id="e1",
        via=tuple(Via(name, None) for name in via),
        polarity=polarity,
    )


class MemoryIndex:
    """Claims kept in a list and found through the same hash buckets the store uses."""

    def __init__(self) -> None:
        self.claims: list[tuple[StoredClaim, tuple]] = []

    def add(self, article: Article, claims) -> None:
        for claim in claims:
            quote = article.quotes[claim.n - 1]
            stored = StoredClaim(
                claim.article_id,
                claim.n,
                claim.group_id,
                np.asarray(claim.embedding),
                article.outlet.lower(),
                tuple(v.name.lower() for v in quote.via),
                claim.relayed_from,
            )
            self.claims.append((stored, claim.buckets))

    def lookup(self, keys):
        wanted = set(keys)
        return [stored for stored, buckets in self.claims if set(buckets) & wanted]


def test_claim_text_drops_the_lead_in():
    text = "She denied reports that the talks had failed."
    quote = _quote(text, "reports that the talks had failed")
    assert claim_text(quote) == "the talks had failed"


def test_buckets_are_deterministic_and_probed():
    vector = default_encoder().encode(["The talks will resume in June."])[0]
    assert bucket_keys(vector) == bucket_keys(vector.copy())
    assert set(bucket_keys(vector)) <= set(probe_keys(vector))
    assert len(probe_keys(vector)) == 10 * 13


@pytest.mark.slow
def test_a_retold_claim_joins_the_group_and_a_relay_finds_its_original():
    index, encoder = MemoryIndex(), default_encoder()
    text = "Sovin said the joint currency could not be introduced before 2027."
    first = _article(
        text, "Dravpress", _quote(text, "the joint currency could not be introduced before 2027")
    )
    claims, _ = link_claims(first, {"e1": "p1"}, index.lookup, encoder)
    index.add(first, claims)
    assert claims[0].group_id == f"{first.id}:1" and claims[0].person_id == "p1"

    text = "The currency cannot come before 2027, Sovin was quoted by Dravpress as saying."
    retold = _article(
        text, "Orlavy Post", _quote(text, "The currency cannot come before 2027", via=["Dravpress"])
    )
    claims, relays = link_claims(retold, {}, index.lookup, encoder)
    assert claims[0].group_id == f"{first.id}:1"
    assert claims[0].similarity >= SAME_CLAIM
    assert claims[0].relayed_from == f"{first.id}:1"
    assert relays == ()

    text = "Stocks in Brenholt fell sharply on Monday, traders said."
    other = _article(text, "Ledger", _quote(text, "Stocks in Brenholt fell sharply on Monday"))
    claims, _ = link_claims(other, {}, index.lookup, encoder)
    assert claims[0].group_id == f"{other.id}:1"


@pytest.mark.slow
def test_an_original_arriving_after_its_retelling_is_linked_back():
    index, encoder = MemoryIndex(), default_encoder()
    text = "The currency cannot come before 2027, Sovin was quoted by Dravpress as saying."
    retold = _article(
        text, "Orlavy Post", _quote(text, "The currency cannot come before 2027", via=["Dravpress"])
    )
    claims, _ = link_claims(retold, {}, index.lookup, encoder)
    index.add(retold, claims)
    text = "Sovin said the joint currency could not be introduced before 2027."
    original = _article(
        text, "Dravpress", _quote(text, "the joint currency could not be introduced before 2027")
    )
    _, relays = link_claims(original, {}, index.lookup, encoder)
    assert relays == ((retold.id, 1, f"{original.id}:1"),)


@pytest.mark.slow
def test_a_speaker_without_an_entity_is_found_by_name():
    text = "Sovin said the joint currency could not be introduced before 2027."
    quote = _quote(text, "the joint currency could not be introduced before 2027")
    article = _article(
        text, "Dravpress", Quote(**{**quote.__dict__, "speaker": "Radek Sovin", "speaker_id": None})
    )
    claims, _ = link_claims(article, {"radek sovin": "p1"}, MemoryIndex().lookup, default_encoder())
    assert claims[0].person_id == "p1"
