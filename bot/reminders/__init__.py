"""Reminders: claim due rows, send within Telegram's limits, mark them (`dispatcher`), the
limits themselves (`limits`), and what a reminder says (`replies`)."""
