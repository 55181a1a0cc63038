"""The Telegram layer: parse an update, call the core, render its `Reply`.

Callback data prefixes (short, versioned by prefix):
  m:<ask|find|plan|home>        main menu buttons
  f:…                           FAQ (see handlers/faq.py)
  s:…, c:…                      search results and course cards (handlers/search.py)
  p:…                           study plans and reminders (handlers/study.py)
"""
