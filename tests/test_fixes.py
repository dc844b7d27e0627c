"""--fix / --diff: only fixed characters change, atomic writes, unparsed files never rewritten."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

RULE_FILE = textwrap.dedent('''
    from artlint import Finding, Fix, hookimpl, rule

    @rule(code="ZZ901", name="escaped-ampersand", summary="An escaped ampersand", fix="safe")
    def escaped_ampersand(article, options):
        """Test rule: flags &amp; and fixes it to &."""
        text = article.body
        start = text.find("&amp;")
        while start != -1:
            yield Finding(message="escaped ampersand", start=start, end=start + 5,
                          fix=Fix(replacement="&", start=start, end=start + 5))
            start = text.find("&amp;", start + 1)

    @rule(code="ZZ902", name="junk-line", summary="A junk line", fix="unsafe")
    def junk_line(article, options):
        """Test rule: flags the line JUNK and offers to remove it (unsafe)."""
        text = article.body
        start = text.find("JUNK\\n")
        if start != -1:
            yield Finding(message="junk", start=start, end=start + 5,
                          fix=Fix(replacement="", start=start, end=start + 5,
                                  applicability="unsafe"))

    @hookimpl
    def artlint_rules():
        return [escaped_ampersand, junk_line]
''')


def artlint(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "artlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "zz_rules.py").write_text(RULE_FILE, encoding="utf-8")
    (tmp_path / "artlint.toml").write_text(
        'plugins = ["zz_rules.py"]\nselect = ["ZZ"]\n', encoding="utf-8"
    )
    return tmp_path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_check_never_writes(project: Path) -> None:
    article = project / "a.txt"
    article.write_bytes(b"Tom &amp; Jerry\r\n")
    before = digest(article)
    result = artlint("check", "--no-cache", ".", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "ZZ901" in result.stdout
    assert digest(article) == before


def test_fix_keeps_crlf_bom_and_permissions(project: Path) -> None:
    article = project / "a.txt"
    article.write_bytes(b"\xef\xbb\xbfTom &amp; Jerry\r\nJUNK\r\nend &amp;\r\n")
    article.chmod(0o640)
    result = artlint("check", "--fix", "--no-cache", "a.txt", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert article.read_bytes() == b"\xef\xbb\xbfTom & Jerry\r\nJUNK\r\nend &\r\n"
    assert stat.S_IMODE(article.stat().st_mode) == 0o640
    assert not [p for p in project.iterdir() if p.name.endswith(".artlint-tmp")]


def test_unsafe_fixes_only_when_asked(project: Path) -> None:
    article = project / "a.txt"
    article.write_text("keep\nJUNK\nkeep too\n", encoding="utf-8")
    artlint("check", "--fix", "--no-cache", "a.txt", cwd=project)
    assert article.read_text(encoding="utf-8") == "keep\nJUNK\nkeep too\n"
    artlint("check", "--fix", "--unsafe-fixes", "--no-cache", "a.txt", cwd=project)
    assert article.read_text(encoding="utf-8") == "keep\nkeep too\n"


def test_jsonl_fix_touches_only_the_fixed_characters(project: Path) -> None:
    records = (
        '{"id": 1, "text": "caf\\u00e9 &amp; bar", "z": [1,  2], "title": "x"}\n'
        '{"text":"untouched \\/ escape","id":2}\n'
        "\n"
        '{"title": "t", "text": "a &amp; b &amp; c"}\n'
    )
    article = project / "data.jsonl"
    article.write_text(records, encoding="utf-8")
    result = artlint("check", "--fix", "--no-cache", "data.jsonl", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    expected = records.replace("&amp;", "&")
    assert article.read_text(encoding="utf-8") == expected


def test_a_body_given_as_a_list_is_not_reported_as_fixable(project: Path) -> None:
    # a Scrapy item's paragraphs: the text has no single place in the file a fix could edit
    records = '{"title": "t", "text": ["a &amp; b", "c"]}\n'
    (project / "items.jsonl").write_text(records, encoding="utf-8")
    found = artlint("check", "--no-cache", "--output-format", "json", "items.jsonl", cwd=project)
    violations = json.loads(found.stdout)
    assert violations and all(violation["fix"] is None for violation in violations)
    fixed = artlint("check", "--fix", "--no-cache", "items.jsonl", cwd=project)
    assert "fixable" not in fixed.stdout
    assert (project / "items.jsonl").read_text(encoding="utf-8") == records


def test_gzip_jsonl_fix_round_trips(project: Path) -> None:
    article = project / "data.jsonl.gz"
    article.write_bytes(gzip.compress(b'{"text": "a &amp; b"}\n'))
    result = artlint("check", "--fix", "--no-cache", "data.jsonl.gz", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert gzip.decompress(article.read_bytes()) == b'{"text": "a & b"}\n'


def test_diff_shows_and_does_not_write(project: Path) -> None:
    article = project / "a.md"
    article.write_text("---\ntitle: T\n---\nTom &amp; Jerry\n", encoding="utf-8")
    before = digest(article)
    result = artlint("check", "--diff", "--no-cache", "a.md", cwd=project)
    assert "-Tom &amp; Jerry" in result.stdout
    assert "+Tom & Jerry" in result.stdout
    assert digest(article) == before


def test_unparseable_file_is_never_rewritten(project: Path) -> None:
    article = project / "bad.jsonl"
    content = b'{"text": "a &amp; b"}\n{"text": broken\n'
    article.write_bytes(content)
    result = artlint("check", "--fix", "--no-cache", "bad.jsonl", cwd=project)
    assert result.returncode == 2
    assert "record 2" in result.stdout
    assert article.read_bytes() == content


def test_repeated_fix_passes_converge(project: Path) -> None:
    # "&amp;amp;" needs two passes: &amp;amp; -> &amp; -> &
    article = project / "a.txt"
    article.write_text("double &amp;amp; escaped\n", encoding="utf-8")
    result = artlint("check", "--fix", "--no-cache", "a.txt", cwd=project)
    assert result.returncode == 0, result.stdout
    assert article.read_text(encoding="utf-8") == "double & escaped\n"


def test_killed_mid_write_leaves_the_original_intact(project: Path) -> None:
    article = project / "a.txt"
    article.write_text("Tom &amp; Jerry\n", encoding="utf-8")
    before = digest(article)
    # The process dies abruptly after the temporary file is written and fsynced, before the
    # rename: exactly the moment a crash would hurt a non-atomic writer.
    script = textwrap.dedent("""
        import os, sys
        def die(*args, **kwargs):
            os._exit(137)
        os.replace = die
        from artlint.cli import main
        main(["check", "--fix", "--no-cache", "a.txt"])
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=project, timeout=120)
    assert result.returncode == 137
    assert digest(article) == before
    leftovers = [p.name for p in project.iterdir() if p.name.endswith(".artlint-tmp")]
    # a killed process cannot clean up; the leftover is a separate file, never the original
    assert all(name.startswith(".a.txt.") for name in leftovers)


def test_write_atomically_cleans_up_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from artlint import fixes

    target = tmp_path / "a.txt"
    target.write_text("original", encoding="utf-8")

    def fail(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(OSError):
        fixes.write_atomically(target, b"new")
    assert target.read_text(encoding="utf-8") == "original"
    assert list(tmp_path.iterdir()) == [target]


def test_read_only_file_is_not_fixed_and_the_run_goes_on(project: Path) -> None:
    locked = project / "locked.txt"
    locked.write_bytes(b"Tom &amp; Jerry\n")
    locked.chmod(0o444)
    other = project / "other.txt"
    other.write_bytes(b"Tom &amp; Jerry\n")
    result = artlint("check", "--fix", "--no-cache", "locked.txt", "other.txt", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "locked.txt:1:1: AL005 fixes not written: the file is read-only" in result.stdout
    # the report describes the file as it stays: its problem is still there
    assert "locked.txt:1:5: ZZ901" in result.stdout
    assert locked.read_bytes() == b"Tom &amp; Jerry\n"
    assert stat.S_IMODE(locked.stat().st_mode) == 0o444
    assert other.read_bytes() == b"Tom & Jerry\n"
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root writes into a read-only folder anyway",
)
def test_unwritable_folder_is_reported_not_a_crash(project: Path) -> None:
    folder = project / "sealed"
    folder.mkdir()
    article = folder / "a.txt"
    article.write_bytes(b"Tom &amp; Jerry\n")
    folder.chmod(0o555)
    try:
        result = artlint("check", "--fix", "--no-cache", "sealed/a.txt", cwd=project)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "AL005 fixes not written" in result.stdout
    assert article.read_bytes() == b"Tom &amp; Jerry\n"


def _stdin(project: Path, data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--no-cache", *args],
        cwd=project,
        input=data,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_fix_on_stdin_prints_the_fixed_text(project: Path) -> None:
    # as ruff does: the fixed text on stdout, the report on stderr
    done = _stdin(project, b"\xef\xbb\xbfTom &amp; Jerry\r\nJUNK\n", "--fix", "-")
    assert done.returncode == 1, done.stderr
    assert done.stdout == b"\xef\xbb\xbfTom & Jerry\r\nJUNK\n"
    assert b"ZZ902" in done.stderr and b"ZZ901" not in done.stderr
    untouched = _stdin(project, b"Nothing to fix.\n", "--fix", "-")
    assert untouched.returncode == 0 and untouched.stdout == b"Nothing to fix.\n"


def test_diff_on_stdin_shows_the_change(project: Path) -> None:
    done = _stdin(project, b"Tom &amp; Jerry\n", "--diff", "-")
    assert b"-Tom &amp; Jerry\n+Tom & Jerry\n" in done.stdout
    assert b"ZZ901" in done.stdout


def test_stdin_is_the_only_path(project: Path) -> None:
    done = _stdin(project, b"text\n", "-", "-")
    assert done.returncode == 2
    assert b"must be the only path" in done.stderr


def use_plugins(project: Path, own_rules: bool = True, **plugins: str) -> None:
    """Write each plugin as NAME.py and a config that loads them (after the project's own
    zz_rules.py unless ``own_rules`` is False) and selects the ZZ rules."""
    for name, source in plugins.items():
        (project / f"{name}.py").write_text(source, encoding="utf-8")
    files = [*(["zz_rules.py"] if own_rules else []), *(f"{name}.py" for name in plugins)]
    listed = ", ".join(f'"{name}"' for name in files)
    (project / "artlint.toml").write_text(
        f'plugins = [{listed}]\nselect = ["ZZ"]\n', encoding="utf-8"
    )


def word_fix_rule(code: str, word: str, replacement: str, field: str = "body") -> str:
    """A plugin of one rule with a safe fix: the first ``word`` in ``field`` is replaced."""
    return textwrap.dedent(f'''
        from artlint import Finding, Fix, hookimpl, rule

        @rule(code={code!r}, name="replace-{code.lower()}", summary="A word to replace",
              fix="safe")
        def replace_word(article, options):
            """Test rule: a word of one field and its replacement."""
            start = article.text_of({field!r}).find({word!r})
            if start != -1:
                end = start + {len(word)}
                yield Finding(message={word.lower()!r}, field={field!r}, start=start, end=end,
                              fix=Fix(replacement={replacement!r}, start=start, end=end))

        @hookimpl
        def artlint_rules():
            return [replace_word]
    ''')


# 'echo' becomes 'echo echo', which holds 'echo' again: a fix that never settles
GROWING_RULE = word_fix_rule("ZZ903", "echo", "echo echo")


def test_fixes_that_never_settle_are_not_written(project: Path) -> None:
    use_plugins(project, growing=GROWING_RULE)
    looping = project / "looping.txt"
    looping.write_bytes(b"an echo and Tom &amp; Jerry\n")
    calm = project / "calm.txt"
    calm.write_bytes(b"Tom &amp; Jerry\n")
    result = artlint("check", "--fix", "--no-cache", "looping.txt", "calm.txt", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    assert (
        "looping.txt:1:1: AL005 fixes not written: the fixes of ZZ903 did not settle in 5 "
        "passes" in result.stdout
    )
    assert "looping.txt:1:4: ZZ903" in result.stdout  # reported as the file stays
    assert looping.read_bytes() == b"an echo and Tom &amp; Jerry\n"  # not even the calm fix
    assert calm.read_bytes() == b"Tom & Jerry\n"
    assert "Traceback" not in result.stderr


def test_one_unsettled_record_holds_back_only_its_own_fixes(project: Path) -> None:
    use_plugins(project, growing=GROWING_RULE)
    data = project / "data.jsonl"
    data.write_bytes(
        b'{"text": "Tom &amp; Jerry"}\n'
        b'{"text": "an echo and Tom &amp; Jerry"}\n'
        b'{"text": "Ben &amp; Holly"}\n'
    )
    result = artlint("check", "--fix", "--no-cache", "--output-format", "concise", ".", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    # the other records are fixed; the looping one stays exactly as it was
    assert data.read_bytes() == (
        b'{"text": "Tom & Jerry"}\n'
        b'{"text": "an echo and Tom &amp; Jerry"}\n'
        b'{"text": "Ben & Holly"}\n'
    )
    lines = result.stdout.splitlines()
    assert lines[:3] == [
        "data.jsonl:2:1: AL005 fixes not written: the fixes of ZZ903 in this record did not "
        "settle in 5 passes (each pass found more to fix); none of this record's fixes were "
        "applied",
        "data.jsonl:2:14: ZZ903 echo",
        "data.jsonl:2:27: ZZ901 escaped ampersand",
    ]
    assert "Traceback" not in result.stderr


# a key of the record that no field maps
SUMMARY_RULE = word_fix_rule("ZZ904", "SHOUT", "shout", field="summary")


def test_a_key_no_field_maps_is_located_and_fixed_in_place(project: Path) -> None:
    use_plugins(project, summary=SUMMARY_RULE, own_rules=False)
    data = project / "data.json"
    data.write_bytes(b'[\n  {\n    "text": "Body.",\n    "summary": "caf\\u00e9 SHOUT"\n  }\n]\n')
    checked = artlint("check", "--no-cache", "--output-format", "concise", ".", cwd=project)
    assert checked.stdout.splitlines()[0] == "data.json:4:27: ZZ904 shout"
    fixed = artlint("check", "--fix", "--no-cache", ".", cwd=project)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert data.read_bytes() == (
        b'[\n  {\n    "text": "Body.",\n    "summary": "caf\\u00e9 shout"\n  }\n]\n'
    )


PING_RULE = word_fix_rule("ZZ905", "ping", "ping ping")


def test_each_held_record_names_its_own_rules_and_its_first_line(project: Path) -> None:
    use_plugins(project, growing=GROWING_RULE, ping=PING_RULE)
    data = project / "data.json"
    raw = (
        b'[\n  {\n    "title": "t",\n    "text": "an echo"\n  },\n'
        b'  {\n    "text": "Tom &amp; Jerry"\n  },\n'
        b'  {\n    "text": "a ping"\n  }\n]\n'
    )
    data.write_bytes(raw)
    result = artlint("check", "--fix", "--no-cache", "--output-format", "concise", ".", cwd=project)
    assert result.returncode == 2, result.stdout + result.stderr
    held = [line for line in result.stdout.splitlines() if "AL005" in line]
    assert [line.split(" fixes not written")[0] for line in held] == [
        "data.json:2:1: AL005",
        "data.json:9:1: AL005",
    ]
    assert "the fixes of ZZ903 in this record" in held[0]
    assert "the fixes of ZZ905 in this record" in held[1]
    assert data.read_bytes() == raw.replace(b"&amp;", b"&")


# a replacement with a quote, a backslash and a line end, which JSON must escape
QUOTING_RULE = word_fix_rule("ZZ906", "WORD", '"C:\\new"\nline')


def test_a_replacement_is_escaped_in_a_json_string_without_escapes(project: Path) -> None:
    import json

    use_plugins(project, quoting=QUOTING_RULE, own_rules=False)
    data = project / "data.jsonl"
    data.write_bytes(b'{"text": "a WORD here"}\n{"text": "caf\xc3\xa9 WORD"}\n')
    result = artlint("check", "--fix", "--no-cache", ".", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    records = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    assert [record["text"] for record in records] == [
        'a "C:\\new"\nline here',
        'caf\u00e9 "C:\\new"\nline',
    ]


def test_fix_text_says_when_its_fixes_made_the_text_unreadable() -> None:
    from artlint import fixes
    from artlint.models import Article, FieldSource, Fix, Violation

    def lint(text: str) -> list[tuple[Article, Violation]] | None:
        if "broken" in text:
            return None
        article = Article(path="a.txt", format="txt", body=text, sources={"body": FieldSource()})
        fix = Fix(replacement="broken", start=0, end=1)
        violation = Violation(
            code="ZZ907", name="n", message="m", severity="error", path="a.txt",
            line=1, column=1, end_line=1, end_column=2, field="body", fix=fix,
        )  # fmt: skip
        return [(article, violation)]

    outcome = fixes.fix_text("a text", lint, unsafe=False)
    assert outcome.broke_file and outcome.applied == [] and outcome.text == "a text"
    unreadable = fixes.fix_text("broken already", lint, unsafe=False)
    assert not unreadable.broke_file  # unreadable from the start: nothing was tried


# a replacement that YAML would read as the start of a comment
HASH_RULE = word_fix_rule("ZZ908", "HASH", "#1", field="summary")


def test_a_front_matter_fix_that_would_change_the_yaml_is_not_applied(project: Path) -> None:
    use_plugins(project, summary=SUMMARY_RULE, hash=HASH_RULE, own_rules=False)
    page = project / "page.md"
    page.write_text("---\nsummary: ranked HASH\n---\nBody.\n", encoding="utf-8")
    other = project / "other.md"
    other.write_text("---\nsummary: a calm SHOUT here\n---\nBody.\n", encoding="utf-8")
    result = artlint("check", "--fix", "--no-cache", "--output-format", "concise", ".", cwd=project)
    # "ranked #1" would read as "ranked" (a comment): left as it is, and still reported
    assert page.read_text(encoding="utf-8") == "---\nsummary: ranked HASH\n---\nBody.\n"
    assert "page.md:2:17: ZZ908" in result.stdout
    assert other.read_text(encoding="utf-8") == "---\nsummary: a calm shout here\n---\nBody.\n"


def test_fix_text_stops_short_of_writing_what_does_not_settle() -> None:
    from artlint import fixes
    from artlint.models import Article, FieldSource, Fix, Violation

    def lint(text: str) -> list[tuple[Article, Violation]]:
        article = Article(path="a.txt", format="txt", body=text, sources={"body": FieldSource()})
        start = text.find("x")
        fix = Fix(replacement="xx", start=start, end=start + 1)
        violation = Violation(
            code="ZZ903", name="n", message="m", severity="error", path="a.txt",
            line=1, column=start + 1, end_line=1, end_column=start + 2, field="body", fix=fix,
        )  # fmt: skip
        return [(article, violation)]

    outcome = fixes.fix_text("a x b", lint, unsafe=False)
    assert outcome.unsettled == ["ZZ903"]
    assert outcome.text == "a x b" and outcome.applied == []
    settles = fixes.fix_text("a x b", lambda text: [] if "xx" in text else lint(text), False)
    assert settles.unsettled == [] and settles.text == "a xx b"

    def same_after_five(text: str) -> list[tuple[Article, Violation]]:
        # five growing passes, then a fix that changes nothing: that is settled
        if text.count("x") < 6:
            return lint(text)
        article, violation = lint(text)[0]
        assert violation.fix is not None
        unchanged = violation.fix.model_copy(update={"replacement": "x"})
        return [(article, violation.model_copy(update={"fix": unchanged}))]

    done = fixes.fix_text("a x b", same_after_five, False)
    assert done.unsettled == [] and done.text == "a xxxxxx b"
