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
