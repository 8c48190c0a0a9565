"""Extraction: from an ingested Article to entities, quotes and times."""
