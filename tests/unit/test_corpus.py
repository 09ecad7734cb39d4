"""Corpus CSVs: one article per row, dated by a column when the text has no dateline."""

from __future__ import annotations

from datetime import date

import pytest

from claims.corpus import CorpusError, read_corpus

CORPUS = (
    "url,date,title,text\n"
    'https://n.example/a,2020-01-20,Virus estimate,"On Friday, researchers posted findings."\n'
    'https://n.example/b,2019-01-05,Pileup,"Saturday, January 5, 2019\n\n\nA fire killed five."\n'
)


def test_each_row_is_a_document_dated_by_its_column_or_its_dateline() -> None:
    first, second = read_corpus(CORPUS, "/data/news.csv")
    assert (first.location, first.title, first.published) == (
        "https://n.example/a",
        "Virus estimate",
        date(2020, 1, 20),
    )
    assert first.date_source == "metadata"
    assert (second.published, second.date_source) == (date(2019, 1, 5), "dateline")
    assert second.text == "A fire killed five."


def test_rows_without_a_url_are_located_by_their_line() -> None:
    [document] = read_corpus("text\nThe bill passed 52 to 48.\n", "/data/x.csv")
    assert document.location == "/data/x.csv#2" and document.published is None


@pytest.mark.parametrize("mark", [";", "\t"])
def test_a_spreadsheet_saved_with_semicolons_or_tabs_reads_as_with_commas(mark: str) -> None:
    rows = [
        ["url", "date", "title", "text"],
        ["https://n.example/a", "2020-01-20", "Estimate", "Costs rose 4,5% in 2019, it said."],
    ]
    data = "".join(mark.join(f'"{cell}"' for cell in row) + "\r\n" for row in rows)
    [document] = read_corpus(data, "/data/news.csv")
    assert (document.location, document.title) == ("https://n.example/a", "Estimate")
    assert document.published == date(2020, 1, 20)
    assert document.text == "Costs rose 4,5% in 2019, it said."


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("url,body\nhttps://x,Text\n", "/data/x.csv: a corpus CSV needs a 'text' column"),
        ("text,date\nFine.,2020-01-01\nAlso fine.,05/06/2020\n", "/data/x.csv:3: column 'date'"),
        ("text,date\n,2020-01-01\n", "/data/x.csv:2: column 'text' is empty"),
        ("text\n", "/data/x.csv: no rows under the header"),
    ],
)
def test_a_bad_corpus_is_refused_whole_naming_the_line(data: str, message: str) -> None:
    with pytest.raises(CorpusError) as error:
        read_corpus(data, "/data/x.csv")
    assert str(error.value).startswith(message)
