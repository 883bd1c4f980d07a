"""Due process: no sanction without a charge, a hearing, an independent panel and an appeal.

A member or a body files a charge citing clauses of the rulebook in force; a charge citing no
clause, a clause the rulebook does not have, or only the clauses the rulebook protects
(opinions, votes, criticism of officers, tendencies) is refused and the refusal recorded.
The body's disputes panel (an office of kind "panel", elected like any other) hears the case
and decides it by vote, with reasons; the accused may appeal to the panel of the next body up
that has one. A sanction other than a warning takes effect only when the appeal time has
passed or the appeal is decided; an interim suspension, ordered by the panel with reasons,
ends by itself. Deadlines are kept by the scheduler (`discipline_tick`).
"""
