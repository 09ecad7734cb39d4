"""Prefect flows, the command line and fetching from the web."""
