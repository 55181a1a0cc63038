"""The Telegram edge, kept thin: parse an update, call the core (`bot/`), render its `Reply`.

One module per feature (`faq`, `search`, `study`, `privacy`, `admin`, …), each a set of
small async callbacks whose docstrings say what the learner sees. Button data is parsed
with the typed values of `bot/callbacks.py`; `context.py` gives every callback the typed
`BotContext` (the core's services and the sender's learner row). Registration happens in
one place, `app/telegram_app.py`. Nothing here imports `app/`.
"""
