"""scripts/quality_aeb.py: its figures on a hand-made corpus, bad input, and agreement with the
reference scorer on the real corpus."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "quality_aeb.py"
SHARED = Path(__file__).resolve().parents[2] / "shared"
AEB = SHARED / "corpus" / "aeb"
REFERENCE = SHARED / "tools" / "score_aeb.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("quality_aeb", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["quality_aeb"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


qa = _load()


def _line(label: str, category: str | None = None, boiler: bool = False) -> dict[str, Any]:
    item: dict[str, Any] = {"label": label, "category": category, "checked": False}
    if boiler:
        item["boiler"] = True
    return item


def _record(
    extractor: str,
    lines: dict[str, Any],
    *,
    tail: bool = False,
    cut: bool = False,
    dateline: dict[str, Any] | None = None,
) -> dict[str, Any]:
    return {
        "file": f"txt/{extractor}/p1.txt",
        "extractor": extractor,
        "lines": lines,
        "truncated_tail": tail,
        "gt_truncated": cut,
        "dateline": dateline,
        "empty": False,
    }


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """One page, three extractors; line labels chosen so every figure is easy to work out."""
    kept = {"kept": True}
    records = [
        _record(
            "gt", {"1": _line("gt"), "2": _line("gt", boiler=True), "3": _line("gt")}, dateline=kept
        ),
        _record(
            "trafilatura",
            {
                "1": _line("gt"),
                "2": _line("extra", "ad_cta"),
                "3": _line("extra", "nav"),
                "5": _line("extra", "meta"),
                "6": _line("gt"),
            },
            tail=True,
            dateline=kept,
        ),
        _record(
            "html-text",
            {
                "1": _line("extra", "nav"),
                "2": _line("extra", "related"),
                "3": _line("extra", "cookie_legal"),
                "4": _line("gt"),
            },
            dateline={"kept": False},
        ),
    ]
    (tmp_path / "labels.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8"
    )
    for record in records:
        path = tmp_path / record["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x\n" * 6, encoding="utf-8")
    return tmp_path


def _finding(code: str, path: str, line: int, end_line: int | None = None) -> dict[str, Any]:
    return {
        "code": code,
        "path": path,
        "line": line,
        "column": 1,
        "end_line": line if end_line is None else end_line,
        "message": "m",
    }


FINDINGS = [
    # trafilatura: lines 2 and 3 are boilerplate, 5 is meta (extra, so precise), 6 is article
    _finding("AD101", "txt/trafilatura/p1.txt", 2, 3),
    _finding("AD102", "txt/trafilatura/p1.txt", 6),
    _finding("AD102", "txt/trafilatura/p1.txt", 5),
    # html-text: a block over 1-3, given as an absolute path under another root
    _finding("AD101", "/elsewhere/txt/html-text/p1.txt", 1, 3),
    # clean gt: one boiler line, one plain false alarm
    _finding("AD101", "txt/gt/p1.txt", 2),
    _finding("AD101", "txt/gt/p1.txt", 3),
    _finding("TR001", "txt/trafilatura/p1.txt", 6),
    _finding("TR001", "txt/html-text/p1.txt", 4),
    _finding("DL001", "txt/gt/p1.txt", 1),
    _finding("DL001", "txt/trafilatura/p1.txt", 1),
    _finding("DT001", "txt/gt/p1.txt", 1),
    _finding("DT001", "txt/gt/p1.txt", 3),
]


def _scores(corpus: Path, findings: list[Any]) -> dict[str, Any]:
    labels = qa.load_corpus(corpus)
    return qa.score(labels, qa.take_findings(findings, qa.PathMatcher(corpus, labels)))


def test_ad_figures_on_hand_made_corpus(corpus: Path) -> None:
    ad = _scores(corpus, FINDINGS)["AD"]
    # extractor files: 2, 3, 5, 6 (trafilatura) + 1, 2, 3 (html-text) flagged; only 6 is gt
    assert ad["flagged_lines"] == 7
    assert ad["precision"] == pytest.approx(6 / 7)
    assert ad["precision_realistic"] == pytest.approx(3 / 4)  # html-text left out
    assert ad["recall"]["hit"] == 5 and ad["recall"]["lines"] == 5
    assert ad["recall_prompts"] == {"recall": 1.0, "hit": 2, "lines": 2}
    assert ad["recall_lists"]["hit"] == 3
    assert ad["recall_by_category"]["meta"]["hit"] == 1
    assert ad["clean_false_alarms_per100"] == pytest.approx(200.0)
    assert ad["clean_false_alarms_per100_excl_boiler"] == pytest.approx(100.0)


def test_tr_dl_and_family_figures(corpus: Path) -> None:
    scores = _scores(corpus, FINDINGS)
    tr = scores["TR"]
    assert tr["vs_tail"]["precision"] == pytest.approx(0.5)
    assert tr["vs_tail"]["recall"] == pytest.approx(1.0)
    assert (tr["gt_cutoffs_found"], tr["gt_cutoffs"]) == (0, 0)
    assert tr["clean_false_alarms_per100"] == pytest.approx(0.0)
    dl = scores["DL"]
    assert dl["extractors"]["kept"]["rate"] == pytest.approx(1.0)
    assert dl["extractors"]["lost"]["rate"] == pytest.approx(0.0)
    assert dl["gt"]["kept"]["rate"] == pytest.approx(1.0)
    assert scores["families"]["DT"]["clean_per100"] == pytest.approx(200.0)
    assert scores["families"]["EN"]["findings"] == 0


def test_table_judges_targets(corpus: Path) -> None:
    lines = qa.render_text(_scores(corpus, FINDINGS)).splitlines()
    realistic = next(line for line in lines if "precision, realistic extractors" in line)
    assert realistic.endswith("FAIL") and "75.0%" in realistic
    prompts = next(line for line in lines if "recall, ad_cta+cookie_legal+share_social" in line)
    assert prompts.endswith("PASS")
    markdown = qa.render_markdown(_scores(corpus, FINDINGS))
    assert "| family | metric | value | target | status |" in markdown
    dt_row = "| DT | findings /100 clean gt articles (2 in all) | 200.00 | <= 1 | **FAIL** |"
    assert dt_row in markdown


def test_nothing_flagged_reads_not_applicable(corpus: Path) -> None:
    text = qa.render_text(_scores(corpus, []))
    precision = next(line for line in text.splitlines() if "precision, all extractors" in line)
    assert precision.endswith("n/a")
    family_dt = next(line for line in text.splitlines() if line.startswith("DT"))
    assert family_dt.endswith("PASS")


def _run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, check=False
    )


def test_cli_scores_saved_findings(corpus: Path, tmp_path: Path) -> None:
    saved = tmp_path / "findings.json"
    saved.write_text(json.dumps(FINDINGS), encoding="utf-8")
    done = _run("--corpus", corpus, "--findings", saved, "--markdown")
    assert done.returncode == 0, done.stderr
    assert "| AD | precision, all extractors | 85.7% | >= 95% | **FAIL** |" in done.stdout


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"code": "AD101"}', "must be a JSON array"),
        ("[{", "not JSON"),
        ('[{"code": "AD101", "path": "/nowhere/x/y.txt", "line": 1}]', "wrong --corpus"),
    ],
)
def test_bad_findings_exit_2(corpus: Path, tmp_path: Path, content: str, message: str) -> None:
    saved = tmp_path / "findings.json"
    saved.write_text(content, encoding="utf-8")
    done = _run("--corpus", corpus, "--findings", saved)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_corpus_and_findings_exit_2(tmp_path: Path, corpus: Path) -> None:
    done = _run("--corpus", tmp_path / "nope", "--findings", tmp_path / "f.json")
    assert done.returncode == 2 and "no such corpus folder" in done.stderr
    done = _run("--corpus", corpus, "--findings", tmp_path / "missing.json")
    assert done.returncode == 2 and "cannot read findings" in done.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "labels.jsonl").write_text('{"file": 1}\n', encoding="utf-8")
    done = _run("--corpus", broken, "--findings", tmp_path / "f.json")
    assert done.returncode == 2 and "not an aeb label record" in done.stderr
    assert "Traceback" not in done.stderr


def test_artlint_crash_exit_2(corpus: Path) -> None:
    done = _run("--corpus", corpus, "--artlint", f"{sys.executable} -c 'import sys; sys.exit(3)'")
    assert done.returncode == 2
    assert "artlint exited 3" in done.stderr


# ---------------------------------------------------------------- against the reference scorer

# Rules crude enough to flag plenty on every family the scorers treat specially, so the
# comparison is not between two empty reports while artlint's real rules are being written.
PROBE_PLUGIN = '''
from __future__ import annotations

from artlint import Finding, hookimpl, rule

WORDS = ("subscribe", "cookie", "share", "newsletter", "advertisement", "menu", "sign in")


@rule(code="AD999", name="probe-phrase", summary="probe")
def phrase(article, options):
    """probe"""
    start = 0
    lines = (article.body or "").split("\\n")
    for index, line in enumerate(lines):
        if any(word in line.lower() for word in WORDS):
            # every third hit as a two-line block, to exercise end_line
            end = start + len(line)
            if index % 3 == 0 and index + 1 < len(lines):
                end += 1 + len(lines[index + 1])
            yield Finding(message="probe", start=start, end=end)
        start += len(line) + 1


@rule(code="TR999", name="probe-tail", summary="probe")
def tail(article, options):
    """probe"""
    body = (article.body or "").rstrip()
    if body and body[-1] not in ".!?\\"'\\u201d":
        yield Finding(message="probe", start=len(body) - 1, end=len(body))


@rule(code="DL999", name="probe-wire", summary="probe")
def wire(article, options):
    """probe"""
    head = (article.body or "")[:300]
    if "(AP)" in head or "(Reuters)" in head or " \\u2014 " in head:
        yield Finding(message="probe", start=0, end=1)


@hookimpl
def artlint_rules():
    return [phrase, tail, wire]
'''


@pytest.fixture(scope="module")
def both_reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], dict[str, Any]]:
    if not (AEB / "labels.jsonl").is_file() or not REFERENCE.is_file():
        pytest.skip("needs ../shared/corpus/aeb and ../shared/tools/score_aeb.py")
    work = tmp_path_factory.mktemp("probe")
    (work / "probe.py").write_text(PROBE_PLUGIN, encoding="utf-8")
    config = work / "artlint.toml"
    config.write_text('plugins = ["probe.py"]\n', encoding="utf-8")
    saved = work / "findings.json"
    mine = _run("--corpus", AEB, "--config", config, "--save-findings", saved, "--json")
    assert mine.returncode == 0, mine.stderr
    reference = subprocess.run(
        [sys.executable, str(REFERENCE), "--corpus", str(AEB), "--findings", str(saved), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert reference.returncode == 0, reference.stderr
    return json.loads(mine.stdout), json.loads(reference.stdout)


def _close(mine: float | None, theirs: float | None, places: int) -> bool:
    if mine is None or theirs is None:
        return mine is theirs
    return abs(round(mine, places) - theirs) <= 1.5 * 10**-places


def _fraction(text: str) -> tuple[int, int]:
    hit, lines = text.split("/")
    return int(hit), int(lines)


def test_probe_run_flags_every_scored_family(both_reports: tuple[dict, dict]) -> None:
    mine, _ = both_reports
    assert mine["AD"]["flagged_lines"] > 100
    assert mine["TR"]["vs_tail"]["flagged"] > 10
    assert mine["DL"]["extractors"]["kept"]["flagged"] > 0


def test_ad_agrees_with_reference(both_reports: tuple[dict, dict]) -> None:
    mine, ref = both_reports
    ad, ref_ad = mine["AD"], ref["AD"]
    assert ad["flagged_lines"] == ref_ad["flagged_lines"]
    assert _close(ad["precision"], ref_ad["precision"], 4)
    assert _close(ad["recall"]["recall"], ref_ad["recall"], 4)
    for category, item in ad["recall_by_category"].items():
        theirs = ref_ad["recall_by_category"][category]["lines"]
        assert (item["hit"], item["lines"]) == _fraction(theirs)
    for group in ("recall_prompts", "recall_lists"):
        categories = qa.PROMPT_GROUP if group == "recall_prompts" else qa.LIST_GROUP
        sums = [_fraction(ref_ad["recall_by_category"][c]["lines"]) for c in categories]
        assert (ad[group]["hit"], ad[group]["lines"]) == tuple(map(sum, zip(*sums, strict=True)))
    assert _close(
        ad["clean_false_alarms_per100"], ref_ad["clean_gt_false_positive_lines_per_100_articles"], 2
    )
    assert _close(
        ad["clean_false_alarms_per100_excl_boiler"],
        ref_ad["clean_gt_false_positive_lines_excluding_boilerlike_per_100"],
        2,
    )
    for name, item in ad["precision_by_extractor"].items():
        assert _close(item["precision"], ref_ad["per_extractor"][name]["precision"], 4)


def test_tr_agrees_with_reference(both_reports: tuple[dict, dict]) -> None:
    mine, ref = both_reports
    tr, ref_tr = mine["TR"], ref["TR"]
    pairs = [
        ("vs_tail", "extractors_vs_truncated_tail"),
        ("vs_tail_or_gt", "extractors_vs_truncated_tail_or_gt_truncated"),
    ]
    for key, ref_key in pairs:
        for measure in ("precision", "recall"):
            assert _close(tr[key][measure], ref_tr[ref_key][measure], 4)
    assert tr["gt_cutoffs_found"] == ref_tr["gt_vs_gt_truncated"]["tp"]
    assert tr["gt_cutoffs"] == ref_tr["gt_vs_gt_truncated"]["truth"]
    assert _close(
        tr["clean_false_alarms_per100"], ref_tr["clean_gt_false_alarms_per_100_articles"], 2
    )


def test_dl_and_families_agree_with_reference(both_reports: tuple[dict, dict]) -> None:
    mine, ref = both_reports
    names = {"kept": "gt_dateline_kept", "lost": "gt_dateline_lost", "none": "no_gt_dateline"}
    compared = 0
    for scope, states in mine["DL"].items():
        for state, item in states.items():
            theirs = ref["DL"]["groups"][f"{scope}/{names[state]}"]
            assert (item["flagged"], item["files"]) == (theirs["flagged"], theirs["articles"])
            assert _close(item["rate"] * 100, theirs["flagged_pct"], 2)
            compared += 1
    assert compared == len(ref["DL"]["groups"])
    for family, theirs in ref["families"].items():
        assert _close(
            mine["families"][family]["clean_per100"], theirs["clean_gt_flags_per_100_articles"], 2
        )
        assert mine["families"][family]["findings"] == theirs["flags"]
