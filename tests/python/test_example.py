"""examples/plan_whatif.py: plans the VJTF brigade, two what-ifs, and writes a PNG whose
closures are the command's."""

import struct
import subprocess
import sys

from conftest import EXAMPLES, SOURCE_DIR, cli_json

SCRIPT = SOURCE_DIR / "examples" / "plan_whatif.py"


def run_example(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, check=False)


def test_writes_a_png_and_prints_the_commands_closures(tmp_path):
    png = tmp_path / "whatif.png"
    r = run_example(png)
    assert r.returncode == 0, r.stderr
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width >= 800 and height >= 600
    base = cli_json("plan", EXAMPLES / "vjtf-baltic.yaml", "-o", tmp_path / "base")
    bridge = cli_json("plan", EXAMPLES / "vjtf-baltic.yaml", "-o", tmp_path / "bridge",
                      "--disruption", "Oder motorway bridge Frankfurt (Oder)-Świecko lost")
    assert f"force closure {base['closure']}" in r.stdout
    assert f"what if Oder motorway bridge Frankfurt (Oder)-Świecko lost: closure {bridge['closure']}" in r.stdout
    assert "milmob: planning 9 units" in r.stderr  # progress=True


def test_other_scenario_and_disruptions(tmp_path):
    png = tmp_path / "de.png"
    r = run_example(png, "--scenario", EXAMPLES / "defender-europe.yaml",
                    "--disruption", "German-Polish border closed", "--disruption", "Antwerp port at half capacity")
    assert r.returncode == 0, r.stderr
    assert png.stat().st_size > 10000


def test_bad_input_exits_2(tmp_path):
    r = run_example(tmp_path / "x.png", "--scenario", tmp_path / "none.yaml")
    assert r.returncode == 2 and "cannot open the scenario file" in r.stderr
    r = run_example(tmp_path / "x.png", "--disruption", "A", "--disruption", "B")
    assert r.returncode == 2 and "'A'" in r.stderr
    assert not (tmp_path / "x.png").exists()


def test_the_readmes_three_lines_plan_a_scenario(tmp_path):
    readme = (SOURCE_DIR / "README.md").read_text()
    section = readme.split("## From Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    assert len(code.strip().splitlines()) == 3
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=SOURCE_DIR, check=False)
    assert r.returncode == 0, r.stderr
    base = cli_json("plan", EXAMPLES / "vjtf-baltic.yaml", "-o", tmp_path / "plan")
    assert r.stdout.startswith(base["closure"] + " [('deu-")
