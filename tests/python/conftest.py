"""Shared fixtures: the milmob binary built beside the module (to compare with the CLI), the
shipped data, and the Liechtenstein extract imported once into a temporary network file."""

import json
import os
import subprocess
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("MILMOB_SOURCE_DIR", Path(__file__).resolve().parents[2]))
EXAMPLES = SOURCE_DIR / "examples"
LIECHTENSTEIN = SOURCE_DIR / "data" / "osm" / "liechtenstein-2013-08-03.osm.pbf"


def milmob_binary() -> str:
    binary = os.environ.get("MILMOB_BINARY")
    if not binary:
        pytest.fail("MILMOB_BINARY is not set: run these tests through ctest (tests/python/CMakeLists.txt)")
    return binary


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Runs `milmob -q ARGS...` and returns the finished process (stdout, stderr as text)."""
    return subprocess.run([milmob_binary(), "-q", *map(str, args)], capture_output=True, text=True, check=False)


def cli_json(*args: str):
    """The JSON `milmob ARGS... --json` prints (whatever its exit code)."""
    r = run_cli(*args, "--json")
    assert r.stdout, r.stderr
    return json.loads(r.stdout)


@pytest.fixture(scope="session")
def li_net(tmp_path_factory) -> str:
    """Liechtenstein imported by `milmob import` into a temporary network file."""
    path = tmp_path_factory.mktemp("net") / "liechtenstein.mmnet"
    r = run_cli("import", LIECHTENSTEIN, "-o", path)
    assert r.returncode == 0, r.stderr
    return str(path)
