"""docs/rules.md is generated from the rules themselves and must not go stale."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def test_rule_reference_is_up_to_date(monkeypatch: pytest.MonkeyPatch) -> None:
    from artlint.cli import rules_markdown
    from artlint.plugins import DISABLE_AUTOLOAD_ENV, build_registry

    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, "1")  # only artlint's own rules belong in it
    expected = rules_markdown(list(build_registry().rules.values()))
    current = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert current == expected, (
        "docs/rules.md is stale: regenerate it with "
        "`ARTLINT_DISABLE_PLUGIN_AUTOLOAD=1 artlint rules --output-format markdown > docs/rules.md`"
    )


def test_readme_lists_every_rule_family(monkeypatch: pytest.MonkeyPatch) -> None:
    from artlint.plugins import DISABLE_AUTOLOAD_ENV, build_registry

    monkeypatch.setenv(DISABLE_AUTOLOAD_ENV, "1")  # a plugin installed here is not ours to list

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for family in sorted({code[:2] for code in build_registry().rules}):
        assert f"| {family} |" in readme, f"README's family table lacks {family}"


def test_readme_configuration_example_is_valid(tmp_path: Path) -> None:
    # The example a newcomer copies must load: every key known, every rule option real.
    import os
    import re
    import subprocess
    import sys

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Configuration") :]
    example = re.search(r"```toml\n(.*?)```", section, re.DOTALL)
    assert example is not None, "README's Configuration section lost its TOML example"
    (tmp_path / "pyproject.toml").write_text(example.group(1), encoding="utf-8")
    (tmp_path / "lint").mkdir()
    (tmp_path / "lint" / "house_rules.py").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Headline\n\nA short article.\n", encoding="utf-8")
    env = {**os.environ, "ARTLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "artlint", "check", "--no-cache", "a.txt"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
