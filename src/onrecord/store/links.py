"""The cross-article record in SQL: people, claims, stories and facts (schema v3).

A mixin for every SQL backend, written with portable SQL against four primitives the
backend provides: ``_fetch`` (rows as dicts), ``_run``, ``_run_many`` and
``_transaction``, all with ``?`` placeholders.
"""

from __future__ import annotations

import base64
import json
import logging
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from onrecord.errors import StorageError
from onrecord.link.claims import (
    CONTRADICTS,
    INDEX_LAYOUT,
    Candidate,
    StoredClaim,
    bucket_keys,
    signature,
)
from onrecord.link.facts import TOLERANCE_YEARS
from onrecord.link.names import PersonName, acronym, name_key
from onrecord.link.people import IdentityRule, KnownPerson, role_words
from onrecord.link.stories import StoredStory
from onrecord.records import ArticleLinks, DateEstimate, article_from_dict, article_to_dict

log = logging.getLogger(__name__)

_NEIGHBOURS = 50  # co-occurring people kept per stored person for identity evidence
_RECENT_ARTICLES = 50  # articles of a stored person its neighbours are read from


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims to list; every field narrows the result.

    ``about``: words the content or speaker must contain; ``contradictions``: only
    claims whose group holds both assertions and denials.
    """

    about: str | None = None
    speaker: str | None = None
    story_id: str | None = None
    contradictions: bool = False
    limit: int | None = None


def _marks(values: Collection[object]) -> str:
    return ", ".join("?" * len(values))


_KEYS_PER_QUERY = 500
"""Claims or hash buckets asked for per query: well inside both backends' limits on bound
parameters."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _encode(vector: Sequence[float]) -> str:
    return base64.b64encode(np.asarray(vector, dtype=np.float32).tobytes()).decode("ascii")


def _decode(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.float32)


def _surname(key: str, kind: str) -> str:
    return PersonName.parse(key).surname if kind == "PERSON" else acronym(key)


class LinkTables:
    """People, claims, stories and facts across articles, for a SQL :class:`Store`."""

    def _fetch(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def _run(self, sql: str, params: Sequence[object] = ()) -> None:
        raise NotImplementedError

    def _run_many(self, sql: str, rows: Iterable[Sequence[object]]) -> None:
        raise NotImplementedError

    def _transaction(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    # --- the read side linking needs (onrecord.link.linker.LinkIndex) ---

    def person_fact_years(self, people: Collection[str]) -> dict[tuple[str, str], list[int]]:
        """The years that dated articles' ages and tenures imply, per (person, kind)."""
        years: dict[tuple[str, str], list[int]] = defaultdict(list)
        if people:
            people = sorted(people)
            for row in self._fetch(
                "SELECT person_id, kind, implied_year FROM person_facts"
                f" WHERE person_id IN ({_marks(people)})",
                people,
            ):
                years[row["person_id"], row["kind"]].append(int(row["implied_year"]))
        return dict(years)

    def known_people(self, keys: Collection[str]) -> list[KnownPerson]:
        """Stored people known under any of these keys, surnames or acronyms."""
        if not keys:
            return []
        keys = sorted(keys)
        rows = self._fetch(
            "SELECT DISTINCT p.id, p.name, p.type FROM person_names n"
            " JOIN persons p ON p.id = n.person_id"
            f" WHERE n.key IN ({_marks(keys)}) OR n.surname IN ({_marks(keys)})",
            (*keys, *keys),
        )
        if not rows:
            return []
        ids = [row["id"] for row in rows]
        names: dict[str, set[str]] = defaultdict(set)
        for row in self._fetch(
            f"SELECT person_id, key FROM person_names WHERE person_id IN ({_marks(ids)})", ids
        ):
            names[row["person_id"]].add(row["key"])
        roles: dict[str, set[str]] = defaultdict(set)
        articles: dict[str, set[str]] = defaultdict(set)
        for row in self._fetch(
            "SELECT m.person_id, m.article_id, e.roles FROM person_mentions m"
            " JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id"
            f" WHERE m.person_id IN ({_marks(ids)})",
            ids,
        ):
            roles[row["person_id"]] |= role_words(json.loads(row["roles"]))
            articles[row["person_id"]].add(row["article_id"])
        neighbours: dict[str, list[str]] = defaultdict(list)
        for person_id in ids:
            # the people of the person's latest articles: bounded however famous they are
            for row in self._fetch(
                "SELECT b.person_id AS other, COUNT(*) AS shared FROM person_mentions b"
                " WHERE b.person_id != ? AND b.article_id IN (SELECT article_id FROM"
                " person_mentions WHERE person_id = ? ORDER BY article_id DESC LIMIT ?)"
                " GROUP BY b.person_id ORDER BY shared DESC",
                (person_id, person_id, _RECENT_ARTICLES),
            )[:_NEIGHBOURS]:
                neighbours[person_id].append(row["other"])
        return [
            KnownPerson(
                id=row["id"],
                name=row["name"],
                type=row["type"],
                keys=frozenset(names[row["id"]]),
                roles=frozenset(roles[row["id"]]),
                neighbours=frozenset(neighbours[row["id"]]),
                articles=len(articles[row["id"]]),
            )
            for row in rows
        ]

    def identity_rules(self, keys: Collection[str]) -> list[IdentityRule]:
        """The user's identity rules that mention any of these keys."""
        if not keys:
            return []
        keys = sorted(keys)
        rows = self._fetch(
            "SELECT name_a, name_b, rule FROM identity_rules"
            f" WHERE name_a IN ({_marks(keys)}) OR name_b IN ({_marks(keys)})",
            (*keys, *keys),
        )
        return [IdentityRule(r["name_a"], r["name_b"], r["rule"] == "same") for r in rows]

    def claim_candidates(self, buckets: Collection[tuple[int, str]]) -> list[Candidate]:
        """Stored claims in any of these ``(band, key)`` hash buckets, with signatures."""
        self._use_claim_index()
        by_band: dict[int, set[str]] = defaultdict(set)
        for band, bucket in buckets:
            by_band[band].add(bucket)
        found: dict[tuple[str, int], Candidate] = {}
        # one query per band and chunk of keys, so the bound parameters stay few
        for band, keys in sorted(by_band.items()):
            ordered = sorted(keys)
            for begin in range(0, len(ordered), _KEYS_PER_QUERY):
                chunk = ordered[begin : begin + _KEYS_PER_QUERY]
                for row in self._fetch(
                    "SELECT c.article_id, c.n, c.signature FROM claim_buckets b"
                    " JOIN claims c ON c.article_id = b.article_id AND c.n = b.n"
                    f" WHERE b.band = ? AND b.key IN ({_marks(chunk)})",
                    (band, *chunk),
                ):
                    claim = (row["article_id"], int(row["n"]))
                    found.setdefault(claim, Candidate(*claim, row["signature"]))
        return list(found.values())

    def _use_claim_index(self) -> None:
        """Re-index the stored claims if their buckets were made with another layout."""
        if getattr(self, "_claim_index_checked", False):
            return
        with self._transaction():
            (row,) = self._fetch("SELECT value FROM store_settings WHERE name = 'claim_index'")
            if row["value"] != INDEX_LAYOUT:
                self._reindex_claims()
        self._claim_index_checked = True

    def _reindex_claims(self) -> None:
        claims = self._fetch("SELECT article_id, n, embedding FROM claims")
        if claims:
            log.info("re-indexing %d stored claims (%s)", len(claims), INDEX_LAYOUT)
        self._run("DELETE FROM claim_buckets")
        rows, signatures = [], []
        for claim in claims:
            buckets = bucket_keys(_decode(claim["embedding"]))
            rows += [(band, key, claim["article_id"], claim["n"]) for band, key in buckets]
            signatures.append((signature(buckets), claim["article_id"], claim["n"]))
        self._run_many("INSERT INTO claim_buckets VALUES (?, ?, ?, ?)", rows)
        self._run_many("UPDATE claims SET signature = ? WHERE article_id = ? AND n = ?", signatures)
        self._run("UPDATE store_settings SET value = ? WHERE name = 'claim_index'", (INDEX_LAYOUT,))

    def stored_claims(self, keys: Collection[tuple[str, int]]) -> list[StoredClaim]:
        """The stored claims with these ``(article_id, n)`` keys, as grouping sees them."""
        keys = sorted(keys)
        rows = []
        for begin in range(0, len(keys), _KEYS_PER_QUERY):
            chunk = keys[begin : begin + _KEYS_PER_QUERY]
            rows += self._fetch(
                "SELECT c.article_id, c.n, c.group_id, c.embedding, c.relayed_from,"
                " a.outlet, q.via FROM claims c"
                " JOIN quotes q ON q.article_id = c.article_id AND q.n = c.n"
                " JOIN articles a ON a.id = c.article_id"
                f" WHERE (c.article_id, c.n) IN (VALUES {', '.join(['(?, ?)'] * len(chunk))})"
                " ORDER BY c.article_id, c.n",
                [value for key in chunk for value in key],
            )
        return [
            StoredClaim(
                article_id=row["article_id"],
                n=int(row["n"]),
                group_id=row["group_id"],
                embedding=_decode(row["embedding"]),
                outlet=name_key(row["outlet"] or "") or None,
                via=tuple(name_key(name) for name in json.loads(row["via"])),
                relayed_from=row["relayed_from"],
            )
            for row in rows
        ]

    def stored_stories(self, people: Collection[str], groups: Collection[str]) -> list[StoredStory]:
        """Stored stories that mention any of these people or hold any of these groups."""
        ids: set[str] = set()
        if people:
            people = sorted(people)
            ids |= {
                row["story_id"]
                for row in self._fetch(
                    "SELECT DISTINCT s.story_id FROM story_articles s"
                    " JOIN person_mentions m ON m.article_id = s.article_id"
                    f" WHERE m.person_id IN ({_marks(people)})",
                    people,
                )
            }
        if groups:
            groups = sorted(groups)
            ids |= {
                row["story_id"]
                for row in self._fetch(
                    "SELECT DISTINCT s.story_id FROM story_articles s"
                    " JOIN claims c ON c.article_id = s.article_id"
                    f" WHERE c.group_id IN ({_marks(groups)})",
                    groups,
                )
            }
        if not ids:
            return []
        story_ids = sorted(ids)
        marks = _marks(story_ids)
        # only what the article could share: its own people's and groups' rows
        counts: dict[str, dict[str, int]] = defaultdict(dict)
        if people:
            for row in self._fetch(
                "SELECT s.story_id, m.person_id, COUNT(DISTINCT m.article_id) AS articles"
                " FROM person_mentions m JOIN story_articles s ON s.article_id = m.article_id"
                f" WHERE m.person_id IN ({_marks(people)}) AND s.story_id IN ({marks})"
                " GROUP BY s.story_id, m.person_id",
                (*people, *story_ids),
            ):
                counts[row["story_id"]][row["person_id"]] = int(row["articles"])
        story_groups: dict[str, set[str]] = defaultdict(set)
        if groups:
            for row in self._fetch(
                "SELECT DISTINCT s.story_id, c.group_id FROM claims c"
                " JOIN story_articles s ON s.article_id = c.article_id"
                f" WHERE c.group_id IN ({_marks(groups)}) AND s.story_id IN ({marks})",
                (*groups, *story_ids),
            ):
                story_groups[row["story_id"]].add(row["group_id"])
        rows = self._fetch(
            "SELECT t.id, t.title, t.first_date, t.last_date, COUNT(s.article_id) AS articles"
            " FROM stories t JOIN story_articles s ON s.story_id = t.id"
            f" WHERE t.id IN ({marks}) GROUP BY t.id, t.title, t.first_date, t.last_date",
            story_ids,
        )
        return [
            StoredStory(
                id=row["id"],
                title=row["title"],
                articles=int(row["articles"]),
                people=counts[row["id"]],
                groups=frozenset(story_groups[row["id"]]),
                first_date=_day(row["first_date"]),
                last_date=_day(row["last_date"]),
            )
            for row in rows
        ]

    # --- writing links ---

    def is_linked(self, article_id: str) -> bool:
        """Whether the article's links are stored (it belongs to a story)."""
        rows = self._fetch("SELECT 1 FROM story_articles WHERE article_id = ?", (article_id,))
        return bool(rows)

    def unlinked_articles(self) -> list[str]:
        """Ids of analysed articles whose links are not stored yet, oldest first."""
        rows = self._fetch(
            "SELECT a.id FROM articles a WHERE a.analysed = 1 AND NOT EXISTS"
            " (SELECT 1 FROM story_articles s WHERE s.article_id = a.id)"
            " ORDER BY a.published IS NULL, a.published, a.ingested_at"
        )
        return [row["id"] for row in rows]

    def save_links(self, article_id: str, links: ArticleLinks) -> None:
        """Store an article's links in one transaction (a second call does nothing).

        Raises:
            StorageError: when the article is not stored.
        """
        self._use_claim_index()
        with self._transaction():
            published = self._fetch("SELECT published FROM articles WHERE id = ?", (article_id,))
            if not published:
                raise StorageError(f"cannot link article {article_id!r}: it is not stored")
            if self._fetch("SELECT 1 FROM story_articles WHERE article_id = ?", (article_id,)):
                return
            self._save_people(article_id, links)
            self._save_claims(article_id, links)
            if links.story is not None:
                self._save_story(article_id, links, published[0]["published"])
            if links.published_estimate is not None:
                self._write_estimate(article_id, links.published_estimate)
            self._run_many(
                "INSERT INTO person_facts VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                [
                    (
                        article_id,
                        f.person_id,
                        f.kind,
                        f.value,
                        f.implied_year,
                        f.span.text,
                        f.span.start,
                    )
                    for f in links.facts
                ],
            )

    def save_estimate(self, article_id: str, estimate: DateEstimate) -> None:
        """Replace a stored article's publication-date estimate (``link.dating``), in a
        transaction of its own."""
        with self._transaction():
            self._write_estimate(article_id, estimate)

    def undated_articles_about(self, people: Collection[str]) -> list[str]:
        """Ids of stored undated articles that mention any of these people."""
        if not people:
            return []
        people = sorted(people)
        rows = self._fetch(
            "SELECT DISTINCT m.article_id FROM person_mentions m"
            " JOIN articles a ON a.id = m.article_id"
            f" WHERE a.published IS NULL AND m.person_id IN ({_marks(people)})"
            " ORDER BY m.article_id",
            people,
        )
        return [row["article_id"] for row in rows]

    def article_persons(self, article_id: str) -> dict[str, str]:
        """Entity id → person id for one stored article."""
        rows = self._fetch(
            "SELECT entity_id, person_id FROM person_mentions WHERE article_id = ?",
            (article_id,),
        )
        return {row["entity_id"]: row["person_id"] for row in rows}

    def _write_estimate(self, article_id: str, estimate: DateEstimate) -> None:
        (row,) = self._fetch("SELECT record FROM articles WHERE id = ?", (article_id,))
        article = replace(article_from_dict(json.loads(row["record"])), published_estimate=estimate)
        self._run(
            "UPDATE articles SET record = ? WHERE id = ?",
            (json.dumps(article_to_dict(article), ensure_ascii=False), article_id),
        )

    def _save_people(self, article_id: str, links: ArticleLinks) -> None:
        now = _now()
        for link in links.people:
            if link.is_new:
                self._run(
                    "INSERT INTO persons VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (link.person_id, link.name, link.type, now),
                )
            elif link.type == "PERSON":
                # the fullest name seen becomes the person's name, and a person the NER
                # once typed ORG becomes a person
                self._run(
                    "UPDATE persons SET type = 'PERSON', name = CASE WHEN LENGTH(name) <"
                    " LENGTH(?) THEN ? ELSE name END WHERE id = ?",
                    (link.name, link.name, link.person_id),
                )
            self._run_many(
                "INSERT INTO person_names VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                [(link.person_id, key, _surname(key, link.type)) for key in link.keys],
            )
        self._run_many(
            "INSERT INTO person_mentions VALUES (?, ?, ?, ?)",
            [
                (article_id, link.entity_id, link.person_id, json.dumps(list(link.reasons)))
                for link in links.people
            ],
        )

    def _save_claims(self, article_id: str, links: ArticleLinks) -> None:
        self._run_many(
            "INSERT INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    article_id,
                    c.n,
                    c.person_id,
                    c.group_id,
                    c.similarity,
                    c.relayed_from,
                    _encode(c.embedding),
                    signature(c.buckets),
                )
                for c in links.claims
            ],
        )
        self._run_many(
            "INSERT INTO claim_buckets VALUES (?, ?, ?, ?)",
            [(band, key, article_id, c.n) for c in links.claims for band, key in c.buckets],
        )
        for other_article, n, original in links.relays:
            self._run(
                "UPDATE claims SET relayed_from = ?"
                " WHERE article_id = ? AND n = ? AND relayed_from IS NULL",
                (original, other_article, n),
            )

    def _save_story(self, article_id: str, links: ArticleLinks, published: str | None) -> None:
        story = links.story
        assert story is not None
        if story.is_new:
            self._run(
                "INSERT INTO stories VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (story.story_id, story.title, published, published, _now()),
            )
        elif published:
            self._run(
                "UPDATE stories SET"
                " first_date = CASE WHEN first_date IS NULL OR first_date > ? THEN ?"
                " ELSE first_date END,"
                " last_date = CASE WHEN last_date IS NULL OR last_date < ? THEN ?"
                " ELSE last_date END WHERE id = ?",
                (published, published, published, published, story.story_id),
            )
        self._run(
            "INSERT INTO story_articles VALUES (?, ?, ?)", (article_id, story.story_id, story.score)
        )

    # --- people ---

    def persons(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Cross-article people and organisations, most articles first."""
        rows = self._fetch(
            "SELECT p.id, p.name, p.type, COUNT(DISTINCT m.article_id) AS articles,"
            " (SELECT COUNT(*) FROM claims c WHERE c.person_id = p.id) AS quotes"
            " FROM persons p JOIN person_mentions m ON m.person_id = p.id"
            " GROUP BY p.id, p.name, p.type ORDER BY articles DESC, quotes DESC, p.name"
        )[:limit]
        names = self._person_names([row["id"] for row in rows])
        return [dict(row, aliases=sorted(names[row["id"]] - {row["name"]})) for row in rows]

    def _person_names(self, ids: Sequence[str]) -> dict[str, set[str]]:
        names: dict[str, set[str]] = defaultdict(set)
        if not ids:
            return names
        for row in self._fetch(
            "SELECT m.person_id, e.name, e.aliases FROM person_mentions m JOIN entities e"
            " ON e.article_id = m.article_id AND e.entity_id = m.entity_id"
            f" WHERE m.person_id IN ({_marks(ids)})",
            ids,
        ):
            names[row["person_id"]] |= {row["name"], *json.loads(row["aliases"])}
        return names

    def find_person(self, name_or_id: str) -> list[dict[str, Any]]:
        """Stored people matching an id, a name, or a surname; most articles first."""
        key = name_key(name_or_id)
        rows = self._fetch(
            "SELECT p.id, p.name, p.type, COUNT(DISTINCT m.article_id) AS articles"
            " FROM persons p JOIN person_mentions m ON m.person_id = p.id"
            " WHERE p.id = ? OR p.id IN (SELECT person_id FROM person_names WHERE key = ?)"
            " GROUP BY p.id, p.name, p.type ORDER BY articles DESC",
            (name_or_id, key),
        )
        if rows or not key:
            return rows
        return self._fetch(
            "SELECT p.id, p.name, p.type, COUNT(DISTINCT m.article_id) AS articles"
            " FROM persons p JOIN person_mentions m ON m.person_id = p.id"
            " WHERE p.id IN (SELECT person_id FROM person_names WHERE surname = ?)"
            " GROUP BY p.id, p.name, p.type ORDER BY articles DESC",
            (key.split()[-1],),
        )

    def person(self, name_or_id: str) -> dict[str, Any] | None:
        """One person's record: aliases and roles over time, articles, quotes, facts, why.

        The best match of :meth:`find_person`; the others are listed in ``others``.
        """
        found = self.find_person(name_or_id)
        if not found:
            return None
        person, others = dict(found[0]), found[1:]
        mentions = self._fetch(
            "SELECT m.article_id, m.entity_id, m.reason, e.name, e.aliases, e.roles,"
            " a.title, a.published, a.outlet FROM person_mentions m"
            " JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id"
            " JOIN articles a ON a.id = m.article_id WHERE m.person_id = ?"
            " ORDER BY a.published IS NULL, a.published",
            (person["id"],),
        )
        aliases: dict[str, list[str]] = defaultdict(list)
        roles: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for row in mentions:
            for alias in {row["name"], *json.loads(row["aliases"])}:
                aliases[alias].append(row["article_id"])
            for role in json.loads(row["roles"]):
                roles[role].append(row)
        person["aliases"] = [
            {"name": name, "articles": ids} for name, ids in sorted(aliases.items())
        ]
        person["roles"] = [
            {
                "role": role,
                "first": seen[0]["published"],
                "last": seen[-1]["published"],
                "articles": [row["article_id"] for row in seen],
            }
            for role, seen in sorted(roles.items(), key=lambda item: item[1][0]["published"] or "")
        ]
        person["articles"] = [
            {key: row[key] for key in ("article_id", "title", "published", "outlet")}
            for row in mentions
        ]
        person["why"] = [
            {
                "article_id": row["article_id"],
                "title": row["title"],
                "name": row["name"],
                "reasons": json.loads(row["reason"]),
            }
            for row in mentions
        ]
        person["quotes"] = self.claims(ClaimFilter(speaker=person["id"]))
        person["facts"] = self._fetch(
            "SELECT f.kind, f.value, f.implied_year, f.text, f.article_id, a.published"
            " FROM person_facts f JOIN articles a ON a.id = f.article_id"
            " WHERE f.person_id = ? ORDER BY a.published",
            (person["id"],),
        )
        person["others"] = others
        return person

    def merge_people(self, name_a: str, name_b: str) -> dict[str, Any]:
        """Make two stored people one (the first keeps its id); later ingests respect it.

        Raises:
            StorageError: when either name matches no stored person, or both the same.
        """
        first, second = self._one_person(name_a), self._one_person(name_b)
        if first["id"] == second["id"]:
            raise StorageError(f"{name_a!r} and {name_b!r} are already one person")
        with self._transaction():
            self._run(
                "INSERT INTO person_names SELECT ?, key, surname FROM person_names"
                " WHERE person_id = ? ON CONFLICT DO NOTHING",
                (first["id"], second["id"]),
            )
            for table in ("person_mentions", "person_facts", "claims"):
                self._run(
                    f"UPDATE {table} SET person_id = ? WHERE person_id = ?",
                    (first["id"], second["id"]),
                )
            self._run("DELETE FROM persons WHERE id = ?", (second["id"],))
            self._save_rule(name_key(first["name"]), name_key(second["name"]), "same")
        return {"kept": first["id"], "merged": second["id"], "name": first["name"]}

    def split_person(self, name: str, alias: str) -> dict[str, Any]:
        """Move the articles' entities named ``alias`` out of a person into a new one, for
        good: later ingests never join that name to this person again.

        Raises:
            StorageError: when the name matches no person or the alias none of its names.
        """
        person = self._one_person(name)
        key = name_key(alias)
        moved = [
            row
            for row in self._fetch(
                "SELECT m.article_id, m.entity_id, e.name FROM person_mentions m"
                " JOIN entities e ON e.article_id = m.article_id AND e.entity_id = m.entity_id"
                " WHERE m.person_id = ?",
                (person["id"],),
            )
            if name_key(row["name"]) == key
        ]
        if not moved:
            raise StorageError(f"{person['name']!r} is never mentioned as {alias!r}")
        new_id = "p" + base64.b32encode(f"{person['id']}/{key}".encode()).decode()[:12].lower()
        with self._transaction():
            self._run(
                "INSERT INTO persons VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (new_id, alias, person["type"], _now()),
            )
            self._run(
                "UPDATE person_names SET person_id = ? WHERE person_id = ? AND key = ?",
                (new_id, person["id"], key),
            )
            for row in moved:
                self._run(
                    "UPDATE person_mentions SET person_id = ?"
                    " WHERE article_id = ? AND entity_id = ?",
                    (new_id, row["article_id"], row["entity_id"]),
                )
                self._run(
                    "UPDATE claims SET person_id = ? WHERE article_id = ? AND n IN"
                    " (SELECT n FROM quotes WHERE article_id = ? AND speaker_id = ?)",
                    (new_id, row["article_id"], row["article_id"], row["entity_id"]),
                )
            self._save_rule(name_key(person["name"]), key, "different")
        return {"from": person["id"], "new": new_id, "name": alias, "mentions": len(moved)}

    def _one_person(self, name: str) -> dict[str, Any]:
        found = self.find_person(name)
        if not found:
            raise StorageError(f"no stored person or organisation named {name!r}")
        return found[0]

    def _save_rule(self, key_a: str, key_b: str, rule: str) -> None:
        self._run(
            "DELETE FROM identity_rules WHERE (name_a = ? AND name_b = ?)"
            " OR (name_a = ? AND name_b = ?)",
            (key_a, key_b, key_b, key_a),
        )
        self._run("INSERT INTO identity_rules VALUES (?, ?, ?, ?)", (key_a, key_b, rule, _now()))

    # --- claims and stories ---

    def claims(self, where: ClaimFilter = ClaimFilter()) -> list[dict[str, Any]]:
        """Claims with their group, contradiction flag and relay, oldest first."""
        conditions: list[str] = ["1 = 1"]
        params: list[object] = []
        if where.about:
            for word in where.about.lower().split():
                conditions.append("(LOWER(q.content) LIKE ? OR LOWER(q.speaker) LIKE ?)")
                params += [f"%{word}%", f"%{word}%"]
        if where.speaker:
            conditions.append("(c.person_id = ? OR LOWER(q.speaker) LIKE ?)")
            params += [where.speaker, f"%{where.speaker.lower()}%"]
        if where.story_id:
            conditions.append(
                "c.article_id IN (SELECT article_id FROM story_articles WHERE story_id LIKE ?)"
            )
            params.append(where.story_id + "%")
        if where.contradictions:
            conditions.append(
                "c.similarity >= ? AND c.group_id IN (SELECT group_id FROM claims g"
                " JOIN quotes gq ON gq.article_id = g.article_id AND gq.n = g.n"
                " WHERE g.similarity >= ? GROUP BY group_id"
                " HAVING COUNT(DISTINCT gq.polarity) > 1)"
            )
            params += [CONTRADICTS, CONTRADICTS]
        rows = self._fetch(
            "SELECT c.article_id, c.n, a.published, a.outlet, a.title, q.speaker, c.person_id,"
            " q.content, q.cue, q.polarity, q.when_value AS said_on, q.when_from, q.via,"
            " c.group_id, c.similarity, c.relayed_from,"
            " (SELECT COUNT(*) FROM claims g WHERE g.group_id = c.group_id) AS group_size,"
            # the stances of the members that hold firmly to the group (see CONTRADICTS)
            " (SELECT COUNT(DISTINCT gq.polarity) FROM claims g JOIN quotes gq"
            "  ON gq.article_id = g.article_id AND gq.n = g.n"
            "  WHERE g.group_id = c.group_id AND g.similarity >= ?) AS polarities"
            " FROM claims c JOIN quotes q ON q.article_id = c.article_id AND q.n = c.n"
            " JOIN articles a ON a.id = c.article_id"
            f" WHERE {' AND '.join(conditions)}"
            " ORDER BY COALESCE(q.when_value, a.published) IS NULL,"
            " COALESCE(q.when_value, a.published), c.article_id, c.n",
            [CONTRADICTS, *params],
        )[: where.limit]
        for row in rows:
            row["via"] = json.loads(row["via"])
            firm = row["similarity"] >= CONTRADICTS
            row["contradicted"] = firm and int(row.pop("polarities")) > 1
        return rows

    def stories(self, *, limit: int | None = None) -> list[dict[str, Any]]:
        """Stories, the most articles first, with their leading people."""
        rows = self._fetch(
            "SELECT t.id, t.title, t.first_date, t.last_date, COUNT(s.article_id) AS articles"
            " FROM stories t JOIN story_articles s ON s.story_id = t.id"
            " GROUP BY t.id, t.title, t.first_date, t.last_date"
            " ORDER BY articles DESC, t.last_date DESC"
        )[:limit]
        for row in rows:
            row["people"] = [person["name"] for person in self._story_people(row["id"])[:5]]
        return rows

    def _story_people(self, story_id: str) -> list[dict[str, Any]]:
        return self._fetch(
            "SELECT p.id, p.name, p.type, COUNT(DISTINCT m.article_id) AS articles,"
            " (SELECT COUNT(*) FROM claims c JOIN story_articles cs"
            "  ON cs.article_id = c.article_id"
            "  WHERE c.person_id = p.id AND cs.story_id = ?) AS quotes"
            " FROM story_articles s JOIN person_mentions m ON m.article_id = s.article_id"
            " JOIN persons p ON p.id = m.person_id WHERE s.story_id = ?"
            " GROUP BY p.id, p.name, p.type ORDER BY quotes DESC, articles DESC, p.name",
            (story_id, story_id),
        )

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story: people, articles, and a timeline of articles and statements."""
        found = self._fetch(
            "SELECT id, title, first_date, last_date FROM stories WHERE id LIKE ?",
            (story_id + "%",),
        )
        if len(found) != 1:
            return None
        story = found[0]
        story["people"] = self._story_people(story["id"])
        story["articles"] = self._fetch(
            "SELECT a.id, a.title, a.published, a.outlet FROM story_articles s"
            " JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?"
            " ORDER BY a.published IS NULL, a.published",
            (story["id"],),
        )
        claims = self.claims(ClaimFilter(story_id=story["id"]))
        timeline = [
            {
                "date": article["published"],
                "kind": "article",
                "text": article["title"],
                "speaker": None,
                "polarity": None,
                "article_id": article["id"],
                "n": None,
                "when_from": "published",
                "outlet": article["outlet"],
            }
            for article in story["articles"]
        ] + [
            {
                "date": claim["said_on"] or claim["published"],
                "kind": "statement",
                "text": claim["content"],
                "speaker": claim["speaker"],
                "polarity": claim["polarity"],
                "article_id": claim["article_id"],
                "n": claim["n"],
                "when_from": claim["when_from"],
                "outlet": claim["outlet"],
                "via": claim["via"],
                "group_id": claim["group_id"],
                "contradicted": claim["contradicted"],
            }
            for claim in claims
        ]
        timeline.sort(
            key=lambda item: (
                item["date"] is None,
                item["date"] or "",
                item["kind"] != "article",
                item["n"] or 0,
            )
        )
        story["timeline"] = timeline
        story["contradictions"] = _contradictions(claims)
        return story

    def fact_checks(self) -> list[dict[str, Any]]:
        """Ages and tenures of one person that disagree between articles."""
        rows = self._fetch(
            "SELECT f.person_id, p.name, f.kind, f.value, f.implied_year, f.text,"
            " f.article_id, a.published FROM person_facts f"
            " JOIN persons p ON p.id = f.person_id JOIN articles a ON a.id = f.article_id"
            " ORDER BY f.person_id, f.kind, a.published"
        )
        grouped: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            grouped[(row["person_id"], row["kind"])].append(row)
        checks = []
        for (person_id, kind), facts in grouped.items():
            years = [fact["implied_year"] for fact in facts]
            checks.append(
                {
                    "person_id": person_id,
                    "name": facts[0]["name"],
                    "kind": kind,
                    "agree": max(years) - min(years) <= TOLERANCE_YEARS,
                    "facts": facts,
                }
            )
        return checks


def _contradictions(claims: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for claim in claims:
        groups[claim["group_id"]].append(claim)
    found = []
    for group_id, members in groups.items():
        firm = [c for c in members if c["similarity"] >= CONTRADICTS]
        asserts = [c for c in firm if c["polarity"] == "assert"]
        denials = [c for c in firm if c["polarity"] == "deny"]
        if asserts and denials:
            found.append({"group_id": group_id, "asserted": asserts, "denied": denials})
    return found


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
