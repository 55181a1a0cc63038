"""One trainer at a time across processes: the learned signals and the entry model are trained
at a cold start (~40 s and ~10 s on the shipped examples) and kept as files for the next start.
Processes that start together (several bot instances, a terminal chat beside the bot, the test
workers) would each train the same weights, competing for the same cores; holding this lock
while training, the first trains and the others wait, then read the weights it kept.

The lock is an advisory lock (`fcntl.flock`) on a file beside the kept weights; where there is
none (Windows) or the file cannot be opened, each process trains on its own, as before."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows
    fcntl = None  # type: ignore[assignment]


@contextlib.contextmanager
def training_alone(folder: Path, name: str) -> Iterator[None]:
    """Held while `name` is trained into `folder`: another process training it waits here."""
    try:
        handle = (folder / f"microcred-{name}.lock").open("a")
    except OSError:
        yield
        return
    with handle:
        if fcntl is not None:
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle, fcntl.LOCK_UN)
