"""A JSON array is read a chunk at a time: the records, their positions and every problem are
what reading the file whole gives, whatever the chunk size, and memory holds about a chunk."""

from __future__ import annotations

import gzip
import io
import json
import random
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ReadItems

from artlint.models import Article
from artlint.readers import records as records_module
from artlint.readers import window as window_module
from artlint.readers.base import BINARY_SNIFF_BYTES, ReadProblem
from artlint.readers.window import Window

WORDS = [
    "alpha",
    "béta",
    "γάμμα",
    "😀",
    'quo"te',
    "back\\slash",
    "tab\there",
    "line\nbreak",
    "\u2028",  # a line separator to str.splitlines, not to JSON
]


def _value(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth < 3 and roll < 0.1:
        return {rng.choice(WORDS): _value(rng, depth + 1) for _ in range(2)}
    if depth < 3 and roll < 0.2:
        return [_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if roll < 0.3:
        return rng.choice([1, -2.5e10, 12345678901234567890, True, None, 0])
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 60)))


def _document(rng: random.Random) -> bytes:
    """A JSON array of records (sometimes one object), pretty or compact, often damaged."""
    keys = ["text", "title", "url", "summary", "meta", "published", "id"]
    records = [
        {key: _value(rng) for key in rng.sample(keys, rng.randint(0, 6))}
        if rng.random() > 0.05
        else _value(rng)
        for _ in range(rng.randint(0, 80))  # most files pass the first read's 8 KiB
    ]
    top: object = records[0] if records and rng.random() < 0.1 else records
    text = json.dumps(top, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    data = ("  \n" + text + "\n").encode("utf-8")
    if rng.random() < 0.1:
        data = b"\xef\xbb\xbf" + data
    roll = rng.random()
    if roll < 0.15:
        data = data[: rng.randint(0, len(data))]
    elif roll < 0.3:
        at = rng.randint(0, len(data))
        data = data[:at] + rng.choice([b"}", b"]", b",", b"x", b'"', b"{", b"\xff"]) + data[at:]
    return data


def _described(items: list[Article | ReadProblem]) -> list[object]:
    described: list[object] = []
    for item in items:
        if isinstance(item, ReadProblem):
            described.append(item)
        else:
            located = {key: item.source_of(key) for key in item.extra}
            described.append((item, located))
    return described


def test_small_chunks_read_what_one_chunk_reads(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    rng = random.Random(12)
    for _ in range(250):
        data = _document(rng)
        monkeypatch.setattr(window_module, "CHUNK_BYTES", len(data) + 8)  # the file in one read
        whole = _described(read_items("a.json", data))
        for chunk in (1, 7, 64):
            monkeypatch.setattr(window_module, "CHUNK_BYTES", chunk)
            assert _described(read_items("a.json", data)) == whole, (chunk, data)


def test_a_number_cut_by_a_read_is_read_whole(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(window_module, "CHUNK_BYTES", 16)
    first_read = BINARY_SNIFF_BYTES  # the first read takes at least this much
    for number in (b"1.5", b"1e5", b"-0.25e+10", b"true", b"12345"):
        for cut in range(1, len(number)):
            pad = first_read - cut - len(b'[{"text": ""}, ')
            data = b'[{"text": "' + b"x" * pad + b'"}, ' + number + b', {"text": "after"}]'
            assert data[first_read - cut : first_read] == number[:cut]
            items = read_items("a.json", data)
            assert [getattr(item, "body", None) for item in items] == ["x" * pad, None, "after"]
            assert "expected a JSON object" in items[1].message  # type: ignore[union-attr]


def test_a_bad_byte_after_an_empty_array_is_reported(read_items: ReadItems) -> None:
    [problem] = read_items("a.json", b"[]\n\xff\n")
    assert isinstance(problem, ReadProblem) and "invalid UTF-8 at line 2" in problem.message


def test_corrupt_compressed_data_is_reported_as_such(read_items: ReadItems) -> None:
    rng = random.Random(3)
    letters = "αβγδεζηθικλμνξοπρστυφχψω abcdefgh"  # little to compress: a flip decodes on
    records = [{"text": "".join(rng.choice(letters) for _ in range(400))} for _ in range(100)]
    packed = gzip.compress(json.dumps(records, ensure_ascii=False).encode())
    for at in range(len(packed) // 3, len(packed) - 20, 7):
        broken = packed[:at] + bytes([packed[at] ^ 0x55]) + packed[at + 1 :]
        garbage = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            garbage.decompress(broken).decode("utf-8")
        except UnicodeDecodeError:
            break  # a stream whose garbage is not UTF-8 before its checksum fails
        except zlib.error:
            continue
    else:
        pytest.fail("no such corruption found")
    problem = read_items("a.json.gz", broken)[-1]
    assert isinstance(problem, ReadProblem) and problem.fatal
    assert "UTF-8" not in problem.message, problem.message


def _watch_held_text(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How much text every window holds after each read (filled as files are read)."""
    held: list[int] = []
    appended = Window._append

    def watching(self: Window, added: str, raw: bytes) -> None:
        appended(self, added, raw)
        held.append(len(self.text))

    monkeypatch.setattr(Window, "_append", watching)
    return held


def test_a_big_array_is_read_in_about_a_chunk_of_memory(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [
        {"text": f"Story {n}. " + "word " * 200, "url": f"https://e.com/{n}"} for n in range(400)
    ]
    data = json.dumps(records, indent=2).encode()
    held = _watch_held_text(monkeypatch)
    monkeypatch.setattr(window_module, "CHUNK_BYTES", 4096)
    items = read_items("a.json", data)
    assert [item.record for item in items if isinstance(item, Article)] == list(range(1, 401))
    assert len(data) > 400_000 and max(held) < 3 * 4096


def test_records_before_a_bad_byte_are_read_and_the_byte_is_placed(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = json.dumps([{"text": "one"}, {"text": "two"}], indent=1).encode()
    data = b"\xef\xbb\xbf" + good[:-1] + b',\n {"text": "caf\xe9"}\n]'
    monkeypatch.setattr(window_module, "CHUNK_BYTES", 16)
    items = read_items("a.json", data)
    assert [item.body for item in items if isinstance(item, Article)] == ["one", "two"]
    problem = items[-1]
    assert isinstance(problem, ReadProblem) and problem.fatal
    # line 9 of the file; the byte column counts from the line's start (the BOM is on line 1)
    assert problem.message.startswith("invalid UTF-8 at line 9, byte column 15 (byte 0xe9)")


def test_a_bad_byte_after_a_bom_is_placed_exactly_in_text_files(read_items: ReadItems) -> None:
    [problem] = read_items("a.txt", b"\xef\xbb\xbfabc\xffdef\n")
    assert isinstance(problem, ReadProblem)
    assert "line 1, byte column 7 (byte 0xff)" in problem.message


def test_a_truncated_compressed_array_keeps_the_records_before_the_cut(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    records = [{"text": f"Story {n} " + "word " * 50} for n in range(300)]
    packed = gzip.compress(json.dumps(records).encode(), compresslevel=1)
    monkeypatch.setattr(window_module, "CHUNK_BYTES", 2048)
    items = read_items("a.json.gz", packed[: len(packed) // 2])
    articles = [item for item in items if isinstance(item, Article)]
    assert 10 < len(articles) < 300
    assert [a.record for a in articles] == list(range(1, len(articles) + 1))
    problem = items[-1]
    assert isinstance(problem, ReadProblem) and problem.fatal
    assert "truncated compressed stream" in problem.message


def test_one_big_object_is_read_in_few_reads(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each read copies the text so far: reads of doubling size keep a big object linear
    reads: list[int | None] = []
    original = Window.read_more

    def counting(self: Window, size: int | None = None) -> bool:
        reads.append(size)
        return original(self, size)

    monkeypatch.setattr(Window, "read_more", counting)
    monkeypatch.setattr(window_module, "CHUNK_BYTES", 1024)
    [article] = read_items("a.json", json.dumps({"text": "word " * 400_000}).encode())
    assert isinstance(article, Article) and len(article.body) == 2_000_000
    assert len(reads) < 20


def test_the_window_maps_offsets_to_lines_after_dropping_text() -> None:
    text = "".join(f"line {n}\n" for n in range(1, 200)).encode()
    window = Window(io.BytesIO(text), "a.json", chunk_bytes=50)
    window.read_all()
    at = window.text.index("line 150")
    assert window.position(at) == (150, 1)
    offset = window.forget_before(at)
    assert window.text.startswith("line 150") and window.position(offset + 5) == (150, 6)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("[" * 100_000 + "]" * 100_000, "Nested too deeply"),
        # past the limit, with brackets and an escaped quote inside a string
        ("[" * 600 + '"a\\"]]{" ' + "]" * 600, "Nested too deeply"),
        # longer than the reader's chunk: its end is found by reading on
        ('{"k": ' * 150_000 + "1" + "}" * 150_000, "Nested too deeply"),
        ("9" * 5000, "Number too long"),
        ("[1, " + "9" * 5000 + "]", "Number too long"),
    ],
)
def test_one_hostile_record_costs_only_itself(read_items: ReadItems, value: str, said: str) -> None:
    lines = ['{"text": "one"}', '{"text": ' + value + "}", '{"text": "two"}']
    items = read_items("a.jsonl", "\n".join(lines).encode())
    assert [getattr(item, "body", None) for item in items] == ["one", None, "two"]
    assert said in items[1].message  # type: ignore[union-attr]
    # in an array too: the record is well-formed, so the reader finds its end and goes on
    for array in ("[" + ", ".join(lines) + "]", "[\n" + ",\n".join(lines) + "\n]"):
        items = read_items("a.json", array.encode())
        assert [getattr(item, "body", None) for item in items] == ["one", None, "two"]
        problem = items[1]
        assert isinstance(problem, ReadProblem) and not problem.fatal and said in problem.message
        assert problem.record == 2


@pytest.mark.parametrize("after", ["  \n", ' {"text": "two"}', "], ", "x"])
def test_text_after_the_array_is_reported_not_dropped(read_items: ReadItems, after: str) -> None:
    array = '[{"text": "one"}]'
    items = read_items("a.json", (array + after).encode())
    assert items[0].body == "one"  # type: ignore[union-attr]
    problems = [item for item in items[1:] if isinstance(item, ReadProblem)]
    if after.strip():
        column = len(array) + len(after) - len(after.lstrip()) + 1
        assert len(problems) == 1 and problems[0].fatal
        assert f"after the JSON array at line 1, column {column};" in problems[0].message
    else:
        assert problems == []


@pytest.mark.parametrize(
    "hostile",
    [
        "[" * 600 + '"a]]]' + "]" * 600,  # the string never closes: no end to be found
        # past where the decoder stopped, the record is no JSON: its end cannot be trusted
        "[" * 1200 + "]" * 1201,
        "[" * 1200 + "}" * 1200,
        '{"a": ' * 1200 + "1" + "}" * 1199 + "]",
        "[" * 1200 + "]" * 1199 + ", 1 2]",
    ],
)
def test_a_hostile_record_that_is_cut_or_malformed_still_stops_the_array(
    read_items: ReadItems, hostile: str
) -> None:
    text = '[{"text": "one"}, ' + hostile + ', {"text": "two"}]'
    if hostile.startswith("[" * 600 + '"'):
        text = text[: text.index(', {"text": "two"}')]
    items = read_items("a.json", text.encode())
    assert items[0].body == "one"  # type: ignore[union-attr]
    assert not any(getattr(item, "body", None) == "two" for item in items)
    assert any(isinstance(item, ReadProblem) and item.fatal for item in items[1:])


def test_a_mapped_field_nested_deep_but_decodable_costs_nothing(read_items: ReadItems) -> None:
    deep = "[" * 400 + '"words"' + "]" * 400
    lines = ['{"text": "one"}', '{"title": ' + deep + ', "text": ' + deep + "}", '{"text": "two"}']
    items = read_items("a.jsonl", "\n".join(lines).encode())
    assert [getattr(item, "body", None) for item in items] == ["one", "", "two"]


def test_a_report_file_of_deep_json_is_not_taken_for_one_of_ours(tmp_path: Path) -> None:
    from artlint.readers.own_outputs import is_own_output_file

    report = tmp_path / "o.json"
    report.write_text("[" * 5000 + "]" * 5000, encoding="utf-8")
    assert not is_own_output_file(report)


def _wrapper(rng: random.Random) -> bytes:
    """A news API's answer (records in a list under a records key, beside metadata), or an
    object that is an article, often damaged: what the walk of a big object must read as the
    whole file is read."""
    items: list[object] = [
        {"title": _value(rng), "text": _value(rng), "url": f"https://e.com/{n}"}
        if rng.random() > 0.05
        else _value(rng)
        for n in range(rng.randint(0, 40))
    ]
    shape = rng.random()
    top: dict[str, object] = {"status": "ok", "totalResults": len(items)}
    if shape < 0.4:
        top["articles"] = items
    elif shape < 0.55:
        top["articles"] = {"results": items, "page": 1}  # Event Registry
    elif shape < 0.65:
        top["response"] = {"numFound": len(items), "docs": items}  # Solr
    elif shape < 0.75:
        top["text"] = _value(rng)  # an article that holds a list: one record
        top["items"] = items
    elif shape < 0.85:
        top["data"] = ["a", "b"]  # a list of no records: one record
    else:
        top["articles"] = items
        top["results"] = items[:1]  # two lists: the first key of the field map wins
    if rng.random() < 0.5:
        top["meta"] = {"next": _value(rng)}  # after the list
    text = json.dumps(top, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.5)
    data = (" " + text + "\n").encode("utf-8")
    roll = rng.random()
    if roll < 0.1:
        data = data[: rng.randint(0, len(data))]
    elif roll < 0.2:
        at = rng.randint(0, len(data))
        data = data[:at] + rng.choice([b"}", b"]", b",", b"x", b'"', b"{", b"\xff"]) + data[at:]
    elif roll < 0.25:
        data += b'{"more": 1}'
    return data


def test_a_big_wrapping_object_reads_as_when_read_whole(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An object too big to read whole is walked a chunk at a time, then its records read as
    a top-level array's: records, positions and problems must be those of the file read whole,
    which is how smaller files are read."""
    rng = random.Random(5)
    walks = 0
    records_at = records_module._records_at

    def counting(*args: object) -> Iterator[object]:
        nonlocal walks
        walks += 1
        return records_at(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(records_module, "_records_at", counting)
    documents = [_wrapper(rng) for _ in range(300)]
    documents += [
        # a key with a dot is no path: the nested list is the records, as lookup reads it
        json.dumps(
            {"articles": {"results": [{"text": "A."}]}, "articles.results": [{"text": "B."}]}
        ).encode(),
        # nested as deep as reading whole refuses, counted from the top-level value
        ('{"status":"ok","articles":[{"text":"b","x":' + "[" * 499 + "]" * 499 + "}]}").encode(),
        ('{"articles":{"results":[{"text":"b","x":' + "[" * 498 + "]" * 498 + "}]}}").encode(),
    ]
    for data in documents:
        monkeypatch.setattr(records_module, "WHOLE_OBJECT_CHARS", 1 << 30)
        monkeypatch.setattr(window_module, "CHUNK_BYTES", len(data) + 8)
        whole = _described(read_items("a.json", data))
        monkeypatch.setattr(records_module, "WHOLE_OBJECT_CHARS", 0)
        for chunk in (3, 64):
            monkeypatch.setattr(window_module, "CHUNK_BYTES", chunk)
            assert _described(read_items("a.json", data)) == whole, (chunk, data)
    assert walks > 300  # most answers were read record by record, at both chunk sizes


def test_a_big_answer_that_changes_while_it_is_read_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from artlint.fields import FieldMap
    from artlint.readers.base import InputFile
    from artlint.readers.records import read_json

    answer = json.dumps({"status": "ok", "pad": "x" * 300, "articles": [{"text": "One."}]})
    readings = iter([answer.encode(), answer.encode(), b"{}"])
    monkeypatch.setattr(records_module, "WHOLE_OBJECT_CHARS", 0)
    file = InputFile(path="a.json", logical_name="a.json", open=lambda: io.BytesIO(next(readings)))
    [problem] = list(read_json(file, FieldMap()))
    assert isinstance(problem, ReadProblem) and problem.fatal
    assert "changed while it was read" in problem.message


def test_a_big_wrapping_object_is_read_in_about_a_chunk_of_memory(
    read_items: ReadItems, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = [
        {"text": f"Story {n}. " + "word " * 200, "url": f"https://e.com/{n}"} for n in range(400)
    ]
    data = json.dumps({"status": "ok", "totalResults": 400, "articles": items}).encode()
    held = _watch_held_text(monkeypatch)
    monkeypatch.setattr(window_module, "CHUNK_BYTES", 4096)
    monkeypatch.setattr(records_module, "WHOLE_OBJECT_CHARS", 16_384)
    found = read_items("a.json", data)
    assert [item.record for item in found if isinstance(item, Article)] == list(range(1, 401))
    assert len(data) > 400_000 and max(held) < 8 * 4096
