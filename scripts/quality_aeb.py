#!/usr/bin/env python3
"""Score artlint on the labelled aeb corpus and compare the figures with the issue-3 targets.

    python scripts/quality_aeb.py                          # run artlint, print the table
    python scripts/quality_aeb.py --markdown               # the same table as Markdown
    python scripts/quality_aeb.py --findings findings.json # score saved `--output-format json`
    python scripts/quality_aeb.py --json                   # every figure, machine-readable

The definitions are those of the corpus README (`<corpus>/README.md`): AD is scored per line on
the extractor files, TR and DL per file, and every family by its findings on the clean ground
truth (`gt`) files. Targets are reported, not asserted: the exit status is 0 whenever scoring
ran, 2 for bad input (no corpus, unreadable findings, a crashed artlint run).
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "aeb"

BOILERPLATE = ("ad_cta", "cookie_legal", "share_social", "related", "nav")
CATEGORIES = (*BOILERPLATE, "meta", "comments", "other")
PROMPT_GROUP = ("ad_cta", "cookie_legal", "share_social")
LIST_GROUP = ("related", "nav")
# whole-page dumps: nobody would lint them as articles, so precision there is reported apart
PAGE_DUMPS = frozenset({"html-text", "inscriptis"})
CLEAN = "gt"
DATELINE_STATES = ("kept", "lost", "none")
# families always shown, flagged or not, so an empty family reads as 0 rather than missing
FAMILIES = ("AD", "DL", "DT", "TR", "EN", "HT", "DU", "ST", "AL")


class InputError(Exception):
    """Bad input (corpus, findings, artlint run): one clear message, exit status 2."""


@dataclass(frozen=True)
class LineLabel:
    extra: bool
    category: str | None
    boiler: bool


@dataclass(frozen=True)
class FileLabels:
    extractor: str
    lines: dict[int, LineLabel]
    truncated_tail: bool
    gt_truncated: bool
    dateline: str  # kept / lost / none


@dataclass(frozen=True)
class Flag:
    file: str
    line: int
    end_line: int
    code: str

    @property
    def family(self) -> str:
        return self.code[:2].upper()


@dataclass
class Intake:
    """Findings mapped onto corpus files, with what could not be used."""

    flags: list[Flag] = field(default_factory=list)
    total: int = 0
    malformed: int = 0
    unmatched: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- corpus and findings


def load_corpus(corpus: Path) -> dict[str, FileLabels]:
    path = corpus / "labels.jsonl"
    if not path.is_file():
        raise InputError(f"{corpus}: no labels.jsonl here (is it the aeb corpus folder?)")
    labels: dict[str, FileLabels] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read: {error}") from None
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
            labels[record["file"]] = _file_labels(record)
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise InputError(f"{path}: line {number}: not an aeb label record ({error})") from None
    if not labels:
        raise InputError(f"{path}: no label records")
    return labels


def _file_labels(record: dict[str, Any]) -> FileLabels:
    lines = {
        int(number): LineLabel(
            extra=item["label"] == "extra",
            category=item.get("category"),
            boiler=bool(item.get("boiler")),
        )
        for number, item in record["lines"].items()
    }
    dateline = record.get("dateline")
    state = "none" if not dateline else ("kept" if dateline.get("kept") else "lost")
    return FileLabels(
        extractor=record["extractor"],
        lines=lines,
        truncated_tail=bool(record["truncated_tail"]),
        gt_truncated=bool(record["gt_truncated"]),
        dateline=state,
    )


def load_findings(path: Path) -> list[Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read findings: {error.strerror or error}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: findings are not UTF-8 text") from None
    except ValueError as error:
        raise InputError(f"{path}: findings are not JSON ({error})") from None
    if not isinstance(data, list):
        raise InputError(f"{path}: findings must be a JSON array (artlint --output-format json)")
    return data


def _supports(command: Sequence[str], option: str) -> bool:
    try:
        done = subprocess.run([*command, "check", "--help"], capture_output=True, check=False)
    except OSError:
        return False
    return option in done.stdout.decode("utf-8", "replace").split()


def run_artlint(command: Sequence[str], corpus: Path, config: str | None) -> list[Any]:
    argv = [*command, "check", "--output-format", "json"]
    if _supports(command, "--no-cache"):  # score what the rules say now, and write nothing
        argv.append("--no-cache")
    if config:
        argv += ["--config", config]
    argv.append(str(corpus / "txt"))
    shown = " ".join(shlex.quote(part) for part in argv)
    try:
        done = subprocess.run(argv, capture_output=True, check=False)
    except OSError as error:
        raise InputError(f"cannot start artlint ({shown}): {error}") from None
    stderr = done.stderr.decode("utf-8", "replace").strip()
    if done.returncode not in (0, 1):
        tail = "\n".join(stderr.splitlines()[-10:]) or "(no stderr)"
        raise InputError(f"artlint exited {done.returncode}: {shown}\n{tail}")
    try:
        data = json.loads(done.stdout.decode("utf-8", "replace"))
    except ValueError as error:
        raise InputError(f"artlint did not print JSON ({error}): {shown}") from None
    if not isinstance(data, list):
        raise InputError(f"artlint printed JSON that is not an array: {shown}")
    return data


class PathMatcher:
    """Maps a finding's path (absolute or relative) to a `txt/<extractor>/<id>.txt` key."""

    def __init__(self, corpus: Path, known: Iterable[str]) -> None:
        self.root = corpus.resolve()
        self.known = set(known)
        self.by_tail = {"/".join(key.split("/")[-2:]): key for key in self.known}

    def __call__(self, raw: object) -> str | None:
        if not isinstance(raw, str) or not raw:
            return None
        path = Path(raw)
        for candidate in (
            [path]
            if path.is_absolute()
            else [Path.cwd() / path, self.root / path, self.root / "txt" / path]
        ):
            try:
                key = candidate.resolve().relative_to(self.root).as_posix()
            except ValueError:
                continue
            if key in self.known:
                return key
        return self.by_tail.get("/".join(raw.replace("\\", "/").split("/")[-2:]))


def _as_int(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    return default


def take_findings(findings: list[Any], match: PathMatcher) -> Intake:
    intake = Intake(total=len(findings))
    for item in findings:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            intake.malformed += 1
            continue
        key = match(item.get("path"))
        if key is None:
            intake.unmatched.append(str(item.get("path")))
            continue
        line = _as_int(item.get("line"), 0)  # no line: a finding about the whole file
        end = _as_int(item.get("end_line"), line)
        intake.flags.append(Flag(key, line, max(line, end), item["code"].strip()))
    return intake


# ---------------------------------------------------------------- scoring


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _per100(count: int, articles: int) -> float | None:
    return 100.0 * count / articles if articles else None


def ad_lines(labels: dict[str, FileLabels], flags: list[Flag]) -> dict[str, set[int]]:
    """Flagged lines per file: a block finding covers every labelled (non-blank) line it spans."""
    lines: dict[str, set[int]] = defaultdict(set)
    for flag in flags:
        if flag.family != "AD":
            continue
        lines[flag.file].add(flag.line)
        if flag.line > 0:
            spanned = range(flag.line + 1, flag.end_line + 1)
            lines[flag.file].update(n for n in spanned if n in labels[flag.file].lines)
    return lines


def _ad_tally(
    labels: dict[str, FileLabels], files: Iterable[str], flagged: dict[str, set[int]]
) -> Counter[str]:
    tally: Counter[str] = Counter()
    for key in files:
        marked = flagged.get(key, set())
        own = labels[key].lines
        for number in marked:
            label = own.get(number)
            tally["flagged"] += 1
            if label is not None and label.extra:
                tally["flagged_extra"] += 1
            elif label is not None and label.boiler:
                tally["flagged_boiler"] += 1
        for number, label in own.items():
            if label.extra:
                category = label.category or "other"
                tally[f"lines:{category}"] += 1
                tally[f"hit:{category}"] += number in marked
    return tally


def _recall(tally: Counter[str], categories: Sequence[str]) -> dict[str, Any]:
    hit = sum(tally[f"hit:{c}"] for c in categories)
    lines = sum(tally[f"lines:{c}"] for c in categories)
    return {"recall": _ratio(hit, lines), "hit": hit, "lines": lines}


def score_ad(labels: dict[str, FileLabels], flags: list[Flag]) -> dict[str, Any]:
    flagged = ad_lines(labels, flags)
    extractors = _extractors(labels)
    noisy = [k for k, v in labels.items() if v.extractor != CLEAN]
    realistic = [k for k in noisy if labels[k].extractor not in PAGE_DUMPS]
    clean = [k for k, v in labels.items() if v.extractor == CLEAN]
    overall = _ad_tally(labels, noisy, flagged)
    real = _ad_tally(labels, realistic, flagged)
    on_clean = _ad_tally(labels, clean, flagged)
    by_extractor = {}
    for name in extractors:
        files = [k for k, v in labels.items() if v.extractor == name]
        tally = _ad_tally(labels, files, flagged)
        by_extractor[name] = {
            "precision": _ratio(tally["flagged_extra"], tally["flagged"]),
            "flagged": tally["flagged"],
        }
    return {
        "flagged_lines": overall["flagged"],
        "precision": _ratio(overall["flagged_extra"], overall["flagged"]),
        "precision_realistic": _ratio(real["flagged_extra"], real["flagged"]),
        "precision_by_extractor": by_extractor,
        "recall": _recall(overall, BOILERPLATE),
        "recall_prompts": _recall(overall, PROMPT_GROUP),
        "recall_lists": _recall(overall, LIST_GROUP),
        "recall_by_category": {c: _recall(overall, [c]) for c in CATEGORIES},
        "clean_false_alarms_per100": _per100(on_clean["flagged"], len(clean)),
        "clean_false_alarms_per100_excl_boiler": _per100(
            on_clean["flagged"] - on_clean["flagged_boiler"], len(clean)
        ),
    }


def _detection(
    files: list[str],
    flagged: set[str],
    truth: Callable[[FileLabels], bool],
    labels: dict[str, FileLabels],
) -> dict[str, Any]:
    positives = {k for k in files if truth(labels[k])}
    hits = {k for k in files if k in flagged}
    found = len(positives & hits)
    return {
        "precision": _ratio(found, len(hits)),
        "recall": _ratio(found, len(positives)),
        "flagged": len(hits),
        "truth": len(positives),
        "found": found,
    }


def score_tr(labels: dict[str, FileLabels], flags: list[Flag]) -> dict[str, Any]:
    flagged = {f.file for f in flags if f.family == "TR"}
    noisy = [k for k, v in labels.items() if v.extractor != CLEAN]
    clean = [k for k, v in labels.items() if v.extractor == CLEAN]
    cutoffs = _detection(clean, flagged, lambda r: r.gt_truncated, labels)
    false_alarms = sum(1 for k in clean if k in flagged and not labels[k].gt_truncated)
    return {
        "vs_tail": _detection(noisy, flagged, lambda r: r.truncated_tail, labels),
        "vs_tail_or_gt": _detection(
            noisy, flagged, lambda r: r.truncated_tail or r.gt_truncated, labels
        ),
        "gt_cutoffs_found": cutoffs["found"],
        "gt_cutoffs": cutoffs["truth"],
        "clean_false_alarms_per100": _per100(false_alarms, len(clean)),
    }


def score_dl(labels: dict[str, FileLabels], flags: list[Flag]) -> dict[str, Any]:
    flagged = {f.file for f in flags if f.family == "DL"}
    rates: dict[str, Any] = {}
    for scope in ("extractors", "gt"):
        rates[scope] = {}
        for state in DATELINE_STATES:
            files = [
                k
                for k, v in labels.items()
                if (v.extractor == CLEAN) == (scope == "gt") and v.dateline == state
            ]
            if files:
                hit = sum(1 for k in files if k in flagged)
                rates[scope][state] = {
                    "rate": _ratio(hit, len(files)),
                    "flagged": hit,
                    "files": len(files),
                }
    return rates


def score_families(labels: dict[str, FileLabels], flags: list[Flag]) -> dict[str, Any]:
    clean = sum(1 for v in labels.values() if v.extractor == CLEAN)
    seen = sorted({f.family for f in flags} - set(FAMILIES))
    result = {}
    for family in (*FAMILIES, *seen):
        mine = [f for f in flags if f.family == family]
        on_clean = sum(1 for f in mine if labels[f.file].extractor == CLEAN)
        result[family] = {
            "findings": len(mine),
            "clean": on_clean,
            "clean_per100": _per100(on_clean, clean),
        }
    return result


def _extractors(labels: dict[str, FileLabels]) -> list[str]:
    return list(dict.fromkeys(v.extractor for v in labels.values()))


def score(labels: dict[str, FileLabels], intake: Intake) -> dict[str, Any]:
    flags = intake.flags
    return {
        "files": len(labels),
        "clean_articles": sum(1 for v in labels.values() if v.extractor == CLEAN),
        "findings": {
            "total": intake.total,
            "scored": len(flags),
            "malformed": intake.malformed,
            "unmatched": len(intake.unmatched),
        },
        "by_code": dict(sorted(Counter(f.code for f in flags).items())),
        "AD": score_ad(labels, flags),
        "TR": score_tr(labels, flags),
        "DL": score_dl(labels, flags),
        "families": score_families(labels, flags),
    }


# ---------------------------------------------------------------- table


@dataclass(frozen=True)
class Row:
    section: str
    metric: str
    value: str
    target: str = ""
    status: str = ""


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}%"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _judge(value: float | None, at_least: float | None = None, at_most: float | None = None) -> str:
    if value is None:
        return "n/a"
    if at_least is not None and value < at_least:
        return "FAIL"
    if at_most is not None and value > at_most:
        return "FAIL"
    return "PASS"


def _recall_row(section: str, name: str, item: dict[str, Any], floor: float | None) -> Row:
    value = f"{_pct(item['recall'])} ({item['hit']}/{item['lines']})"
    if floor is None:
        return Row(section, name, value)
    return Row(section, name, value, f">= {floor:.0%}", _judge(item["recall"], at_least=floor))


def ad_rows(ad: dict[str, Any]) -> list[Row]:
    rows = [
        Row(
            "AD",
            "precision, all extractors",
            _pct(ad["precision"]),
            ">= 95%",
            _judge(ad["precision"], at_least=0.95),
        ),
        Row(
            "AD",
            "precision, realistic extractors",
            _pct(ad["precision_realistic"]),
            ">= 90%",
            _judge(ad["precision_realistic"], at_least=0.90),
        ),
    ]
    for name, item in ad["precision_by_extractor"].items():
        if name == CLEAN:  # every flag there is a false alarm: see the clean gt rows below
            continue
        rows.append(
            Row("AD", f"precision, {name} ({item['flagged']} lines)", _pct(item["precision"]))
        )
    rows.append(_recall_row("AD", "recall, boilerplate categories", ad["recall"], None))
    for category, item in ad["recall_by_category"].items():
        rows.append(_recall_row("AD", f"recall, {category}", item, None))
    rows.append(
        _recall_row("AD", "recall, ad_cta+cookie_legal+share_social", ad["recall_prompts"], 0.85)
    )
    rows.append(_recall_row("AD", "recall, related+nav", ad["recall_lists"], 0.70))
    rows.append(
        Row(
            "AD",
            "clean gt false-alarm lines /100 articles, excl. boiler",
            _num(ad["clean_false_alarms_per100_excl_boiler"]),
            "<= 3",
            _judge(ad["clean_false_alarms_per100_excl_boiler"], at_most=3),
        )
    )
    rows.append(
        Row(
            "AD",
            "clean gt false-alarm lines /100 articles, all",
            _num(ad["clean_false_alarms_per100"]),
        )
    )
    return rows


def _detection_value(item: dict[str, Any], key: str) -> str:
    count = item["found"], item["flagged" if key == "precision" else "truth"]
    return f"{_pct(item[key])} ({count[0]}/{count[1]})"


def tr_rows(tr: dict[str, Any]) -> list[Row]:
    tail, either = tr["vs_tail"], tr["vs_tail_or_gt"]
    cutoffs = tr["gt_cutoffs_found"], tr["gt_cutoffs"]
    return [
        Row("TR", "precision vs truncated_tail", _detection_value(tail, "precision")),
        Row("TR", "recall vs truncated_tail", _detection_value(tail, "recall")),
        # the README counts a body truncated in either sense as a true truncated body
        Row(
            "TR",
            "precision vs truncated_tail or gt_truncated",
            _detection_value(either, "precision"),
            ">= 90%",
            _judge(either["precision"], at_least=0.90),
        ),
        Row("TR", "recall vs truncated_tail or gt_truncated", _detection_value(either, "recall")),
        Row(
            "TR",
            "gt cut-offs found",
            f"{cutoffs[0]}/{cutoffs[1]}",
            "all",
            _judge(None if not cutoffs[1] else cutoffs[0] / cutoffs[1], at_least=1.0),
        ),
        Row(
            "TR",
            "clean gt false alarms /100 articles",
            _num(tr["clean_false_alarms_per100"]),
            "<= 1",
            _judge(tr["clean_false_alarms_per100"], at_most=1),
        ),
    ]


def dl_rows(dl: dict[str, Any]) -> list[Row]:
    rows = []
    for scope, states in dl.items():
        for state, item in states.items():
            value = f"{_pct(item['rate'])} ({item['flagged']}/{item['files']})"
            rows.append(Row("DL", f"files flagged, {scope}, dateline {state}", value))
    return rows


def family_rows(families: dict[str, Any]) -> list[Row]:
    rows = []
    for family, item in families.items():
        label = f"findings /100 clean gt articles ({item['findings']} in all)"
        value = _num(item["clean_per100"])
        if family in ("AD", "TR"):  # judged by their own line- and file-level targets above
            rows.append(Row(family, label, value))
        else:
            rows.append(Row(family, label, value, "<= 1", _judge(item["clean_per100"], at_most=1)))
    return rows


def table_rows(scores: dict[str, Any]) -> list[Row]:
    return [
        *ad_rows(scores["AD"]),
        *tr_rows(scores["TR"]),
        *dl_rows(scores["DL"]),
        *family_rows(scores["families"]),
    ]


HEADER = Row("family", "metric", "value", "target", "status")


def headline(scores: dict[str, Any]) -> str:
    seen = scores["findings"]
    return (
        f"artlint on aeb: {scores['files']} files, {scores['clean_articles']} clean gt "
        f"articles; {seen['total']} findings, {seen['scored']} scored, "
        f"{seen['malformed']} malformed, {seen['unmatched']} with unknown paths"
    )


def render_text(scores: dict[str, Any]) -> str:
    rows = [HEADER, *table_rows(scores)]
    widths = [
        max(len(getattr(r, f)) for r in rows) for f in ("section", "metric", "value", "target")
    ]
    lines = [headline(scores), ""]
    for row in rows:
        cells = (row.section, row.metric, row.value, row.target)
        lines.append(
            "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + "  " + row.status
        )
    lines.append("")
    lines.append(_verdict(rows[1:]))
    return "\n".join(line.rstrip() for line in lines)


def render_markdown(scores: dict[str, Any]) -> str:
    lines = [
        headline(scores),
        "",
        "| family | metric | value | target | status |",
        "| --- | --- | ---: | ---: | --- |",
    ]
    for row in table_rows(scores):
        status = f"**{row.status}**" if row.status == "FAIL" else row.status
        lines.append(f"| {row.section} | {row.metric} | {row.value} | {row.target} | {status} |")
    lines += ["", _verdict(table_rows(scores))]
    return "\n".join(lines)


def _verdict(rows: list[Row]) -> str:
    judged = Counter(r.status for r in rows if r.status)
    return (
        f"targets: {judged['PASS']} PASS, {judged['FAIL']} FAIL, {judged['n/a']} n/a "
        "(n/a: nothing flagged, so the figure is undefined)"
    )


# ---------------------------------------------------------------- command line


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Score artlint on the labelled aeb corpus against the issue-3 targets."
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"aeb corpus folder (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument(
        "--findings",
        type=Path,
        default=None,
        help="score this saved `artlint check --output-format json` array "
        "instead of running artlint",
    )
    parser.add_argument(
        "--artlint",
        default=f"{shlex.quote(sys.executable)} -m artlint",
        help="command that runs artlint (default: this Python's -m artlint)",
    )
    parser.add_argument("--config", default=None, help="pass --config FILE to artlint")
    parser.add_argument(
        "--save-findings",
        type=Path,
        default=None,
        help="also write artlint's findings to this file",
    )
    output = parser.add_mutually_exclusive_group()
    output.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    output.add_argument("--json", action="store_true", help="print every figure as JSON")
    return parser.parse_args(argv)


def collect(args: argparse.Namespace) -> dict[str, Any]:
    corpus: Path = args.corpus
    if not corpus.is_dir():
        raise InputError(f"{corpus}: no such corpus folder (use --corpus)")
    labels = load_corpus(corpus)
    if args.findings is not None:
        findings = load_findings(args.findings)
    else:
        try:
            command = shlex.split(args.artlint)
        except ValueError as error:
            raise InputError(f"--artlint {args.artlint!r}: {error}") from None
        if not command:
            raise InputError("--artlint is empty")
        findings = run_artlint(command, corpus, args.config)
        if args.save_findings is not None:
            args.save_findings.write_text(
                json.dumps(findings, ensure_ascii=False), encoding="utf-8"
            )
    intake = take_findings(findings, PathMatcher(corpus, labels))
    if intake.unmatched:
        examples = ", ".join(intake.unmatched[:3])
        if not intake.flags:
            raise InputError(
                f"no finding names a file of {corpus} (e.g. {examples}): "
                "wrong --corpus for these findings?"
            )
        print(
            f"quality_aeb: warning: {len(intake.unmatched)} findings name files outside "
            f"the corpus (e.g. {examples}); they are not scored",
            file=sys.stderr,
        )
    return score(labels, intake)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        scores = collect(args)
    except InputError as error:
        print(f"quality_aeb: error: {error}", file=sys.stderr)
        return 2
    if args.json:
        report = json.dumps(scores, indent=1, ensure_ascii=False)
    else:
        report = render_markdown(scores) if args.markdown else render_text(scores)
    try:
        print(report, flush=True)
    except BrokenPipeError:  # `| head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
