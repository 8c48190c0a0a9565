"""The exception tree of onrecord.

    OnrecordError
    ├── ConfigError       a bad option, setting or environment value
    ├── InputError        an input that cannot be read or understood
    ├── StorageError      the database cannot be opened, migrated or written
    └── ExtractionError   the analysis pipeline cannot be loaded or run

Faces (CLI, HTTP) turn these into exit codes or statuses; users never see a traceback.
"""


class OnrecordError(Exception):
    """Root of every error that onrecord raises on purpose."""


class ConfigError(OnrecordError):
    """A setting, option or environment value is invalid."""


class InputError(OnrecordError):
    """An input file or stream cannot be read or understood."""


class StorageError(OnrecordError):
    """The database cannot be opened, migrated or written."""


class ExtractionError(OnrecordError):
    """The analysis pipeline cannot be loaded or run."""
