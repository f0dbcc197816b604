"""Configuration files and rule selection."""

from __future__ import annotations

import pytest

from citecheck.cli.config import load_config
from citecheck.errors import ConfigError
from citecheck.rules.selection import active_rules


def codes(select=(), ignore=()):
    return {r.code for r in active_rules(select, ignore)}


def test_longest_selector_wins():
    assert "CC201" not in codes(ignore=["CC2"])
    assert "CC201" in codes(select=["CC201"], ignore=["CC2"])
    assert codes(select=["CC2"], ignore=["unsupported-claim"]) == {"CC202", "CC203", "CC204", "CC205"}
    assert codes(select=["CC1"]) == {"CC101", "CC102", "CC103", "CC104", "CC105"}
    assert "CC303" in codes()


def test_config_found_upward_and_read(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname="x"\n\n[tool.citecheck]\nselect = ["CC1"]\nfail-on = "warning"\n'
        'credibility = { "Example Daily" = 0.2 }\n[tool.citecheck.severity]\nCC102 = "error"\n'
    )
    (tmp_path / "drafts").mkdir()
    config = load_config(start=tmp_path / "drafts")
    assert config.select == ("CC1",)
    assert config.fail_on == "warning"
    assert config.credibility == {"Example Daily": 0.2}
    assert config.severity == {"CC102": "error"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('fail-on = "error"\ntimout = 3\n', "citecheck.toml:2:1: unknown key 'timout'"),
        ('fail_on = "error"\n', "(did you mean 'fail-on'?)"),
        ('fail-on = "fatal"\n', "'fail-on' must be 'error', 'warning' or 'info'"),
        ("select = 3\n", "'select' must be a list"),
        ("[fetch]\nretrys = 2\n", "unknown key 'fetch.retrys' (did you mean 'retries'?)"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_config_is_one_clear_error(tmp_path, body, message):
    path = tmp_path / "citecheck.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as info:
        load_config(str(path))
    assert message in str(info.value)


def test_config_outlets_extend_the_priors(tmp_path):
    import subprocess
    import sys

    (tmp_path / "citecheck.toml").write_text(
        '[outlets."Harbour Bulletin"]\ndomain = "harbourbulletin.example"\nkind = "news"\n\n'
        '[credibility]\n"harbourbulletin.example" = 0.7\n'
    )
    (tmp_path / "d.md").write_text(
        'Drivers ended the strike [1].\n\n## Sources\n\n- [1] Harbour Bulletin. "Strike ends." March 14, 2026. '
        "https://harbourbulletin.example/strike\n"
    )
    proc = subprocess.run(
        [sys.executable, "-m", "citecheck", "report", "--format", "json", "d.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    import json

    sources = {s["name"]: s for s in json.loads(proc.stdout)["sources"]}
    assert sources["Harbour Bulletin"]["credibility"] == 0.7
    assert sources["Harbour Bulletin"]["domain"] == "harbourbulletin.example"
