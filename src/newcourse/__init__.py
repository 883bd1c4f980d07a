"""New Course: the internal democracy of member organisations."""

__version__ = "0.1.0"
