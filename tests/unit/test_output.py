"""What the commands print is the text as it is: no markup, no emoji codes."""

from __future__ import annotations

import pytest

from cli.output import problem, say


def test_text_is_printed_as_it_is(capsys: pytest.CaptureFixture[str]) -> None:
    say("Exports rose :smile: 5 percent [/ref] in [bold]2018[/bold].")
    problem("error", "wiki[1].txt: :x: no such file")
    captured = capsys.readouterr()
    assert captured.out == "Exports rose :smile: 5 percent [/ref] in [bold]2018[/bold].\n"
    assert captured.err == "error: wiki[1].txt: :x: no such file\n"
