"""A time limit for each rule on each article, so that one runaway rule cannot hang a run.

A CI gate over a million articles must not stall on the one page that sends a plugin's rule
into a loop. The engine stops a rule that has run on one article for longer than the
``rule-timeout`` setting and reports AL006 for it; the other rules and articles go on.

The limit is kept with the process's wall-clock timer signal (SIGALRM), armed when a rule
starts on the articles checked together (see ``engine.check_articles``) and not for each
article: arming costs about a microsecond, and the rules only mark which of them is running on
which article (a list store; reading the clock around each rule cost 2 % of a run). The signal
comes _TICKS times per ``rule-timeout`` seconds; a rule found running on the same article at
_TICKS + 1 signals in a row has run for longer than the limit, and is stopped by an exception
raised in its code. So a runaway rule is stopped after between one and 1.25 times the limit,
however long the rules and articles before it took: whether a rule is stopped depends on its
own time on the article, not on what was checked with it.

Where no timer signal can be had, rules run without a limit: on Windows, in any thread but the
main one (the signal is delivered to the main thread, and the timer is the whole process's),
and when something else in the process already handles SIGALRM (a test runner's own timeout,
an application's alarm), which artlint never takes over. The signal stops Python code and the
stdlib ``re`` engine, which look for signals as they run; a C extension that never does ends
its call first. Raised inside a ``__del__`` method, the exception is lost (Python ignores
exceptions there), so it is raised again a moment later; a rule that spends nearly all of its
time in finalisers may therefore run on.
"""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

try:
    # The C function: signal.getsignal wraps its answer in an enum, which cost 2 us each time.
    from _signal import getsignal as _handler_of
except ImportError:  # pragma: no cover - every CPython has _signal
    _handler_of = signal.getsignal

#: the thread the signal is delivered to, the only one whose rules can be stopped
_MAIN_THREAD = threading.main_thread().ident
#: how soon the exception is raised again after Python ignored it (inside a ``__del__``)
_RETRY_SECONDS = 0.01

#: seconds a rule may run on one article; 0 for no limit (set by :func:`set_limit`)
_limit = 0.0
#: the rule running now, on its article (any object that stands for the pair: a new one for
#: each pair; None between rules), set by the engine
RUNNING: list[object] = [None]
#: the rule that was running at the last signal, and at how many signals in a row
_seen: list[object] = [None]
_ticks = [0]
#: signals per limit: a rule is stopped after between 1 and 1 + 1/_TICKS times the limit
_TICKS = 4
_hook_installed = False


class RuleTimeout(BaseException):
    """The running rule passed the time limit.

    A BaseException, like KeyboardInterrupt: a rule's own ``except Exception`` around its loop
    must not swallow it and run on.
    """


def set_limit(seconds: float) -> bool:
    """Set the limit for the rules run from now on in this process; 0 turns it off.

    Returns whether a limit is in force: False where the timer signal cannot be used.
    """
    global _limit
    if threading.get_ident() != _MAIN_THREAD:
        return False  # the limit is the main thread's: another thread neither sets nor uses it
    if seconds > 0 and not _take_signal():
        seconds = 0.0
    _limit = seconds
    return _limit > 0


def limit() -> float:
    """The limit in force, in seconds (0: none)."""
    return _limit if _limit > 0 and _signal_is_ours() else 0.0


def checks_started() -> bool:
    """Arm the timer for a rule about to run on some articles; False (and nothing armed) when
    there is no limit.

    The handler is checked every time: if an application took SIGALRM over since the limit
    was set, artlint leaves its timer alone. Armed again for each rule, the limit also holds
    after a rule that stopped the timer (a plugin with an alarm of its own). While the rule
    runs the engine keeps ``RUNNING[0]`` on the rule and the article it is checking.
    """
    if _limit <= 0 or not _signal_is_ours() or threading.get_ident() != _MAIN_THREAD:
        return False
    RUNNING[0] = _seen[0] = None
    period = _limit / _TICKS
    signal.setitimer(signal.ITIMER_REAL, period, period)
    return True


def checks_done() -> None:
    """Disarm the timer that :func:`checks_started` armed."""
    signal.setitimer(signal.ITIMER_REAL, 0)
    RUNNING[0] = _seen[0] = None


def _take_signal() -> bool:
    if not hasattr(signal, "setitimer"):
        return False  # Windows
    if _signal_is_ours():
        return True
    if _handler_of(signal.SIGALRM) != signal.SIG_DFL:  # the C function answers a plain int
        return False  # someone else's handler: never taken over
    signal.signal(signal.SIGALRM, _on_alarm)
    _watch_ignored_exceptions()
    return True


def _signal_is_ours() -> bool:
    return _handler_of(signal.SIGALRM) is _on_alarm


def _watch_ignored_exceptions() -> None:
    """Raise the exception again soon when Python ignored it (raised inside ``__del__`` or a
    weakref callback), and keep it out of stderr, where it would print a traceback."""
    global _hook_installed
    if _hook_installed:
        return  # once per process: the signal may be taken again after a caller reset it
    _hook_installed = True
    previous = sys.unraisablehook

    def hook(unraisable: object) -> None:
        if isinstance(getattr(unraisable, "exc_value", None), RuleTimeout):
            if RUNNING[0] is not None:
                signal.setitimer(signal.ITIMER_REAL, _RETRY_SECONDS, _limit / _TICKS)
            return
        previous(unraisable)  # type: ignore[arg-type]

    sys.unraisablehook = hook


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    running = RUNNING[0]
    if running is None or running is not _seen[0]:
        _seen[0] = running  # a rule that started since the last signal: its time is not up
        _ticks[0] = 1
        return
    _ticks[0] += 1
    if _ticks[0] <= _TICKS:
        return
    # The same rule on the same article for a whole limit. The timer keeps coming: should the
    # rule swallow the exception anyway (a bare ``except:``), it is raised again.
    raise RuleTimeout(f"it ran for more than {_limit:g} s on this article")
