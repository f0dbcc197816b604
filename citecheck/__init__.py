"""citecheck: which statements in an article are backed, and which are not."""

__version__ = "0.1.0"
