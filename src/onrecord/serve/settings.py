"""How the HTTP server is configured: one settings object, read from options and environment."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from onrecord.errors import ConfigError
from onrecord.settings import TAGGER_MODES

TOKEN_ENV = "ONRECORD_TOKEN"
DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
"""Uploads larger than this are refused with 413 (a news article is far smaller)."""


@dataclass(frozen=True)
class ServeSettings:
    """What the operator decides about one server.

    Attributes:
        db: the database (a SQLite file path, or a URL where a backend takes one);
            ``None`` means ``$ONRECORD_DB`` or the per-user default.
        token: the bearer token that write endpoints require; ``None`` makes the
            server read-only.
        private: reads require the token too (the web page asks for it).
        cors_origins: origins allowed to call the API from other sites; empty means
            CORS is off.
        max_upload_bytes: the largest upload or request body accepted.
        tagger: the attribution tagger mode for ingest and extract.
    """

    db: str | None = None
    token: str | None = None
    private: bool = False
    cors_origins: tuple[str, ...] = field(default_factory=tuple)
    max_upload_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    tagger: str = "auto"

    def __post_init__(self) -> None:
        if self.tagger not in TAGGER_MODES:
            raise ConfigError(f"tagger must be one of {list(TAGGER_MODES)}, got {self.tagger!r}")
        if self.private and not self.token:
            raise ConfigError(f"a private server needs a token: give --token or set ${TOKEN_ENV}")
        if self.max_upload_bytes < 1:
            raise ConfigError(
                f"max upload must be a positive byte count, got {self.max_upload_bytes}"
            )

    @property
    def read_only(self) -> bool:
        """Whether write endpoints are closed (no token configured)."""
        return not self.token


def token_from_environment(given: str | None) -> str | None:
    """The token given as an option, else ``$ONRECORD_TOKEN``, else None (read-only).

    Args:
        given: the ``--token`` option's value.

    Returns:
        The token, or None when neither is set (an empty value counts as unset).
    """
    return given or os.environ.get(TOKEN_ENV) or None
