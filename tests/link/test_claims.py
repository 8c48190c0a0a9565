import numpy as np
import pytest

from onrecord.link.claims import (
    NEAR_BITS,
    SAME_CLAIM,
    Candidate,
    StoredClaim,
    bucket_keys,
    claim_text,
    link_claims,
    probe_keys,
    signature,
    signature_distances,
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

    def claim_candidates(self, keys):
        wanted = set(keys)
        return [
            Candidate(stored.article_id, stored.n, signature(buckets))
            for stored, buckets in self.claims
            if set(buckets) & wanted
        ]

    def stored_claims(self, keys):
        wanted = set(keys)
        return [stored for stored, _ in self.claims if (stored.article_id, stored.n) in wanted]


def test_claim_text_drops_the_lead_in():
    text = "She denied reports that the talks had failed."
    quote = _quote(text, "reports that the talks had failed")
    assert claim_text(quote) == "the talks had failed"


def test_buckets_are_deterministic_and_probed():
    vector = default_encoder().encode(["The talks will resume in June."])[0]
    assert bucket_keys(vector) == bucket_keys(vector.copy())
    assert set(bucket_keys(vector)) <= set(probe_keys(vector))
    assert len(probe_keys(vector)) == 30 * 5


@pytest.mark.slow
def test_a_retold_claim_joins_the_group_and_a_relay_finds_its_original():
    index, encoder = MemoryIndex(), default_encoder()
    text = "Sovin said the joint currency could not be introduced before 2027."
    first = _article(
        text, "Dravpress", _quote(text, "the joint currency could not be introduced before 2027")
    )
    claims, _ = link_claims(first, {"e1": "p1"}, index, encoder)
    index.add(first, claims)
    assert claims[0].group_id == f"{first.id}:1" and claims[0].person_id == "p1"

    text = "The currency cannot come before 2027, Sovin was quoted by Dravpress as saying."
    retold = _article(
        text, "Orlavy Post", _quote(text, "The currency cannot come before 2027", via=["Dravpress"])
    )
    claims, relays = link_claims(retold, {}, index, encoder)
    assert claims[0].group_id == f"{first.id}:1"
    assert claims[0].similarity >= SAME_CLAIM
    assert claims[0].relayed_from == f"{first.id}:1"
    assert relays == ()

    text = "Stocks in Brenholt fell sharply on Monday, traders said."
    other = _article(text, "Ledger", _quote(text, "Stocks in Brenholt fell sharply on Monday"))
    claims, _ = link_claims(other, {}, index, encoder)
    assert claims[0].group_id == f"{other.id}:1"


@pytest.mark.slow
def test_an_original_arriving_after_its_retelling_is_linked_back():
    index, encoder = MemoryIndex(), default_encoder()
    text = "The currency cannot come before 2027, Sovin was quoted by Dravpress as saying."
    retold = _article(
        text, "Orlavy Post", _quote(text, "The currency cannot come before 2027", via=["Dravpress"])
    )
    claims, _ = link_claims(retold, {}, index, encoder)
    index.add(retold, claims)
    text = "Sovin said the joint currency could not be introduced before 2027."
    original = _article(
        text, "Dravpress", _quote(text, "the joint currency could not be introduced before 2027")
    )
    _, relays = link_claims(original, {}, index, encoder)
    assert relays == ((retold.id, 1, f"{original.id}:1"),)


@pytest.mark.slow
def test_a_speaker_without_an_entity_is_found_by_name():
    text = "Sovin said the joint currency could not be introduced before 2027."
    quote = _quote(text, "the joint currency could not be introduced before 2027")
    article = _article(
        text, "Dravpress", Quote(**{**quote.__dict__, "speaker": "Radek Sovin", "speaker_id": None})
    )
    claims, _ = link_claims(article, {"radek sovin": "p1"}, MemoryIndex(), default_encoder())
    assert claims[0].person_id == "p1"


def test_signature_distance_tracks_the_angle_between_embeddings():
    encoder = default_encoder()
    same, retold, unrelated = encoder.encode(
        [
            "The joint currency could not be introduced before 2027.",
            "The currency cannot come before 2027.",
            "Stocks in Brenholt fell sharply on Monday.",
        ]
    )
    ours = signature(bucket_keys(same))
    assert len(ours) == 120 and ours == signature(tuple(reversed(bucket_keys(same))))
    distances = signature_distances(
        [ours], [ours, signature(bucket_keys(retold)), signature(bucket_keys(unrelated)), None]
    )[0]
    assert distances[0] == 0
    assert distances[1] <= NEAR_BITS < distances[2]
    assert distances[3] == 0  # a claim stored without a signature is always compared


def test_only_candidates_near_by_signature_are_read():
    class CountingIndex(MemoryIndex):
        read: list = []

        def stored_claims(self, keys):
            self.read.extend(keys)
            return super().stored_claims(keys)

    index, encoder = CountingIndex(), default_encoder()
    text = "Sovin said the joint currency could not be introduced before 2027."
    first = _article(
        text, "Dravpress", _quote(text, "the joint currency could not be introduced before 2027")
    )
    claims, _ = link_claims(first, {}, index, encoder)
    index.add(first, claims)
    opposite = "".join(f"{15 - int(digit, 16):x}" for digit in signature(claims[0].buckets))
    far = Candidate(first.id, 1, opposite)  # every bit differs: never worth reading
    index.claim_candidates = lambda keys: [far]
    text = "The currency cannot come before 2027, Sovin said."
    retold = _article(text, "Ledger", _quote(text, "The currency cannot come before 2027"))
    claims, _ = link_claims(retold, {}, index, encoder)
    assert index.read == [] and claims[0].group_id == f"{retold.id}:1"
