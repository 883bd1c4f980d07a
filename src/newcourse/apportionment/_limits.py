"""Sizes beyond which input is refused rather than processed.

A register export of a large organisation is a few hundred kilobytes; the limits are far above
any real one and low enough that a wrong file (or a hostile one) is refused at once instead of
filling memory or running for minutes.
"""

from __future__ import annotations

MAX_BRANCHES_BYTES = 32 * 1024 * 1024
"""A branches file larger than this (32 MiB, about a million branches) is refused."""

MAX_RULE_BYTES = 64 * 1024
"""A rule file larger than this (64 KiB) is refused: a rule is a handful of lines."""

MAX_MEMBERS = 10**9
"""The largest membership one branch may declare."""

MAX_RULE_NUMBER = 10**9
"""The largest number a rule may use for ``per``, ``first``, ``every``, base and caps."""

MAX_SEATS = 10**6
"""The largest total of seats an apportionment may distribute."""

MAX_SLATES_BYTES = 1024 * 1024
"""A list election's file larger than this (1 MiB, thousands of nominees) is refused."""
