"""Stand-ins for the learned signals, for tests that need one to be sure of something."""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Literal

import numpy as np

from bot.understand.care_model import LearnedSignal, features_of
from bot.understand.intent import Understander


class SurePick:
    """An entry model sure (0.85) of one entry, whatever the message."""

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id

    def choice(self, text: str) -> tuple[str, float]:
        return self.entry_id, 0.85

    def probability(self, text: str, entry_id: str) -> float:
        return 0.85 if entry_id == self.entry_id else 0.01


def with_signal(
    understander: Understander, name: Literal["course_request", "foreign_request"], probability: float
) -> Understander:
    """`understander` with its learned signal `name` replaced by one that gives every message
    `probability`."""
    signal = constant_signal(probability)
    if name == "course_request":
        return replace(understander, care=replace(understander.care, course_request=signal))
    return replace(understander, care=replace(understander.care, foreign_request=signal))


def constant_signal(probability: float) -> LearnedSignal:
    """A learned signal that gives every message `probability` (no weights, its log-odds as bias)."""
    return LearnedSignal(np.zeros(len(features_of("a message"))), math.log(probability / (1 - probability)))
