"""The public API is small, explicit and importable."""

from __future__ import annotations

import subprocess
import sys

import citecheck


def test_every_public_name_resolves():
    for name in citecheck.__all__:
        assert getattr(citecheck, name) is not None, name


def test_unknown_name_is_an_attribute_error():
    try:
        citecheck.nope  # noqa: B018
    except AttributeError as exc:
        assert "nope" in str(exc)
    else:
        raise AssertionError("expected AttributeError")


def test_importing_the_package_loads_no_heavy_modules():
    heavy = "('bs4', 'httpx', 'networkx', 'markdown_it', 'diskcache')"
    code = f"import sys, citecheck.cli.main; print(','.join(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


def test_py_typed_is_shipped():
    from importlib.resources import files

    assert files("citecheck").joinpath("py.typed").is_file()


def test_unreadable_input_is_a_cc903_finding_in_the_report(tmp_path):
    """The pipeline builds the CC903 finding once; every renderer and library user sees the same one."""
    import citecheck

    report = citecheck.analyze([str(tmp_path / "missing.md")])
    assert [(f.code, f.severity) for f in report.findings] == [("CC903", "error")]
    assert report.findings[0].message.startswith("E_NOT_FOUND")
    assert len(report.problems) == 1
