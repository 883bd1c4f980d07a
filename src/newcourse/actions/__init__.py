"""Decisions carried out: each action a body's decision asks for, who is to carry it out, by
when, and what became of it.

An action hangs off the decision that asked for it: today a conference's carried decision
(`newcourse.conferences.models.Decision`); when branch and committee meetings exist (issue 21,
a later step), a meeting's carried decision will attach the same way, through a second nullable
link beside `decision`, with `body` and `decided` (what was decided, in words) unchanged. Until
then an action may also stand on `decided` alone.

Its owner (an office, whose current holders act for it, or a body, whose officers do) writes
dated updates that move it from not started to in progress to done. Only the body that took
the decision drops an action, by a later decision of its own: never its owner.
"""
