"""Every counting method's name, in a module that imports nothing.

`newcourse count` offers all of them before it knows which file it reads; keeping the names
here lets it do so without loading any count (each import is start-up time a member waits for).
"""

# CLI name -> (module, function, whether it takes a `progress` callback); see `_count`.
METHOD_TABLE: dict[str, tuple[str, str, bool]] = {
    "scottish-stv": ("._scottish", "count_scottish_stv", True),
    "meek": ("._meek", "count_meek", True),
    "ers97": ("._ers97", "count_ers97", True),
    "irv": ("._irv", "count_irv", True),
    "plurality": ("._plurality", "count_plurality", False),
    "block-plurality": ("._plurality", "count_block_plurality", False),
    "approval": ("._plurality", "count_approval", False),
    "schulze": ("._condorcet", "count_schulze", False),
    "ranked-pairs": ("._condorcet", "count_ranked_pairs", False),
    "motion": ("._motion", "count_motion", False),
}

METHOD_NAMES: tuple[str, ...] = tuple(METHOD_TABLE)
"""The methods that count an election's ballots (BLT, CSV or JSON files)."""

BUDGET_METHODS: tuple[str, ...] = (
    "greedy",
    "greedy-no-skip",
    "equalshares",
    "equalshares/add1",
    "equalshares/add1-comparison",
)
"""The methods that count a participatory budget (`.pb` files; see `_budget`)."""
