"""Microcred Advisor's core: plain Python that never imports `telegram`, `handlers` or `app`.

One package per feature, each with its wording in a `replies` module beside it: `faq/`,
`understand/`, `catalog/`, `study/`, `reminders/`, `admin/`; shared `storage/` (engine,
models, migrations) and modules for button data (`callbacks`), replies, text, clock,
settings and content files. The Telegram edge is `handlers/`; the wiring is `app/`.
"""

__version__ = "0.1.0"
