"""partnership-kg: minutes of partnership meetings as a knowledge graph."""

__version__ = "0.1.0"
