"""The claim-extraction domain: plain dataclasses and functions over spaCy docs.

This package imports neither ``db``, Prefect nor httpx.
"""
