"""The marker plugins use for their hook implementations (re-exported as ``artlint.hookimpl``)."""

from __future__ import annotations

import pluggy

hookimpl = pluggy.HookimplMarker("artlint")
