"""milmob.Scenario: loading, what it exposes, and every problem raised as ScenarioError with
the file, line and field `milmob check --json` names."""

import datetime

import pytest

import milmob
from conftest import EXAMPLES, SOURCE_DIR, cli_json, run_cli


def write_variant(tmp_path, name, replacements):
    """The Liechtenstein exercise with some text replaced, its data path made absolute."""
    text = (EXAMPLES / "liechtenstein-exercise.yaml").read_text()
    text = text.replace("path: ../data/", f"path: {SOURCE_DIR}/data/")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / name
    path.write_text(text)
    return path


def line_of(path, needle):
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize("example", ["vjtf-baltic", "defender-europe", "liechtenstein-exercise"])
def test_examples_load_as_check_reads_them(example):
    path = EXAMPLES / f"{example}.yaml"
    s = milmob.Scenario.load(str(path))
    check = cli_json("check", path)
    assert check["ok"]
    assert s.file == str(path)
    assert s.warnings == [d for d in check["diagnostics"] if d["severity"] == "warning"]
    assert len(s.units) >= 3 and all(u["vehicles"] > 0 for u in s.units)
    assert not s.network_built


def test_scenario_fields():
    s = milmob.Scenario.load(str(EXAMPLES / "vjtf-baltic.yaml"))
    assert s.name.startswith("VJTF")
    assert s.c_day == datetime.date(2027, 5, 3)
    assert s.time_zone == "Europe/Berlin"
    assert "Panzerlehrbrigade 9" in s.description
    assert [d["name"] for d in s.disruptions] == [
        "Oder motorway bridge Frankfurt (Oder)-Świecko lost",
        "Polish-Lithuanian border closed",
        "Szczecin port at half capacity",
    ]
    border = s.disruptions[1]
    assert border["kind"] == "border_closed" and border["nations"] == ["POL", "LTU"]
    assert border["at"] == "C+4" and border["at_min"] == 4 * 1440 and border["duration_h"] == 48
    unit = next(u for u in s.units if u["id"] == "deu-pzlehrbtl93")
    assert unit["nation"] == "DEU"
    assert unit["required_delivery"].startswith("C+") and unit["required_delivery_min"] > 0
    assert sum(e["count"] for e in unit["equipment"]) == unit["vehicles"]
    assert -180 <= unit["home_lonlat"][0] <= 180
    assert "7 units" in repr(milmob.Scenario.load(str(EXAMPLES / "defender-europe.yaml")))


def test_an_unknown_vehicle_type_raises_with_line_and_field(tmp_path):
    path = write_variant(tmp_path, "bad.yaml", [('Leopard 2A4", count: 4', 'Leopard 9", count: 4')])
    with pytest.raises(milmob.ScenarioError) as e:
        milmob.Scenario.load(path)  # a pathlib.Path as well as a str
    err = e.value
    assert isinstance(err, milmob.InputError) and isinstance(err, ValueError)
    assert err.file == str(path)
    assert err.line == line_of(path, "Leopard 9")
    assert err.field == "units[0].equipment[0].type"
    assert "unknown vehicle type 'Leopard 9'" in str(err)
    check = cli_json("check", path)
    assert err.diagnostics == check["diagnostics"] and err.errors == check["diagnostics"]
    assert run_cli("plan", path, "-o", tmp_path / "out").returncode == 2


def test_every_error_is_listed_in_file_order(tmp_path):
    path = write_variant(tmp_path, "two.yaml", [
        ('Leopard 2A4", count: 4', 'Leopard 9", count: 4'),
        ('required_delivery: "C+0 18:00"', 'required_delivery: "soon"'),
    ])
    with pytest.raises(milmob.ScenarioError) as e:
        milmob.Scenario.load(str(path))
    errors = e.value.errors
    assert len(errors) == 2
    assert [d["line"] for d in errors] == sorted(d["line"] for d in errors)
    assert errors[1]["path"] == "units[0].required_delivery"
    assert e.value.line == errors[0]["line"]
    assert str(e.value).startswith(f"{path}: 2 error(s)")
    assert e.value.diagnostics == cli_json("check", path)["diagnostics"]


def test_a_missing_file_raises_scenario_error(tmp_path):
    with pytest.raises(milmob.ScenarioError, match="cannot open the scenario file") as e:
        milmob.Scenario.load(str(tmp_path / "none.yaml"))
    assert e.value.file == str(tmp_path / "none.yaml")


def test_a_yaml_syntax_error_names_its_line(tmp_path):
    path = write_variant(tmp_path, "syntax.yaml", [("personnel: 20", "personnel: [20")])
    with pytest.raises(milmob.ScenarioError) as e:
        milmob.Scenario.load(str(path))
    assert e.value.line >= line_of(path, "personnel: [20")


def test_another_catalogue_is_used(tmp_path):
    with pytest.raises(milmob.InputError, match="nope.yaml"):
        milmob.Scenario.load(str(EXAMPLES / "vjtf-baltic.yaml"), catalogue=str(tmp_path / "nope.yaml"))


def test_another_places_table_is_used(tmp_path):
    vjtf = EXAMPLES / "vjtf-baltic.yaml"
    shipped = milmob.Scenario.load(vjtf, places=SOURCE_DIR / "data" / "places.yaml")
    assert shipped.units == milmob.Scenario.load(vjtf).units
    with pytest.raises(milmob.InputError, match="nope.yaml"):
        milmob.Scenario.load(vjtf, places=tmp_path / "nope.yaml")
