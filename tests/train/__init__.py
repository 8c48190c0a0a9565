"""Tests of `onrecord.train`. Some need the `train` extra: see ``require_train_extra``."""

from __future__ import annotations

import importlib.util
import os

import pytest

REQUIRE_ENV = "ONRECORD_REQUIRE_TRAIN"


def require_train_extra(*modules: str) -> None:
    """Skip the calling test module when the `train` extra is not installed.

    `make install` leaves the extra out (torch alone is 750 MB), so the module is
    skipped there; CI installs it and sets ``ONRECORD_REQUIRE_TRAIN=1``, which turns the
    skip into an error, so that the training code is tested on every change.

    Args:
        modules: The modules the caller imports.
    """
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if not missing:
        return
    if os.environ.get(REQUIRE_ENV) == "1":
        raise ImportError(f"{REQUIRE_ENV}=1 but the train extra lacks {missing}")
    pytest.skip(
        f"the train extra is not installed ({missing}); set {REQUIRE_ENV}=1 to make this an error",
        allow_module_level=True,
    )
