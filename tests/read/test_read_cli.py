"""Bad input through ``kg extract``: one line per bad file on stderr, the rest still extracted."""

from __future__ import annotations

import io
import json

from click.testing import CliRunner
from reportlab.pdfgen import canvas

from kg.cli import cli


def blank_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(50, 50, 100, 100)
    c.showPage()
    c.save()
    return buf.getvalue()


def test_bad_files_are_reported_and_good_ones_still_extracted(tmp_path):
    (tmp_path / "good.txt").write_text("Avon Leadership Board – 3 March 2020\n\n1 Apologies\n\nNone.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "cp1252.txt").write_bytes("Board minutes \x96 £5 \x93agreed\x94".encode("latin-1"))
    (tmp_path / "scan.pdf").write_bytes(blank_pdf())
    with open(tmp_path / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code != 0
    assert "Traceback" not in result.stderr
    bad = [ln for ln in result.stderr.splitlines() if ln.strip()]
    for name, reason in [("empty.txt", "empty"), ("binary.txt", "binary"), ("scan.pdf", "no text layer"),
                         ("huge.txt", "MB")]:
        assert any(name in ln and reason in ln for ln in bad), (name, bad)
    sources = {r["source"] for r in json.loads(result.stdout)}
    assert sources == {"good.txt", "cp1252.txt"}


def test_a_cp1252_file_is_extracted_with_a_warning_naming_it(tmp_path):
    (tmp_path / "legacy.txt").write_bytes("Avon Leadership Board \x96 3 March 2020\n\nPresent: Cllr Ann O\x92Neill\n"
                                          .encode("latin-1"))
    result = CliRunner().invoke(cli, ["extract", str(tmp_path), "--format", "json"])
    assert result.exit_code == 0
    warned = [ln for ln in result.stderr.splitlines() if "warning" in ln]
    assert len(warned) == 1
    assert warned[0].startswith("kg: warning: ") and warned[0].endswith("legacy.txt: not valid UTF-8: decoded as cp1252")
    assert json.loads(result.stdout)[0]["source"] == "legacy.txt"


def test_table_summary_counts_what_each_document_records(tmp_path):
    (tmp_path / "board.txt").write_text(
        "Avon Leadership Board – 3 March 2020\n\nPresent: Ann Lee (Chair), Bob Ray\n\n1. Budget\n"
        "Bob Ray asked about the reserves; Ann Lee responded that they were sound.\nThe Board approved the budget.\n"
        "2. Close\nThe meeting closed at 4pm.\n",
        encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(tmp_path / "board.txt"), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ("board.txt: Avon Leadership Board 2020-03-03 | present 2, apologies 0, deputies 0, "
                                     "items 2, decisions 1, actions 0, questions 1, programmes 0")
