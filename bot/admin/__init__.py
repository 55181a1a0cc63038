"""Operator features: statistics for /stats (queries in `stats`, wording in `replies`)."""
