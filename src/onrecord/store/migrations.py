"""The versioned database schema: each migration is applied once, in order, in a transaction.

The SQL is portable between SQLite and PostgreSQL (TEXT, INTEGER, no AUTOINCREMENT), so
both backends share these steps; a step that cannot be portable (full-text search) is a
:class:`PerDialect` with each backend's own statements. Add a step at the end; never edit
one that has shipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgresql"]


@dataclass(frozen=True)
class PerDialect:
    """Statements of one migration step that differ between backends."""

    sqlite: tuple[str, ...] = ()
    postgresql: tuple[str, ...] = ()


Statement = str | PerDialect

SEARCH_BODY_CHARS = 200_000
"""Article text beyond this many characters is not searched (a tsvector holds 1 MB at most)."""

_SEARCH_INDEX = PerDialect(
    sqlite=(
        # a stand-alone index: the article text lives inside the JSON record, not a column
        """CREATE VIRTUAL TABLE search_index USING fts5(
            article_id UNINDEXED,
            n UNINDEXED,
            heading,
            body,
            tokenize = 'porter unicode61 remove_diacritics 2'
        )""",
        f"""INSERT INTO search_index (article_id, n, heading, body)
            SELECT id, NULL, COALESCE(title, ''),
                SUBSTR(json_extract(record, '$.text'), 1, {SEARCH_BODY_CHARS})
            FROM articles""",
        # FTS5 tables take no foreign keys: forget an article's rows when it goes
        """CREATE TRIGGER search_index_forget AFTER DELETE ON articles BEGIN
            DELETE FROM search_index WHERE article_id = old.id;
        END""",
    ),
    postgresql=(
        """CREATE TABLE search_index (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            n INTEGER,
            heading TEXT NOT NULL,
            body TEXT NOT NULL,
            document tsvector GENERATED ALWAYS AS (
                setweight(to_tsvector('english', heading), 'A')
                || setweight(to_tsvector('english', body), 'B')
            ) STORED
        )""",
        "CREATE INDEX search_index_article ON search_index (article_id)",
        "CREATE INDEX search_index_document ON search_index USING GIN (document)",
        f"""INSERT INTO search_index (article_id, n, heading, body)
            SELECT id, NULL, COALESCE(title, ''),
                LEFT(CAST(record AS jsonb) ->> 'text', {SEARCH_BODY_CHARS})
            FROM articles""",
    ),
)


def statements_for(dialect: Dialect, statements: tuple[Statement, ...]) -> Iterator[str]:
    """The SQL of one migration step for one backend, in order."""
    for statement in statements:
        if isinstance(statement, PerDialect):
            yield from getattr(statement, dialect)
        else:
            yield statement


MIGRATIONS: tuple[tuple[int, str, tuple[Statement, ...]], ...] = (
    (
        1,
        "articles, entities, quotes and times",
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY,
                url TEXT,
                path TEXT,
                title TEXT,
                outlet TEXT,
                published TEXT,
                published_from TEXT NOT NULL,
                language TEXT,
                analysed INTEGER NOT NULL,
                input_kind TEXT NOT NULL,
                version INTEGER NOT NULL,
                ingested_at TEXT NOT NULL,
                record TEXT NOT NULL
            )""",
            "CREATE INDEX articles_url ON articles (url)",
            "CREATE INDEX articles_published ON articles (published)",
            """CREATE TABLE entities (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                entity_id TEXT NOT NULL,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                aliases TEXT NOT NULL,
                roles TEXT NOT NULL,
                mentions INTEGER NOT NULL,
                PRIMARY KEY (article_id, entity_id)
            )""",
            "CREATE INDEX entities_name ON entities (name)",
            """CREATE TABLE quotes (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                n INTEGER NOT NULL,
                kind TEXT NOT NULL,
                speaker TEXT,
                speaker_id TEXT,
                anonymous INTEGER NOT NULL,
                polarity TEXT NOT NULL,
                cue TEXT,
                content TEXT NOT NULL,
                via TEXT NOT NULL,
                venue TEXT NOT NULL,
                PRIMARY KEY (article_id, n)
            )""",
            "CREATE INDEX quotes_speaker ON quotes (speaker)",
            """CREATE TABLE times (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                n INTEGER NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text TEXT NOT NULL,
                type TEXT NOT NULL,
                value TEXT,
                PRIMARY KEY (article_id, n)
            )""",
        ),
    ),
    (
        2,
        "when each quote was said",
        (
            "ALTER TABLE quotes ADD COLUMN when_value TEXT",
            "ALTER TABLE quotes ADD COLUMN when_from TEXT NOT NULL DEFAULT 'none'",
        ),
    ),
    (
        3,
        "links across articles: people, claims, stories, facts",
        (
            """CREATE TABLE persons (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                type TEXT NOT NULL,
                created_at TEXT NOT NULL
            )""",
            # every name a person is known under, normalised (``key``) for look-up
            """CREATE TABLE person_names (
                person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                surname TEXT NOT NULL,
                PRIMARY KEY (person_id, key)
            )""",
            "CREATE INDEX person_names_key ON person_names (key)",
            "CREATE INDEX person_names_surname ON person_names (surname)",
            # which article entity is which person, and why (JSON list of reasons)
            """CREATE TABLE person_mentions (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                entity_id TEXT NOT NULL,
                person_id TEXT NOT NULL REFERENCES persons (id),
                reason TEXT NOT NULL,
                PRIMARY KEY (article_id, entity_id)
            )""",
            "CREATE INDEX person_mentions_person ON person_mentions (person_id)",
            # the user's word on identity: two names are the same person, or never are
            """CREATE TABLE identity_rules (
                name_a TEXT NOT NULL,
                name_b TEXT NOT NULL,
                rule TEXT NOT NULL,
                created_at TEXT NOT NULL,
                PRIMARY KEY (name_a, name_b)
            )""",
            """CREATE TABLE claims (
                article_id TEXT NOT NULL,
                n INTEGER NOT NULL,
                person_id TEXT,
                group_id TEXT NOT NULL,
                similarity REAL NOT NULL,
                relayed_from TEXT,
                embedding TEXT NOT NULL,
                PRIMARY KEY (article_id, n),
                FOREIGN KEY (article_id, n) REFERENCES quotes (article_id, n) ON DELETE CASCADE
            )""",
            "CREATE INDEX claims_group ON claims (group_id)",
            # locality-sensitive hash buckets: the near-neighbour index of claim embeddings
            """CREATE TABLE claim_buckets (
                band INTEGER NOT NULL,
                key TEXT NOT NULL,
                article_id TEXT NOT NULL,
                n INTEGER NOT NULL,
                PRIMARY KEY (band, key, article_id, n),
                FOREIGN KEY (article_id, n) REFERENCES claims (article_id, n) ON DELETE CASCADE
            )""",
            """CREATE TABLE stories (
                id TEXT PRIMARY KEY,
                title TEXT NOT NULL,
                first_date TEXT,
                last_date TEXT,
                created_at TEXT NOT NULL
            )""",
            """CREATE TABLE story_articles (
                article_id TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
                story_id TEXT NOT NULL REFERENCES stories (id),
                score REAL NOT NULL
            )""",
            "CREATE INDEX story_articles_story ON story_articles (story_id)",
            # checkable facts about a person: an age or a tenure, and the year it implies
            """CREATE TABLE person_facts (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                person_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                value INTEGER NOT NULL,
                implied_year INTEGER NOT NULL,
                text TEXT NOT NULL,
                start_char INTEGER NOT NULL,
                PRIMARY KEY (article_id, person_id, kind, start_char)
            )""",
            "CREATE INDEX person_facts_person ON person_facts (person_id)",
        ),
    ),
    (
        4,
        "full-text search over article titles and texts and quote contents",
        (
            _SEARCH_INDEX,
            # a quote row: the speaker as its heading, the content as its body
            """INSERT INTO search_index (article_id, n, heading, body)
                SELECT article_id, n, COALESCE(speaker, ''), content FROM quotes
                WHERE content != ''""",
        ),
    ),
    (
        5,
        "claim signatures: the hyperplane bits that choose which candidates to compare",
        (
            # the look-up of a claim's own buckets (also used when a claim is deleted)
            "CREATE INDEX claim_buckets_claim ON claim_buckets (article_id, n)",
            # filled for stored claims by the re-index that v6's layout marker asks for
            "ALTER TABLE claims ADD COLUMN signature TEXT",
        ),
    ),
    (
        6,
        "store settings: what the stored claim buckets were made with",
        (
            "CREATE TABLE store_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
            # the layout of every bucket stored so far; onrecord re-indexes when it differs
            "INSERT INTO store_settings VALUES ('claim_index', 'lsh 10x12 seed 20240205')",
        ),
    ),
)

LATEST_VERSION = MIGRATIONS[-1][0]
