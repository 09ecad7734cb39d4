"""Offline training and evaluation of the check-worthiness scorer (needs ../shared)."""
