"""Every route against the app's own OpenAPI description, with schemathesis (bounded)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from onrecord.serve import ServeSettings, create_app

pytestmark = pytest.mark.slow

# the routes, read from the description of an app that has not opened its store yet
OPERATIONS = [
    (path, method.upper())
    for path, methods in create_app().openapi()["paths"].items()
    for method in methods
]
TIME_LIMIT_S = 60.0


@pytest.fixture(scope="module")
def api_schema(demo_db: Path):  # type: ignore[no-untyped-def]
    """The OpenAPI description of a read-only app over the demo store."""
    app = create_app(ServeSettings(db=str(demo_db), tagger="off"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module")
def deadline() -> float:
    return time.monotonic() + TIME_LIMIT_S


@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_openapi_route_answers_as_described(api_schema, deadline, path, method):
    if time.monotonic() > deadline:
        pytest.skip(f"the schemathesis run has used its {TIME_LIMIT_S:.0f} s")
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=6, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case):  # type: ignore[no-untyped-def]
        case.call_and_validate()

    check()
