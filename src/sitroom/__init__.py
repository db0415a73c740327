"""sitroom: an offline situation room for conflict monitoring."""
__version__ = "0.1.0"
