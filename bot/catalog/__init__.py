"""The course catalogue: import/export (`io`), seeding and saved searches (`store`), the
in-memory search (`search`, `fuzzy_index`), and result pages and course cards (`replies`)."""
