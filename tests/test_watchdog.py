"""The rule time limit: a rule that runs away on one article is stopped and reported as AL006,
and the rest of the run goes on."""

from __future__ import annotations

import json
import signal
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import RunCli

from artlint import watchdog
from artlint.config import Settings
from artlint.engine import BoundRule, check_article, check_articles
from artlint.models import Article, Finding
from artlint.rules import NoOptions, Rule

pytestmark = pytest.mark.skipif(
    not hasattr(signal, "setitimer"), reason="the rule time limit needs a timer signal (POSIX)"
)

LOOPING_PLUGIN = textwrap.dedent(
    '''
    from artlint import Finding, hookimpl, rule

    @rule(code="ZZ950", name="loops-on-loop", summary="Never ends on the word LOOP")
    def loops_on_loop(article, options):
        """## What it does
        Loops for ever on LOOP, swallowing every Exception, as a buggy plugin might.
        """
        while "LOOP" in article.body:
            try:
                sum(range(1000))
            except Exception:
                pass
        return iter(())

    @rule(code="ZZ951", name="needle", summary="The word NEEDLE")
    def needle(article, options):
        """## What it does
        Flags NEEDLE.
        """
        start = article.body.find("NEEDLE")
        if start != -1:
            yield Finding(message="NEEDLE", start=start, end=start + 6)

    @hookimpl
    def artlint_rules():
        return [loops_on_loop, needle]
    '''
)


def _plugin_project(root: Path, plugin: str, source: str, limit: float) -> Path:
    """A folder with a local plugin, a config running its ZZ9 rules under ``limit`` seconds."""
    root.mkdir(exist_ok=True)
    (root / plugin).write_text(source, encoding="utf-8")
    _limit(root, plugin, limit)
    return root


def _limit(root: Path, plugin: str, limit: float) -> None:
    (root / "artlint.toml").write_text(
        f'plugins = ["{plugin}"]\nselect = ["ZZ9"]\nrule-timeout = {limit}\n', encoding="utf-8"
    )


@pytest.fixture
def looping_project(tmp_path: Path) -> Path:
    root = _plugin_project(tmp_path / "looping", "looping_plugin.py", LOOPING_PLUGIN, 0.3)
    (root / "a.txt").write_text("A LOOP and a NEEDLE\n", encoding="utf-8")
    (root / "b.txt").write_text("Only a NEEDLE here\n", encoding="utf-8")
    return root


def test_a_runaway_rule_is_stopped_and_reported_and_the_run_goes_on(
    cli: RunCli, looping_project: Path
) -> None:
    result = cli("check", "--output-format", "json", "--no-cache", ".", cwd=looping_project)
    found = sorted((v["path"], v["code"]) for v in json.loads(result.stdout))
    assert found == [("a.txt", "AL006"), ("a.txt", "ZZ951"), ("b.txt", "ZZ951")]
    stopped = next(v for v in json.loads(result.stdout) if v["code"] == "AL006")
    assert stopped["severity"] == "warning"
    assert stopped["message"] == (
        "rule ZZ950 (loops-on-loop) was stopped: it ran for more than 0.3 s on this article"
    )


DEL_PLUGIN = textwrap.dedent(
    '''
    import time
    from artlint import hookimpl, rule

    class Costly:
        def __del__(self):
            sum(range(6000))

    @rule(code="ZZ952", name="costly-garbage", summary="Spends its time freeing objects")
    def costly_garbage(article, options):
        """## What it does
        Makes and drops objects whose __del__ takes most of the time, until a deadline.
        """
        deadline = time.monotonic() + 8
        while time.monotonic() < deadline:
            Costly()
            sum(range(300))
        return iter(())

    @hookimpl
    def artlint_rules():
        return [costly_garbage]
    '''
)


def test_a_stop_lost_inside_del_is_raised_again_quietly(cli: RunCli, tmp_path: Path) -> None:
    root = _plugin_project(tmp_path / "costly", "del_plugin.py", DEL_PLUGIN, 0.2)
    (root / "a.txt").write_text("text\n", encoding="utf-8")
    result = cli("check", "--output-format", "json", "--no-cache", ".", cwd=root)
    assert [v["code"] for v in json.loads(result.stdout)] == ["AL006"]
    assert "Exception ignored" not in result.stderr


def test_the_limit_holds_in_worker_processes(cli: RunCli, looping_project: Path) -> None:
    for index in range(6):
        (looping_project / f"c{index}.txt").write_text("A NEEDLE\n", encoding="utf-8")
    result = cli(
        "check",
        "--output-format",
        "json",
        "--no-cache",
        "-j",
        "2",
        ".",
        cwd=looping_project,
        extra_env={"ARTLINT_PARALLEL_MIN_BYTES": "0"},  # a pool, however small the input
    )
    codes = [v["code"] for v in json.loads(result.stdout)]
    assert codes.count("AL006") == 1
    assert codes.count("ZZ951") == 8


def test_a_stopped_result_is_not_cached(cli: RunCli, looping_project: Path) -> None:
    first = cli("check", "--output-format", "json", ".", cwd=looping_project)
    _limit(looping_project, "looping_plugin.py", 0.2)
    second = cli("check", "--output-format", "json", ".", cwd=looping_project)
    # a cached result would repeat the first run's message, limit and all
    assert "0.3 s" in first.stdout
    assert "0.2 s" in second.stdout


def test_the_command_line_limit_replaces_the_configured_one(
    cli: RunCli, looping_project: Path
) -> None:
    result = cli(
        "check",
        "--output-format",
        "json",
        "--no-cache",
        "--rule-timeout",
        "0.2",
        "a.txt",
        cwd=looping_project,
    )
    messages = [v["message"] for v in json.loads(result.stdout) if v["code"] == "AL006"]
    assert messages == [
        "rule ZZ950 (loops-on-loop) was stopped: it ran for more than 0.2 s on this article"
    ]


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("0.001", "must be 0 (no limit) or at least 0.05 seconds"),
        ("3601", "less than or equal to 3600"),
        ("soon", "not a number"),
        ("nan", "not a number"),
    ],
)
def test_a_bad_command_line_limit_is_a_usage_error(
    cli: RunCli, looping_project: Path, value: str, reason: str
) -> None:
    result = cli("check", "--rule-timeout", value, "a.txt", cwd=looping_project)
    assert result.returncode == 2
    assert f"argument --rule-timeout: '{value}': " in result.stderr
    assert reason in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["-1", "0.001", "3601", '"soon"'])
def test_a_bad_limit_is_a_config_error(cli: RunCli, looping_project: Path, value: str) -> None:
    (looping_project / "artlint.toml").write_text(f"rule-timeout = {value}\n", encoding="utf-8")
    result = cli("check", ".", cwd=looping_project)
    assert result.returncode == 2
    assert "rule-timeout" in result.stderr


# ------------------------------------------------------------------ in this process


@pytest.fixture
def own_signal() -> Iterator[None]:
    """SIGALRM as the test found it, before and after."""
    before = signal.getsignal(signal.SIGALRM)
    if before is watchdog._on_alarm:
        signal.signal(signal.SIGALRM, signal.SIG_DFL)  # left by an earlier run in this process
    elif before is not signal.SIG_DFL:
        pytest.skip("something in this process already handles SIGALRM")
    try:
        yield
    finally:
        watchdog.set_limit(0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, before)


def _bound(check: object, code: str = "ZZ960") -> BoundRule:
    item = Rule(code=code, name=f"rule-{code.lower()}", summary="s", check=check)  # type: ignore[arg-type]
    return BoundRule(item, NoOptions(), "error")


#: how long the runaway rules below run when nothing stops them: far past any limit the tests
#: set, and short enough that a broken watchdog fails a test instead of hanging the suite
RUNAWAY_SECONDS = 8.0


def _slow(article: Article, options: object) -> Iterator[Finding]:
    deadline = time.monotonic() + RUNAWAY_SECONDS
    while time.monotonic() < deadline:
        pass
    yield Finding(message="ran to the end", start=0, end=0)


def _quick(article: Article, options: object) -> Iterator[Finding]:
    yield Finding(message="quick", start=0, end=1)


def test_library_runs_keep_the_limit(own_signal: None) -> None:
    assert watchdog.set_limit(0.1)
    article = Article(path="a.txt", format="text", body="text")
    found = check_article(article, [_bound(_slow), _bound(_quick, "ZZ961")])
    assert [v.code for v in found] == ["AL006", "ZZ961"]
    # disarmed afterwards: nothing fires while the process goes on
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_each_rule_gets_the_whole_limit(own_signal: None) -> None:
    """Time spent by earlier rules of the article is not charged to a later one."""

    def sleepy(article: Article, options: object) -> Iterator[Finding]:
        time.sleep(0.3)
        yield Finding(message="slept", start=0, end=1)

    assert watchdog.set_limit(0.5)
    article = Article(path="a.txt", format="text", body="text")
    found = check_article(article, [_bound(sleepy, "ZZ962"), _bound(sleepy, "ZZ963")])
    assert [v.code for v in found] == ["ZZ962", "ZZ963"]


def test_each_article_starts_afresh(own_signal: None) -> None:
    """A rule seen running at signals on one article is not held to them on the next."""

    def half_second(article: Article, options: object) -> Iterator[Finding]:
        time.sleep(0.3)
        yield Finding(message="slept", start=0, end=1)

    assert watchdog.set_limit(0.4)
    rules = [_bound(half_second)]
    first = Article(path="a.txt", format="text", body="one")
    second = Article(path="b.txt", format="text", body="two")
    assert [v.code for v in check_article(first, rules)] == ["ZZ960"]
    assert [v.code for v in check_article(second, rules)] == ["ZZ960"]


def test_in_a_batch_each_article_has_its_own_limit(own_signal: None) -> None:
    """Checked rule by rule over several articles, a rule is held to the limit on each one,
    not to its time over all of them: 0.3 s on each of three articles under a 0.4 s limit."""

    def sleepy(article: Article, options: object) -> Iterator[Finding]:
        time.sleep(0.3)
        yield Finding(message="slept", start=0, end=1)

    assert watchdog.set_limit(0.4)
    articles = [Article(path=f"{name}.txt", format="text", body=name) for name in "abc"]
    found = check_articles(articles, [_bound(sleepy), _bound(_quick, "ZZ961")])
    assert [[v.code for v in each] for each in found] == [["ZZ960", "ZZ961"]] * 3


def test_in_a_batch_only_the_runaway_article_is_stopped(own_signal: None) -> None:
    def slow_on_loop(article: Article, options: object) -> Iterator[Finding]:
        if "LOOP" in article.body:
            yield from _slow(article, options)
        yield Finding(message="done", start=0, end=1)

    assert watchdog.set_limit(0.2)
    articles = [
        Article(path=f"{index}.txt", format="text", body=body)
        for index, body in enumerate(["fine", "a LOOP", "fine too"])
    ]
    found = check_articles(articles, [_bound(slow_on_loop), _bound(_quick, "ZZ961")])
    assert [[v.code for v in each] for each in found] == [
        ["ZZ960", "ZZ961"],
        ["AL006", "ZZ961"],
        ["ZZ960", "ZZ961"],
    ]
    assert [v.path for v in found[1]] == ["1.txt", "1.txt"]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_rule_is_stopped_by_its_own_time_not_by_what_came_before(own_signal: None) -> None:
    """Stopped after between 1 and 1.25 times the limit, whatever ran before it: a rule taking
    1.6 times the limit is always stopped, one taking 0.75 times never, whether it runs first
    or after other articles and rules took their time."""

    def sleeps(seconds_by_body: dict[str, float]) -> object:
        def check(article: Article, options: object) -> Iterator[Finding]:
            time.sleep(seconds_by_body.get(article.body, 0.0))
            yield Finding(message="slept", start=0, end=1)

        return check

    assert watchdog.set_limit(0.2)
    rule = _bound(sleeps({"long": 0.32, "short": 0.15}))
    before = _bound(sleeps({"long": 0.13, "short": 0.13, "other": 0.13}), "ZZ959")
    for articles in (["long", "short"], ["other", "long", "short"], ["other", "other", "long"]):
        batch = [Article(path=f"{i}.txt", format="text", body=b) for i, b in enumerate(articles)]
        found = check_articles(batch, [before, rule])
        codes = {
            a.body: [v.code for v in f if v.code != "ZZ959"]
            for a, f in zip(batch, found, strict=True)
        }
        assert codes.get("long", ["AL006"]) == ["AL006"], articles
        assert codes.get("short", ["ZZ960"]) == ["ZZ960"], articles


def test_the_limit_holds_after_a_rule_that_stopped_the_timer(own_signal: None) -> None:
    """A plugin rule with an alarm of its own clears the timer; the next rule is still held."""

    def own_alarm(article: Article, options: object) -> Iterator[Finding]:
        previous = signal.signal(signal.SIGALRM, lambda signum, frame: None)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        yield Finding(message="had an alarm", start=0, end=1)

    def slow_on_loop(article: Article, options: object) -> Iterator[Finding]:
        if "LOOP" in article.body:
            yield from _slow(article, options)
        yield Finding(message="done", start=0, end=1)

    assert watchdog.set_limit(0.2)
    articles = [Article(path=f"{b}.txt", format="text", body=b) for b in ("one", "a LOOP")]
    found = check_articles(articles, [_bound(own_alarm, "ZZ961"), _bound(slow_on_loop)])
    assert [[v.code for v in each] for each in found] == [["ZZ961", "ZZ960"], ["ZZ961", "AL006"]]


def _stubborn(article: Article, options: object) -> Iterator[Finding]:
    """Swallows the stop once with a bare except, then runs on."""
    deadline = time.monotonic() + RUNAWAY_SECONDS
    try:
        while time.monotonic() < deadline:
            pass
    except BaseException:  # noqa: BLE001 - what a careless plugin does
        pass
    while time.monotonic() < deadline:
        pass
    yield Finding(message="ran to the end", start=0, end=0)


def _careless(article: Article, options: object) -> Iterator[Finding]:
    """Catches every Exception around its loop, again and again."""
    deadline = time.monotonic() + RUNAWAY_SECONDS
    while time.monotonic() < deadline:
        try:
            while time.monotonic() < deadline:
                pass
        except Exception:  # noqa: BLE001, S110 - what a careless plugin does
            pass
    yield Finding(message="ran to the end", start=0, end=0)


@pytest.mark.parametrize("check", [_stubborn, _careless], ids=["bare-except", "except-exception"])
def test_a_rule_that_catches_the_stop_is_stopped_all_the_same(
    own_signal: None, check: object
) -> None:
    assert watchdog.set_limit(0.1)
    article = Article(path="a.txt", format="text", body="text")
    assert [v.code for v in check_article(article, [_bound(check)])] == ["AL006"]


def test_rules_run_in_another_thread_are_not_timed(own_signal: None) -> None:
    """The signal goes to the main thread: a rule in another thread is never stopped, and
    nothing is raised in the main thread's code."""

    def second(article: Article, options: object) -> Iterator[Finding]:
        time.sleep(0.6)
        yield Finding(message="slept", start=0, end=1)

    assert watchdog.set_limit(0.2)  # the main thread's limit, handler installed
    found: list[list[str]] = []
    article = Article(path="a.txt", format="text", body="text")
    thread = threading.Thread(
        target=lambda: found.append([v.code for v in check_article(article, [_bound(second)])])
    )
    thread.start()
    thread.join()
    assert found == [["ZZ960"]]
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_no_limit_means_no_timer(own_signal: None) -> None:
    assert not watchdog.set_limit(0)
    assert watchdog.limit() == 0
    assert not watchdog.checks_started()


def test_someone_elses_handler_is_never_taken_over(own_signal: None) -> None:
    def theirs(signum: int, frame: object) -> None:
        pass

    signal.signal(signal.SIGALRM, theirs)
    assert not watchdog.set_limit(1.0)
    assert signal.getsignal(signal.SIGALRM) is theirs


def test_a_handler_installed_after_ours_is_left_alone(own_signal: None) -> None:
    assert watchdog.set_limit(1.0)

    def theirs(signum: int, frame: object) -> None:
        pass

    signal.signal(signal.SIGALRM, theirs)
    signal.setitimer(signal.ITIMER_REAL, 50.0)
    article = Article(path="a.txt", format="text", body="text")
    assert [v.code for v in check_article(article, [_bound(_quick)])] == ["ZZ960"]
    # their alarm still runs: the engine neither re-armed nor cancelled it
    assert signal.getitimer(signal.ITIMER_REAL)[0] > 40


def test_no_limit_outside_the_main_thread(own_signal: None) -> None:
    answers: list[bool] = []
    thread = threading.Thread(target=lambda: answers.append(watchdog.set_limit(1.0)))
    thread.start()
    thread.join()
    assert answers == [False]
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_the_default_limit_is_ten_seconds() -> None:
    assert Settings().rule_timeout == 10.0
