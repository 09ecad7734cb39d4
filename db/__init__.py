"""Persistence: SQLAlchemy models, sessions, the repository and the review queue."""
