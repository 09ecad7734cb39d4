"""Benchmarks run by `make bench` (figures, never timed tests)."""
