"""milmob.plan and milmob.Plan against `milmob plan` on the same scenarios: plan.json byte for
byte, the closure, every unit's arrival, the march tables, the bookings and the what-ifs."""

import csv
import json

import pytest

import milmob
from conftest import EXAMPLES, run_cli

VJTF = EXAMPLES / "vjtf-baltic.yaml"
BORDER = "Polish-Lithuanian border closed"
BRIDGE = "Oder motorway bridge Frankfurt (Oder)-Świecko lost"


@pytest.fixture(scope="module")
def vjtf():
    return milmob.Scenario.load(str(VJTF))


@pytest.fixture(scope="module")
def vjtf_plan(vjtf):
    return milmob.plan(vjtf)


def cli_plan(tmp_path, scenario, *disruptions):
    """Runs `milmob plan` and returns (exit code, the --json summary, the output directory)."""
    out = tmp_path / "out"
    args = ["plan", scenario, "-o", out, "--json"]
    for d in disruptions:
        args += ["--disruption", d]
    r = run_cli(*args)
    assert r.returncode in (0, 3), r.stderr
    return r.returncode, json.loads(r.stdout), out


def test_plan_json_is_the_commands_byte_for_byte(tmp_path, vjtf_plan):
    code, summary, out = cli_plan(tmp_path, VJTF)
    assert vjtf_plan.to_json() == (out / "plan.json").read_text()
    assert vjtf_plan.to_dict() == json.loads((out / "plan.json").read_text())
    assert vjtf_plan.closure == summary["closure"]
    assert vjtf_plan.all_feasible == summary["all_feasible"] == (code == 0)


def test_units_match_closure_csv_and_plan_json(tmp_path, vjtf_plan):
    _, _, out = cli_plan(tmp_path, VJTF)
    rows = list(csv.DictReader((out / "closure.csv").open()))
    plan_json = json.loads((out / "plan.json").read_text())
    assert [u["id"] for u in vjtf_plan.units] == [r["unit"] for r in rows]
    for unit, row, j in zip(vjtf_plan.units, rows, plan_json["units"]):
        for key in ("name", "nation", "ready", "departure", "arrival", "required_delivery"):
            assert unit[key] == row[key], (unit["id"], key)
        assert unit["feasible"] == (row["feasible"] == "yes")
        assert unit["lateness_h"] == j["lateness_h"]
        assert unit["march_units"] == len(j["march_units"])
        assert unit["vehicles"] == sum(leg["vehicles"] for leg in j["legs"])
        assert (unit["personnel"], unit["personnel_flown"], unit["personnel_mode"]) == (
            j["personnel"]["count"], j["personnel"]["flown"], j["personnel"]["mode"])
        if unit["feasible"]:
            last = max(m["arrive_min"] for m in j["march_units"])
            if j["personnel"]["mode"] == "air":  # flown personnel close the unit when they arrive last
                last = max(last, j["personnel"]["arrival_min"])
            assert unit["arrival_min"] == pytest.approx(last, abs=0.11)
            assert unit["lateness_h"] == pytest.approx((unit["arrival_min"] - unit["required_delivery_min"]) / 60, abs=0.06)
        else:
            assert unit["arrival_min"] is None and unit["infeasible_reason"] == j["infeasible_reason"]


def test_the_norwegian_battalion_sails_and_the_closure_is_the_last_arrival(vjtf_plan):
    nor = next(u for u in vjtf_plan.units if u["id"] == "nor-tmbn")
    assert nor["feasible"] and not nor["infeasible_reason"]
    assert {leg["mode"] for leg in vjtf_plan.legs if leg["unit"] == "nor-tmbn"} == {"sea"}
    assert vjtf_plan.all_feasible
    arrivals = [u["arrival_min"] for u in vjtf_plan.units if u["feasible"]]
    assert vjtf_plan.closure_min == pytest.approx(max(arrivals), abs=0.11)
    assert vjtf_plan.closure_h == pytest.approx(vjtf_plan.closure_min / 60, abs=0.06)


def test_tables_are_the_commands_csv_and_json(tmp_path, vjtf_plan):
    _, _, out = cli_plan(tmp_path, VJTF)
    march = list(csv.DictReader((out / "march_tables.csv").open()))
    assert len(vjtf_plan.march_tables) == len(march) > 0
    for mine, theirs in zip(vjtf_plan.march_tables, march):
        assert mine == dict(theirs, vehicles=int(theirs["vehicles"]), km=float(theirs["km"]),
                            lon=float(theirs["lon"]), lat=float(theirs["lat"]))
    plan_json = json.loads((out / "plan.json").read_text())
    assert vjtf_plan.bookings == plan_json["bookings"]
    assert vjtf_plan.to_geojson() == json.loads((out / "routes.geojson").read_text())
    assert vjtf_plan.__geo_interface__ == vjtf_plan.to_geojson()
    delays = [dict(d, unit=u["id"]) for u in plan_json["units"] for d in u["delays"]]
    assert [(d["unit"], d["cause"], d["minutes"], d["text"]) for d in vjtf_plan.delays] == \
           [(d["unit"], d["cause"], d["minutes"], d["text"]) for d in delays]
    assert vjtf_plan.explanations == vjtf_plan.delays
    assert any(d["cause"] == "permission_wait" for d in vjtf_plan.delays)
    legs = [(u["id"], leg["vehicle_class"], leg["distance_km"]) for u in plan_json["units"] for leg in u["legs"]]
    assert [(leg["unit"], leg["vehicle_class"], leg["distance_km"]) for leg in vjtf_plan.legs] == legs


def test_to_records_gives_each_table(vjtf_plan):
    assert vjtf_plan.to_records() == vjtf_plan.units
    for table in ("units", "legs", "march_tables", "bookings", "delays"):
        assert vjtf_plan.to_records(table) == getattr(vjtf_plan, table)
    with pytest.raises(ValueError, match="table: 'closure'"):
        vjtf_plan.to_records("closure")


def test_text_is_the_closure_table_the_command_prints(tmp_path, vjtf_plan):
    r = run_cli("plan", VJTF, "-o", tmp_path / "out")
    assert r.stdout.startswith(vjtf_plan.text())
    assert "force closure " + vjtf_plan.closure in vjtf_plan.text()


@pytest.mark.parametrize("disruption", [BORDER, BRIDGE])
def test_whatif_is_the_command_with_disruption(tmp_path, vjtf_plan, disruption):
    what_if = vjtf_plan.whatif([disruption])
    _, summary, out = cli_plan(tmp_path, VJTF, disruption)
    assert what_if.to_json() == (out / "plan.json").read_text()
    assert what_if.disruptions == [disruption]
    assert vjtf_plan.disruptions == []
    assert what_if.closure == summary["closure"]
    assert what_if.scenario is vjtf_plan.scenario
    assert milmob.plan(vjtf_plan.scenario, [disruption]).to_json() == what_if.to_json()


def test_compare_gives_the_closure_and_arrival_differences(vjtf_plan):
    bridge = vjtf_plan.whatif([BRIDGE])
    diff = vjtf_plan.compare(bridge)
    assert diff["closure"] == vjtf_plan.closure and diff["other_closure"] == bridge.closure
    assert diff["closure_delta_h"] == pytest.approx((bridge.closure_min - vjtf_plan.closure_min) / 60, abs=0.06)
    # Losing the Oder bridge delays the units that cross it; the closure is held by the Norwegian
    # battalion's ferry, which does not.
    assert diff["closure_delta_h"] >= 0
    assert max(row["delta_h"] for row in diff["units"] if row["delta_h"] is not None) > 0
    by_id = {u["id"]: u for u in bridge.units}
    for row in diff["units"]:
        if row["delta_h"] is None:
            assert not (row["feasible"] and row["other_feasible"])
            continue
        base = next(u for u in vjtf_plan.units if u["id"] == row["unit"])
        assert row["delta_h"] == pytest.approx((by_id[row["unit"]]["arrival_min"] - base["arrival_min"]) / 60, abs=0.06)
    assert vjtf_plan.compare(vjtf_plan)["closure_delta_h"] == 0


def test_whatif_adds_to_the_plans_disruptions(vjtf_plan):
    both = vjtf_plan.whatif([BORDER]).whatif([BRIDGE, BORDER])
    assert both.disruptions == [BORDER, BRIDGE]


def test_an_unknown_disruption_is_an_input_error(vjtf, tmp_path):
    with pytest.raises(milmob.InputError, match="Bridge to nowhere"):
        milmob.plan(vjtf, ["Bridge to nowhere"])
    r = run_cli("plan", VJTF, "-o", tmp_path / "out", "--disruption", "Bridge to nowhere")
    assert r.returncode == 2 and "Bridge to nowhere" in r.stderr


def test_progress_prints_stages_on_stderr(capsys):
    s = milmob.Scenario.load(str(EXAMPLES / "defender-europe.yaml"))
    p = s.plan(progress=True)
    err = capsys.readouterr().err
    assert "milmob: building the network of" in err
    assert "milmob: planning 7 units" in err
    assert f"milmob: force closure {p.closure}" in err
    s.plan()
    assert capsys.readouterr().err == ""
    assert s.network_built


def test_an_osm_scenario_plans_like_the_command(tmp_path):
    path = EXAMPLES / "liechtenstein-exercise.yaml"
    p = milmob.Scenario.load(str(path)).plan()
    code, _, out = cli_plan(tmp_path, path)
    assert code == 0 and p.all_feasible
    assert p.to_json() == (out / "plan.json").read_text()
    assert p.notes == json.loads((out / "plan.json").read_text())["notes"]
    assert "3 units" in repr(p)


def test_improve_is_the_commands_plan_improve(tmp_path, vjtf):
    out = tmp_path / "out"
    r = run_cli("plan", VJTF, "-o", out, "--improve", 3)
    assert r.returncode in (0, 3), r.stderr
    improved = milmob.plan(vjtf, improve=3)
    assert improved.to_json() == (out / "plan.json").read_text()
    assert vjtf.plan(improve=3).to_json() == improved.to_json()
    # A what-if keeps the plan's budget unless told otherwise.
    assert improved.whatif([BORDER]).to_json() == improved.whatif([BORDER], improve=3).to_json()
    with pytest.raises(milmob.InputError, match="improve"):
        milmob.plan(vjtf, improve=-1)


# The Oder bridge of docs/whatif.md, as a disruption file of its own.
ODER = {
    "description": "the A12/A2 Oder bridge lost",
    "disruptions": [{"name": "Oder bridge lost (file)", "kind": "bridge_lost", "at": "C+2 12:00",
                     "duration": "14d", "near": [14.57833, 52.31556], "radius_m": 3000}],
}


def write_oder(tmp_path):
    path = tmp_path / "oder.yaml"
    path.write_text(json.dumps(ODER, indent=2))  # JSON is YAML
    return path


def test_whatif_from_a_disruption_file_is_the_commands(tmp_path, vjtf_plan):
    path = write_oder(tmp_path)
    out = tmp_path / "whatif"
    r = run_cli("whatif", VJTF, "--disrupt", path, "-o", out)
    assert r.returncode in (0, 3), r.stderr
    from_file = vjtf_plan.whatif(path)
    assert from_file.to_json() == (out / "plan.json").read_text()
    assert from_file.disruptions == ["Oder bridge lost (file)"]
    assert vjtf_plan.whatif(str(path)).to_json() == from_file.to_json()
    # The same disruption as a dict, or one disruption alone, is the same plan.
    assert vjtf_plan.whatif(ODER).to_json() == from_file.to_json()
    assert vjtf_plan.whatif([ODER["disruptions"][0]]).to_json() == from_file.to_json()
    assert milmob.plan(vjtf_plan.scenario, [path]).to_json() == from_file.to_json()
    # It delays the units that cross the Oder, as the scenario's own Oder disruption does.
    assert max(row["delta_h"] or 0 for row in vjtf_plan.compare(from_file)["units"]) > 0


def test_files_dicts_and_names_combine(tmp_path, vjtf_plan):
    both = vjtf_plan.whatif([BORDER]).whatif([write_oder(tmp_path)])
    assert both.disruptions == [BORDER, "Oder bridge lost (file)"]
    out = tmp_path / "whatif"
    r = run_cli("whatif", VJTF, "--disruption", BORDER, "--disrupt", write_oder(tmp_path), "-o", out)
    assert r.returncode in (0, 3), r.stderr
    assert both.to_json() == (out / "plan.json").read_text()


def test_a_bad_disruption_file_is_a_scenario_error_with_its_place(tmp_path, vjtf_plan):
    bad = tmp_path / "bad.yaml"
    bad.write_text('disruptions:\n  - name: "x"\n    kind: bridge_fell\n    at: "C+1"\n    near: [14.5, 52.3]\n')
    with pytest.raises(milmob.ScenarioError) as e:
        vjtf_plan.whatif(bad)
    assert (e.value.file, e.value.line, e.value.field) == (str(bad), 3, "disruptions[0].kind")
    r = run_cli("whatif", VJTF, "--disrupt", bad)
    assert r.returncode == 2 and f"{bad}:3" in r.stderr
    with pytest.raises(milmob.ScenarioError, match="already has a disruption named"):
        vjtf_plan.whatif({"name": BRIDGE, "kind": "bridge_lost", "at": "C+1", "near": [14.5, 52.3]})
    with pytest.raises(milmob.ScenarioError) as e:
        vjtf_plan.whatif({"name": "y", "kind": "bridge_lost", "at": "C+1", "near": [14.5, 52.3], "radius_m": "big"})
    assert (e.value.file, e.value.field) == ("disruptions (dict)", "disruptions[0].radius_m")
    with pytest.raises(milmob.ScenarioError, match="cannot|no such|read"):
        vjtf_plan.whatif(tmp_path / "missing.yaml")
    with pytest.raises(TypeError, match="expected a name"):
        vjtf_plan.whatif([42])
