"""Who may read and write: the operator's bearer token, checked at the edge."""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request, status

from onrecord.serve.settings import TOKEN_ENV, ServeSettings

_CHALLENGE = {"WWW-Authenticate": "Bearer"}


def _given_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()


def _check_token(request: Request, expected: str) -> None:
    given = _given_token(request)
    if given is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "this needs the server's token: send 'Authorization: Bearer <token>'",
            headers=_CHALLENGE,
        )
    # constant-time comparison, so response times tell nothing about the token
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "the token is not this server's", headers=_CHALLENGE
        )


def require_read(request: Request) -> None:
    """Let a read through, unless the server is private and the token is missing or wrong.

    Raises:
        HTTPException: 401 without the right token on a private server.
    """
    settings: ServeSettings = request.app.state.settings
    if settings.private and settings.token:
        _check_token(request, settings.token)


def require_write(request: Request) -> None:
    """Let a write through only with the operator's token.

    Raises:
        HTTPException: 403 on a read-only server (no token configured), 401 without the
            right token.
    """
    settings: ServeSettings = request.app.state.settings
    if not settings.token:
        raise HTTPException(
            status.HTTP_403_FORBIDDEN,
            f"this server is read-only: start it with --token or ${TOKEN_ENV} to allow writes",
        )
    _check_token(request, settings.token)
