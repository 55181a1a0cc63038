"""Stand-ins for the learned signals, for tests that need one to be sure of something."""

from __future__ import annotations


class SurePick:
    """An entry model sure (0.85) of one entry, whatever the message."""

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id

    def choice(self, text: str) -> tuple[str, float]:
        return self.entry_id, 0.85

    def probability(self, text: str, entry_id: str) -> float:
        return 0.85 if entry_id == self.entry_id else 0.01
