"""The package's own exception types."""

from __future__ import annotations

from pathlib import Path


class AgencygraphError(Exception):
    """Base class of every error agencygraph raises on purpose."""


class InputError(AgencygraphError):
    """A plan file that cannot be read or coded.

    The message names the file and, where it applies, the 1-based line.
    """

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")

    def __reduce__(self):
        # Parsing in worker processes sends errors back pickled.
        return (type(self), (self.path, self.reason, self.line))


class ManifestError(InputError):
    """A manifest row refused (unsafe ``doc_id`` or ``file``, a ``doc_id`` given twice).

    ``path`` and ``line`` are the manifest's; the plan the row names is not coded.
    """


class OutputError(AgencygraphError):
    """An output that cannot be written where it should go (a full or unwritable folder, a
    name leading outside the output folder). Nothing was changed when it is raised."""


class LexiconError(AgencygraphError):
    """An invalid lexicon or codebook file (unknown type, conflicting alias)."""


class InferenceError(AgencygraphError, ValueError):
    """Inference asked for without anything to learn from (no training plan left).

    Also a ``ValueError``, which it was before it had a type of its own.
    """
