"""Notices: what members are told by email (an election opens, you were nominated, voting
closes tomorrow, a result), each saying why, as each member chose: each one, a daily digest, or
none; with a one-click unsubscribe in every message."""
