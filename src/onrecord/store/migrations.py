"""The versioned database schema: each migration is applied once, in order, in a transaction.

The SQL is portable between SQLite and PostgreSQL (TEXT, INTEGER, no AUTOINCREMENT), so
both backends share these steps. Add a step at the end; never edit one that has shipped.
"""

from __future__ import annotations

MIGRATIONS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
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
)

LATEST_VERSION = MIGRATIONS[-1][0]
