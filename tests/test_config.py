"""Configuration: discovery of the nearest file, validation with clear messages, field maps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import RunCli

from artlint.config import ConfigError, Settings, find_config, load_config


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_nearest_config_wins_and_artlint_toml_beats_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.artlint]\nignore = ['ZZ1']\n")
    write(tmp_path / "a" / "pyproject.toml", "[tool.artlint]\nignore = ['ZZ2']\n")
    write(tmp_path / "a" / "artlint.toml", "ignore = ['ZZ3']\n")
    write(tmp_path / "b" / "c" / "x.txt", "")
    find_config.cache_clear()
    assert find_config(tmp_path / "a").settings.ignore == ["ZZ3"]
    assert find_config((tmp_path / "b" / "c").resolve()).settings.ignore == ["ZZ1"]
    assert find_config(tmp_path).path == str(tmp_path / "pyproject.toml")


def test_pyproject_without_table_is_passed_over(tmp_path: Path) -> None:
    write(tmp_path / "artlint.toml", "ignore = ['ZZ1']\n")
    write(tmp_path / "inner" / "pyproject.toml", "[project]\nname = 'x'\n")
    find_config.cache_clear()
    found = find_config(tmp_path / "inner")
    assert found.path == str(tmp_path / "artlint.toml")


def test_no_config_means_defaults(tmp_path: Path) -> None:
    find_config.cache_clear()
    found = find_config(tmp_path / "nowhere")
    assert found.path is None
    assert found.settings == Settings()


def test_kebab_case_keys(tmp_path: Path) -> None:
    path = write(
        tmp_path / "artlint.toml",
        "extend-select = ['ZZ1']\nper-file-ignores = { 'old/*' = ['ZZ2'] }\n"
        "regex-timeout = 2.5\n[fields]\nbody = ['story', 'text']\n",
    )
    settings = load_config(path).settings
    assert settings.extend_select == ["ZZ1"]
    assert settings.per_file_ignores == {"old/*": ["ZZ2"]}
    assert settings.regex_timeout == 2.5
    assert settings.fields == {"body": ["story", "text"]}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("colour = true\n", "key 'colour': Extra inputs are not permitted"),
        ("ignore = 'ZZ1'\n", "key 'ignore': Input should be a valid list"),
        ("select = ['']\n", "selectors must be non-empty strings"),
        ("select = []\n", "key 'select': Value error, must list one or more rules"),
        ("regex-timeout = -1\n", "key 'regex-timeout'"),
        ("[[overrides]]\nfiles = ['x']\nbogus = 1\n", "key 'overrides.0.bogus'"),
        ("extend = 'missing.toml'\n", "no such file"),
        ("not toml at all = = =\n", "invalid TOML"),
        ("[fields]\nbodyy = ['story']\n", "unknown article field 'bodyy'"),
        ("[fields]\nbody = []\n", "'body' must list one or more record keys"),
    ],
)
def test_invalid_config_names_file_and_key(tmp_path: Path, text: str, fragment: str) -> None:
    path = write(tmp_path / "artlint.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert fragment in message
    assert str(path) in message


def test_pyproject_origin_names_the_table(tmp_path: Path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.artlint]\nunknown-key = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml \[tool.artlint\]: key 'unknown-key'"):
        load_config(path)


def test_extend_merges_and_the_extending_file_wins(tmp_path: Path) -> None:
    write(tmp_path / "base.toml", "ignore = ['ZZ1']\nextend-select = ['ZZ5']\n")
    path = write(tmp_path / "artlint.toml", "extend = 'base.toml'\nignore = ['ZZ2']\n")
    settings = load_config(path).settings
    assert settings.ignore == ["ZZ2"]
    assert settings.extend_select == ["ZZ5"]


def test_extended_custom_rules_read_phrase_files_beside_the_base(
    tmp_path: Path, cli: RunCli
) -> None:
    write(tmp_path / "shared" / "sponsors.txt", "Presented by Acme\n")
    write(
        tmp_path / "shared" / "base.toml",
        "[[custom-rules]]\ncode = 'XS001'\nname = 'sponsor-line'\n"
        "message = 'sponsor line'\nphrases-file = 'sponsors.txt'\n",
    )
    project = tmp_path / "project"
    write(project / "artlint.toml", "extend = '../shared/base.toml'\n")
    write(project / "a.txt", "Headline\n\nPresented by Acme\n\nThe body goes on.\n")
    result = cli("check", "--no-cache", "--select", "XS001", "a.txt", cwd=project)
    assert result.returncode == 1, result.stderr
    assert "a.txt:3:1: XS001" in result.stdout


def test_nested_configs_extending_one_base_share_its_custom_rules(
    tmp_path: Path, cli: RunCli
) -> None:
    write(
        tmp_path / "base.toml",
        "[[custom-rules]]\ncode = 'XS002'\nname = 'house-footer'\n"
        "message = 'house footer'\nphrases = ['All rights reserved by Acme']\n",
    )
    write(tmp_path / "one" / "artlint.toml", "extend = '../base.toml'\n")
    write(tmp_path / "two" / "artlint.toml", "extend = '../base.toml'\nignore = ['DT']\n")
    for folder in ("one", "two"):
        write(tmp_path / folder / "a.txt", "Title\n\nAll rights reserved by Acme\n")
    result = cli("check", "--no-cache", "--select", "XS002", "one", "two", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count("XS002") == 2


def test_extend_loop_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.toml", "extend = 'artlint.toml'\n")
    path = write(tmp_path / "artlint.toml", "extend = 'a.toml'\n")
    with pytest.raises(ConfigError, match="loops back"):
        load_config(path)


def test_settings_are_frozen_and_picklable() -> None:
    import pickle

    settings = Settings(select=["ZZ1"])
    assert pickle.loads(pickle.dumps(settings)) == settings
    with pytest.raises(AttributeError):  # dataclasses.FrozenInstanceError
        settings.select = ["ZZ2"]  # type: ignore[misc]


def test_fields_table_maps_records_end_to_end(project: Path, cli: RunCli) -> None:
    write(
        project / "artlint.toml",
        'plugins = ["needle_plugin.py"]\nselect = ["ZZ801"]\n'
        '[fields]\nbody = ["story"]\ntitle = ["heading"]\n',
    )
    raw = '{"text": "teaser NEEDLE", "story": "The NEEDLE body", "heading": "A NEEDLE"}\n'
    write(project / "r.jsonl", raw)
    result = cli("check", "--output-format", "json", "r.jsonl", cwd=project)
    found = {(v["field"], v["column"]) for v in json.loads(result.stdout)}
    assert found == {
        ("body", raw.index("NEEDLE body") + 1),
        ("title", raw.index('NEEDLE"}') + 1),
    }


def test_per_file_ignores_and_overrides_end_to_end(project: Path, cli: RunCli) -> None:
    write(
        project / "artlint.toml",
        'plugins = ["needle_plugin.py"]\nselect = ["ZZ801", "ZZ802"]\n'
        '[per-file-ignores]\n"archive/*" = ["needle-found"]\n'
        '[[overrides]]\nfiles = ["wire/*"]\nignore = ["ZZ802"]\n',
    )
    for folder in ("archive", "wire", "live"):
        write(project / folder / "a.txt", "NEEDLE HAYSTACK\n")
    result = cli("check", "--output-format", "json", ".", cwd=project)
    found = sorted((Path(v["path"]).parent.name, v["code"]) for v in json.loads(result.stdout))
    assert found == [
        ("archive", "ZZ802"),
        ("live", "ZZ801"),
        ("live", "ZZ802"),
        ("wire", "ZZ801"),
    ]


def test_config_command_shows_the_effective_file(project: Path, cli: RunCli) -> None:
    result = cli("config", ".", cwd=project)
    assert result.returncode == 0
    first, rest = result.stdout.split("\n", 1)
    assert first.endswith("artlint.toml")
    assert json.loads(rest)["select"] == ["ZZ8"]


def test_config_command_shows_the_record_keys_each_field_is_read_from(
    tmp_path: Path, cli: RunCli
) -> None:
    shown = json.loads(cli("config", ".", cwd=tmp_path).stdout.split("\n", 1)[1])
    assert shown["fields"]["body"][:2] == ["text", "maintext"]  # the built-in names
    (tmp_path / "artlint.toml").write_text('[fields]\nbody = ["story"]\n', encoding="utf-8")
    shown = json.loads(cli("config", ".", cwd=tmp_path).stdout.split("\n", 1)[1])
    assert shown["fields"]["body"] == ["story"]  # a mapped field's list replaced
    assert shown["fields"]["published"][0] == "date"  # the others as built in


def test_pyproject_tool_table_of_another_shape(tmp_path: Path) -> None:
    # a [tool] that is no table is not artlint's business; a tool.artlint that is none is
    write(tmp_path / "odd" / "pyproject.toml", "tool = 5\n")
    find_config.cache_clear()
    assert find_config(tmp_path / "odd").path is None
    path = write(tmp_path / "bad" / "pyproject.toml", "[tool]\nartlint = 5\n")
    with pytest.raises(ConfigError, match="'tool.artlint' must be a table"):
        load_config(path)
    find_config.cache_clear()
    with pytest.raises(ConfigError, match="'tool.artlint' must be a table"):
        find_config(tmp_path / "bad")


def test_unknown_codes_in_per_file_ignores_and_overrides(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text("Headline\n\nText.\n", encoding="utf-8")
    config = (project / "artlint.toml").read_text(encoding="utf-8")
    for extra in (
        "per-file-ignores = { '*.txt' = ['ZZ9'] }\n",
        "[[overrides]]\nfiles = ['*.txt']\nignore = ['QQ1']\n",
    ):
        (project / "artlint.toml").write_text(config + extra, encoding="utf-8")
        result = cli("check", "a.txt", cwd=project)
        assert result.returncode == 2, extra
        assert "unknown rule selector" in result.stderr, extra


def test_empty_selection_on_the_command_line_is_refused(project: Path, cli: RunCli) -> None:
    (project / "a.txt").write_text("Headline\n\nText NEEDLE.\n", encoding="utf-8")
    for value in ("", ",,,"):
        result = cli("check", "--select", value, "a.txt", cwd=project)
        assert result.returncode == 2, value
        assert "needs one or more rule codes" in result.stderr
