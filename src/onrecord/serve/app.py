"""The HTTP application: JSON routes over a store, the web page, and errors at the edge."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import onrecord
from onrecord.errors import ConfigError, ExtractionError, InputError, OnrecordError, StorageError
from onrecord.serve import models
from onrecord.serve.routes import StorePerThread, router
from onrecord.serve.settings import ServeSettings
from onrecord.store import open_store

log = logging.getLogger(__name__)

WEB_DIR = Path(str(resources.files("onrecord") / "serve" / "web"))
# room for the multipart envelope around an upload of the largest accepted size
_ENVELOPE_BYTES = 64 * 1024
_ERROR_STATUS: dict[type[OnrecordError], int] = {
    ConfigError: status.HTTP_400_BAD_REQUEST,
    InputError: status.HTTP_422_UNPROCESSABLE_CONTENT,
    StorageError: status.HTTP_503_SERVICE_UNAVAILABLE,
    ExtractionError: status.HTTP_500_INTERNAL_SERVER_ERROR,
}
_PAGE_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
    " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none';"
    " form-action 'self'"
)
_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": models.Problem} for code in (400, 401, 403, 404, 413, 415, 422, 503)
}


class _BodyLimit:
    """Refuse request bodies over the limit before (or while) they are read: 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > self.limit:
            response = JSONResponse(
                {"detail": f"the request body has {int(length)} bytes; the limit is {self.limit}"},
                status_code=status.HTTP_413_CONTENT_TOO_LARGE,
            )
            await response(scope, receive, send)
            return
        seen = 0
        too_large = False

        async def counted() -> Message:
            nonlocal seen, too_large
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit:
                # the app sees the client leave; the answer is ours, below
                too_large = True
                return {"type": "http.disconnect"}
            return message

        async def unless_too_large(message: Message) -> None:
            if not too_large:
                await send(message)

        try:
            await self.app(scope, counted, unless_too_large)
        except Exception:
            if not too_large:
                raise
        if too_large:
            response = JSONResponse(
                {"detail": f"the request body is over the limit of {self.limit} bytes"},
                status_code=status.HTTP_413_CONTENT_TOO_LARGE,
            )
            await response(scope, receive, send)


def _page_headers(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Awaitable[Response]:
    async def respond() -> Response:
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        path = request.url.path
        if path == "/" or path.startswith("/static/"):
            response.headers["Content-Security-Policy"] = _PAGE_POLICY
        return response

    return respond()


def _error_status(error: OnrecordError) -> int:
    for kind, code in _ERROR_STATUS.items():
        if isinstance(error, kind):
            return code
    return status.HTTP_500_INTERNAL_SERVER_ERROR


async def _library_error(request: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, OnrecordError)
    return JSONResponse({"detail": str(error)}, status_code=_error_status(error))


async def _unexpected_error(request: Request, error: Exception) -> JSONResponse:
    log.error("%s %s failed", request.method, request.url.path, exc_info=error)
    return JSONResponse(
        {"detail": "internal error; the server log has the details"},
        status_code=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )


def create_app(settings: ServeSettings | None = None) -> FastAPI:
    """Build the HTTP application for one store.

    Args:
        settings: the operator's settings; the defaults make a read-only server over
            the default database.

    Returns:
        A FastAPI application (ASGI); serve it with uvicorn or call it in-process.
    """
    settings = settings or ServeSettings()

    app = FastAPI(
        title="onrecord",
        version=onrecord.__version__,
        summary="Who said what, when, according to whom: the stored record over HTTP.",
        responses=_ERRORS,
    )
    app.state.settings = settings
    app.state.stores = StorePerThread(settings.db)
    app.add_exception_handler(OnrecordError, _library_error)
    app.add_exception_handler(Exception, _unexpected_error)
    app.middleware("http")(_page_headers)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(_BodyLimit, limit=settings.max_upload_bytes + _ENVELOPE_BYTES)
    app.include_router(router)
    _add_page(app)
    return app


def _add_page(app: FastAPI) -> None:
    """The web page: index.html at ``/`` and its scripts and styles under ``/static``."""

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB_DIR), name="static")


def serve_forever(settings: ServeSettings, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the server until interrupted.

    Args:
        settings: the operator's settings.
        host: the address to listen on (loopback by default).
        port: the port to listen on.

    Raises:
        StorageError: when the database cannot be opened.
    """
    import uvicorn

    # open the store once up front, so that a bad --db fails before the server starts
    open_store(settings.db).close()
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")
