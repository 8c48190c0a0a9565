"""The ``serve`` command and ``demo --serve``: help text and a docs entry."""

from __future__ import annotations

from typer.testing import CliRunner

from onrecord.cli import app

from ..conftest import REPO


def test_serve_has_help_and_a_docs_entry():
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    for option in ("--db", "--host", "--port", "--token", "--private", "--cors-origin"):
        assert option in result.output
    assert "onrecord serve" in (REPO / "docs" / "serve.md").read_text()


def test_demo_offers_to_serve():
    result = CliRunner().invoke(app, ["demo", "--help"])
    assert result.exit_code == 0
    assert "--serve" in result.output


def test_serve_refuses_a_private_server_without_a_token(monkeypatch):
    monkeypatch.delenv("ONRECORD_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["serve", "--private"])
    assert result.exit_code == 1
    assert "needs a token" in result.output
