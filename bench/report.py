"""Printing bench/results.json: every figure, and whether each target of the issue is met."""

from __future__ import annotations

from typing import Any

# (key, label, limit): a ratio or figure must be at most its limit. The words/s targets
# ("at least 0.90x the bare models") are ratios of time here: at most 1/0.90.
TARGETS: tuple[tuple[str, str, float], ...] = (
    ("oneoff_ratio", "one-off extract / spacy.load + parse", 1.5),
    ("e2e_vs_models_ratio", "end-to-end SQLite / bare models side by side", 1 / 0.90),
    ("e2e_postgres_vs_models_ratio", "end-to-end PostgreSQL / bare models", 1 / 0.90),
    ("e2e_sqlite_ratio", "end-to-end SQLite / bare spaCy", 2.0),
    ("e2e_postgres_ratio", "end-to-end PostgreSQL / bare spaCy", 2.0),
    ("two_process_ratio", "2 extract processes / bare models in 2", 1 / 0.85),
    ("scaling_3000_vs_300", "time per word, 3,000 / 300 articles", 1 / 0.9),
    ("peak_rss_ratio_3000_vs_300", "peak RSS, 3,000 / 300 articles", 1.2),
    ("lease_p99_ms_1m", "lease p99 (ms), 1,000,000 queued, 8 workers", 10.0),
    ("export_100k_s", "export of 100,000 claims (s)", 10.0),
    ("export_100k_rss_mb", "export of 100,000 claims, peak RSS (MB)", 300.0),
)


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def print_report(results: dict[str, Any]) -> None:
    print(
        f"claimdesk bench ({results.get('mode')}): {results.get('corpus', '')}, "
        f"{_number(results.get('corpus_words', 0))} words"
    )
    for key, value in results.items():
        if isinstance(value, int | float) and not isinstance(value, bool):
            print(f"  {key:34} {_number(value)}")
    for size, figures in results.get("scaling", {}).items():
        print(
            f"  {size:>5} articles: {figures['words']:,} words, "
            f"{figures['words_per_s']:,.0f} words/s, peak RSS {figures['peak_rss_mb']:,.0f} MB"
        )
    print("targets (at most):")
    for key, label, limit in TARGETS:
        if key not in results:
            print(f"  {label:52} not measured in this run")
            continue
        verdict = "met" if results[key] <= limit else "NOT MET"
        print(f"  {label:52} {_number(results[key]):>9} <= {_number(limit):>6}  {verdict}")
