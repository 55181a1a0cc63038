"""Microcred Advisor: the core of the bot (plain Python, no Telegram imports outside the wiring)."""

__version__ = "0.1.0"
