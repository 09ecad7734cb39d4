"""Every local input kind of `extract` says where its publication date comes from."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flows.ingest import read_inputs

PAGE = """<html><head><title>Talks resume in Oslo</title>
<meta property="article:published_time" content="2019-05-22T09:00:00+00:00">
</head><body><article><h1>Talks resume in Oslo</h1>
<p>The talks between the government and the opposition resumed in Oslo on Tuesday,
officials from both delegations said after the first session ended.</p>
<p>A second round is planned for next month, according to the Norwegian mediators.</p>
</article></body></html>"""


def test_each_local_input_kind_names_the_origin_of_its_date(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Talks resume\n\nMay 22, 2019\n\nThe talks resumed.\n")
    (tmp_path / "b.md").write_text("# Talks resume\n\nUpdated: 22/05/2019\n\nThey resumed.\n")
    (tmp_path / "c-2019-05-22.txt").write_text("Talks resume\n\nThe talks resumed.\n")
    (tmp_path / "d.html").write_text(PAGE)
    (tmp_path / "e.csv").write_text("url,date,text\nhttps://example.org/e,2019-05-22,They met.\n")
    files = [str(tmp_path / n) for n in ("a.txt", "b.md", "c-2019-05-22.txt", "d.html", "e.csv")]
    result = read_inputs(files)
    assert result.errors == [] and result.warnings == []
    assert [d.published for d in result.documents] == [date(2019, 5, 22)] * 5
    assert [d.published_source for d in result.documents] == [
        "text line 3: “May 22, 2019”",
        "text line 3: “Updated: 22/05/2019”",
        "file name: c-2019-05-22.txt",
        "HTML metadata (meta tags, JSON-LD, <time> or URL)",
        "corpus CSV column 'date'",
    ]


def test_an_undated_input_is_read_with_a_warning_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "talks.txt"
    path.write_text("Talks resume\n\nThe talks resumed on Tuesday.\n")
    result = read_inputs([str(path)])
    [document] = result.documents
    assert (document.published, document.date_source) == (None, "none")
    assert result.warnings == [f"{path}: no publication date found; relative dates left unresolved"]
