"""The HTTP face: a JSON API and a web page over a store, thin over the library."""

from onrecord.serve.app import create_app, serve_forever
from onrecord.serve.settings import ServeSettings

__all__ = ["ServeSettings", "create_app", "serve_forever"]
