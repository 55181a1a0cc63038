"""The wiring: the command line, the python-telegram-bot `Application`, the terminal chat.

Imports run one way: `app` → `handlers` → `bot`. Nothing in `bot/` or `handlers/` imports
this package.
"""
