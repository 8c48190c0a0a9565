"""Claims across articles: group attributions that say the same thing, find retellings.

Each quote with content becomes a claim with a sentence embedding. Candidates come from
a locality-sensitive hash index (random hyperplanes in bands; a band is also probed with
each of its least certain bits flipped), so each new claim is compared with a few stored
ones rather than all of them. The hyperplane bits of a claim are also its signature: the
share of bits two signatures differ in estimates the angle between the embeddings, so
only candidates within :data:`NEAR_BITS` of a new claim (at most :data:`MAX_CANDIDATES`
each) have their embeddings read and compared. A claim joins the group of its most
similar stored claim above :data:`SAME_CLAIM`; a claim relayed by an outlet ("as quoted
by Dravpress") links to that outlet's own claim in the group when the store holds it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Protocol

import numpy as np

from onrecord.link.embed import DIMENSIONS, SentenceEncoder
from onrecord.link.names import name_key
from onrecord.records import CONTENT_JOINER, Article, Claim, Quote

SAME_CLAIM = 0.65
"""Cosine similarity from which two claims count as saying the same thing: the top of the
0.58–0.65 plateau of claim-pair F1 on the train part of eval/gold/crossdoc.json."""

CONTRADICTS = 0.75
"""A denial and an assertion of one group contradict only when each of them joined the
group at least this similar (a group's first claim counts 1): a contradiction is a
strong thing to show. On the train part of eval/gold/crossdoc.json every pair above
0.75 restates the same claim; wrong pairs reach 0.70.
"""

MIN_WORDS = 3
"""Contents shorter than this ("the agreement") say too little to be compared."""

_BANDS = 30
_BITS = 15
_FLIPS = 4
"""Per band: 15 hyperplane bits make a key; the key with each of the 4 bits nearest to
their hyperplane flipped is probed too. Chosen on 11,854 stored claims of the 1,000-article
benchmark: 83% of the pairs at or above :data:`SAME_CLAIM` are found, while each claim
meets 1.5% of the store (10 bands of 12 bits probed one bit away found 86% at 6.3%)."""
_SEED = 20240205

INDEX_LAYOUT = f"lsh {_BANDS}x{_BITS} seed {_SEED}"
"""Names the bucket layout; a store whose buckets were made another way re-indexes."""

_KEY_DIGITS = (_BITS + 3) // 4

NEAR_BITS = round(0.33 * _BANDS * _BITS)
"""Signature bits two claims may differ in and still be compared. Of 450 bits, embeddings
at :data:`SAME_CLAIM` differ in 124 on average (450 × angle / π), with a standard
deviation of 9.5, so this keeps about 99% of the pairs that matter."""

MAX_CANDIDATES = 32
"""At most this many stored claims, the nearest by signature, are compared with each new
claim, however full the hash buckets grow."""


@dataclass(frozen=True)
class StoredClaim:
    """A stored claim as grouping sees it."""

    article_id: str
    n: int
    group_id: str
    embedding: np.ndarray
    outlet: str | None
    via: tuple[str, ...]
    relayed_from: str | None


@dataclass(frozen=True)
class Candidate:
    """A stored claim found in a probed hash bucket: its key and its signature."""

    article_id: str
    n: int
    signature: str | None


class ClaimIndex(Protocol):
    """What claim grouping reads from the store."""

    def claim_candidates(self, buckets: Collection[tuple[int, str]]) -> Sequence[Candidate]:
        """Stored claims in any of these ``(band, key)`` hash buckets."""
        ...

    def stored_claims(self, keys: Collection[tuple[str, int]]) -> Sequence[StoredClaim]:
        """The stored claims with these ``(article_id, n)`` keys."""
        ...


@cache
def _planes() -> np.ndarray:
    return np.random.default_rng(_SEED).standard_normal((_BANDS * _BITS, DIMENSIONS))


def _projections(embedding: np.ndarray) -> np.ndarray:
    """Where the embedding lies against each hyperplane: shape ``(bands, bits)``."""
    return (_planes() @ embedding).reshape(_BANDS, _BITS)


def _keys(projections: np.ndarray) -> np.ndarray:
    """Each band's bits read as one integer: shape ``(bands,)``."""
    return (projections > 0).astype(np.int64) @ (1 << np.arange(_BITS - 1, -1, -1))


def _hex(key: int) -> str:
    return f"{key:0{_KEY_DIGITS}x}"


def bucket_keys(embedding: np.ndarray) -> tuple[tuple[int, str], ...]:
    """The hash bucket of an embedding in each band: ``(band, hex key)``."""
    return tuple((band, _hex(key)) for band, key in enumerate(_keys(_projections(embedding))))


def signature(buckets: Sequence[tuple[int, str]]) -> str:
    """A claim's hyperplane bits as hex, band after band (from its bucket keys)."""
    return "".join(key for _, key in sorted(buckets))


def signature_distances(ours: Sequence[str], theirs: Sequence[str | None]) -> np.ndarray:
    """How many bits each of our signatures differs in from each of theirs.

    A missing signature (a claim stored before signatures were kept) counts as 0 bits
    away, so it is always compared.
    """
    blank = "0" * (_BANDS * _KEY_DIGITS)
    mine = _signature_bytes(ours)
    other = _signature_bytes([s or blank for s in theirs])
    bits = np.bitwise_count(mine[:, None, :] ^ other[None, :, :]).sum(axis=-1, dtype=np.int64)
    bits[:, [i for i, s in enumerate(theirs) if not s]] = 0
    return bits


def _signature_bytes(signatures: Sequence[str]) -> np.ndarray:
    raw = bytes.fromhex("".join(signatures))
    return np.frombuffer(raw, dtype=np.uint8).reshape(len(signatures), -1)


def probe_keys(embedding: np.ndarray) -> tuple[tuple[int, str], ...]:
    """The buckets to search: each band's own key, and that key with each of its
    :data:`_FLIPS` least certain bits (those nearest to their hyperplane) flipped."""
    projections = _projections(embedding)
    uncertain = np.argsort(np.abs(projections), axis=1)[:, :_FLIPS]
    flips = 1 << (_BITS - 1 - uncertain)
    return tuple(
        (band, _hex(key ^ flip))
        for band, key in enumerate(_keys(projections))
        for flip in (0, *flips[band])
    )


# what an indirect content starts with but does not claim: "reports … that", "whether"
_LEAD = re.compile(
    r"^(?:(?:reports?|claims?|suggestions?|allegations?|rumou?rs?|charges?)\b[\s…]*)?"
    r"(?:that|whether|if)\b\s*",
    re.IGNORECASE,
)


def claim_text(quote: Quote) -> str:
    """The text a claim is compared by: its content pieces joined, without a lead-in."""
    text = CONTENT_JOINER.join(span.text for span in quote.content).strip()
    return _LEAD.sub("", text) or text


def link_claims(
    article: Article,
    persons: dict[str, str],
    index: ClaimIndex,
    encoder: SentenceEncoder,
) -> tuple[tuple[Claim, ...], tuple[tuple[str, int, str], ...]]:
    """Turn the article's quotes into claims grouped with stored ones.

    Args:
        article: an analysed article; its quotes are numbered from 1 in order.
        persons: article entity id → cross-article person id; also name key → person
            id, for a speaker the extractor named without tying to an entity.
        index: finds stored claims by hash bucket, then reads the chosen ones.
        encoder: the sentence encoder.

    Returns:
        The claims, and the stored claims that this article turns out to be the
        original of: ``(article_id, n, relayed_from)``.
    """
    numbered = [
        (n, quote, text)
        for n, quote in enumerate(article.quotes, start=1)
        if len((text := claim_text(quote)).split()) >= MIN_WORDS
    ]
    if not numbered:
        return (), ()
    vectors = encoder.encode([text for _, _, text in numbered])
    buckets = [bucket_keys(vector) for vector in vectors]
    stored = _nearest_stored(article.id, vectors, buckets, index)
    matrix = np.stack([c.embedding for c in stored]) if stored else np.zeros((0, DIMENSIONS))
    scores = vectors @ matrix.T
    outlet = name_key(article.outlet or "")
    claims: list[Claim] = []
    relays: list[tuple[str, int, str]] = []
    for (n, quote, _), vector, keys, row in zip(numbered, vectors, buckets, scores, strict=True):
        claim_id = f"{article.id}:{n}"
        best = stored[int(np.argmax(row))] if stored else None
        similarity = float(row.max()) if stored else 0.0
        same = [stored[j] for j in np.flatnonzero(row >= SAME_CLAIM)]
        relayed_from = None
        via = {name_key(v.name) for v in quote.via}
        for other in same:
            if other.outlet and _names_outlet(via, other.outlet):
                relayed_from = f"{other.article_id}:{other.n}"
            if outlet and not other.relayed_from and _names_outlet(set(other.via), outlet):
                relays.append((other.article_id, other.n, claim_id))
        group = best.group_id if best is not None and similarity >= SAME_CLAIM else claim_id
        claims.append(
            Claim(
                article_id=article.id,
                n=n,
                person_id=persons.get(quote.speaker_id or "")
                or persons.get(name_key(quote.speaker or "")),
                group_id=group,
                similarity=round(similarity, 4) if group != claim_id else 1.0,
                relayed_from=relayed_from,
                embedding=tuple(float(x) for x in vector),
                buckets=keys,
            )
        )
    return tuple(claims), tuple(relays)


def _nearest_stored(
    article_id: str,
    vectors: np.ndarray,
    buckets: Sequence[tuple[tuple[int, str], ...]],
    index: ClaimIndex,
) -> list[StoredClaim]:
    """The stored claims worth comparing: the nearest to some new claim by signature."""
    # one look-up for the whole article: the union of every claim's probe buckets
    probes = {key for vector in vectors for key in probe_keys(vector)}
    candidates = [c for c in index.claim_candidates(probes) if c.article_id != article_id]
    if not candidates:
        return []
    ours = [signature(keys) for keys in buckets]
    distances = signature_distances(ours, [c.signature for c in candidates])
    chosen: set[tuple[str, int]] = set()
    for row in distances:
        nearest = np.argsort(row, kind="stable")[:MAX_CANDIDATES]
        chosen |= {
            (candidates[j].article_id, candidates[j].n) for j in nearest if row[j] <= NEAR_BITS
        }
    return list(index.stored_claims(sorted(chosen))) if chosen else []


def _names_outlet(via_keys: Collection[str], outlet_key: str) -> bool:
    """Whether a relay name ("the dravpress agency") names the outlet ("dravpress")."""
    outlet_words = set(outlet_key.split())
    return any(outlet_words and outlet_words <= set(key.split()) for key in via_keys)
