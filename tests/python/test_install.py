"""`cmake --install` of the Python component: the installed package imports, finds its data
and its GDAL plugin away from the build tree, and plans a scenario like the build tree does."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES

BUILD_DIR = os.environ.get("MILMOB_BUILD_DIR")


@pytest.mark.skipif(not BUILD_DIR or not shutil.which("cmake"), reason="needs MILMOB_BUILD_DIR and cmake")
def test_installed_package_plans_a_scenario(tmp_path):
    prefix = tmp_path / "prefix"
    r = subprocess.run(["cmake", "--install", BUILD_DIR, "--component", "python", "--prefix", str(prefix)],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    site = prefix / "lib" / "python3" / "dist-packages"
    package = site / "milmob"
    for name in ("__init__.py", "errors.py", "_milmob.pyi", "py.typed", "milmob-gdal.so",
                 "data/vehicles.yaml", "data/naturalearth/ne_50m_admin_0_countries_europe.geojson"):
        assert (package / name).exists(), name
    assert list(package.glob("_milmob*.so"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MILMOB_DATA", "MILMOB_PLUGIN_DIR")}
    env["PYTHONPATH"] = str(site)
    code = (
        "import os, milmob\n"
        f"p = milmob.plan(milmob.Scenario.load({str(EXAMPLES / 'defender-europe.yaml')!r}))\n"
        "print(milmob.__file__, os.environ['MILMOB_DATA'], os.environ['MILMOB_PLUGIN_DIR'], p.closure)\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path, check=False)
    assert r.returncode == 0, r.stderr
    module, data, plugin, closure = r.stdout.split(" ", 3)
    assert Path(module).parent == package and Path(data) == package / "data" and Path(plugin) == package
    import milmob
    assert closure.strip() == milmob.Scenario.load(str(EXAMPLES / "defender-europe.yaml")).plan().closure
