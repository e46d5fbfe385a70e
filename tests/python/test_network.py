"""milmob.Network and milmob.Route against `milmob info/route --json` on Liechtenstein."""

import datetime
import threading
from pathlib import Path

import pytest

import milmob
from conftest import cli_json, run_cli

# Two points of tests/e2e/cli_test.cpp: a Leopard 2A6 and a MAN HX77 take different roads.
FROM = (9.5779252, 47.1080167)
TO = (9.5254625, 47.2413137)
# Steg behind the bridge of way 3125 (MLC 50), which a Leopard 2A6 (MLC 69) may not cross.
STEG_FROM = (9.5780448, 47.1122479)
STEG_TO = (9.5316599, 47.1072460)


def lonlat(p):
    return f"{p[0]},{p[1]}"


@pytest.fixture(scope="module")
def net(li_net):
    return milmob.Network.load(li_net)


def test_info_is_what_the_command_prints(net, li_net):
    info = net.info()
    assert info == cli_json("info", li_net)
    assert info["nodes"] > 1000 and info["countries"]["LIE"] > 0


def test_network_constructor_and_path(li_net):
    assert milmob.Network(li_net).path == li_net
    assert milmob.Network.load(Path(li_net)).path == li_net


@pytest.mark.parametrize("vehicle", ["Leopard 2A6", "MAN HX77", "Boxer"])
def test_route_is_what_the_command_prints(net, vehicle):
    route = net.route(FROM, TO, vehicle=vehicle)
    cli = cli_json("route", "--net", net.path, "--from", lonlat(FROM), "--to", lonlat(TO), "--vehicle", vehicle)
    assert route.to_dict() == cli
    assert route.found and route.vehicle == vehicle
    assert route.distance_km == pytest.approx(cli["distance_m"] / 1000)
    assert route.duration_s == cli["duration_s"]
    assert route.duration == datetime.timedelta(seconds=cli["duration_s"])
    assert route.countries == cli["countries"] and "LIE" in route.countries
    assert route.way_ids == cli["osm_ways"] and route.way_ids
    assert route.geometry == cli["geometry"]
    assert route.border_crossings == cli["border_crossings"]
    assert route.reason is None and route.binding_limits is None


def test_tank_and_truck_differ_and_the_tank_detour_names_a_limit(net):
    tank = net.route(FROM, TO, vehicle="Leopard 2A6")
    truck = net.route(FROM, TO, vehicle="MAN HX77")
    assert tank.way_ids != truck.way_ids
    assert tank.distance_km > truck.distance_km
    assert any("MLC" in d["text"] for d in tank.detours)
    assert tank.unconstrained["found"]


def test_limits_route_like_the_command_options(net):
    route = net.route(FROM, TO, limits={"weight_t": 62, "tracked": True, "height_m": 3, "width_m": 3.7, "speed_kmh": 70})
    cli = cli_json("route", "--net", net.path, "--from", lonlat(FROM), "--to", lonlat(TO),
                   "--weight", "62", "--tracked", "--height", "3", "--width", "3.7", "--speed", "70")
    assert route.to_dict() == cli
    assert route.way_ids == net.route(FROM, TO, vehicle="Leopard 2A6").way_ids


def test_limits_override_a_catalogue_vehicle(net):
    light = net.route(FROM, TO, vehicle="Leopard 2A6", limits={"weight_t": 20, "mlc": 20})
    cli = cli_json("route", "--net", net.path, "--from", lonlat(FROM), "--to", lonlat(TO),
                   "--vehicle", "Leopard 2A6", "--weight", "20", "--mlc", "20")
    assert light.to_dict() == cli


def test_points_as_text_and_lists_and_algorithms(net):
    base = net.route(FROM, TO, vehicle="Boxer")
    assert net.route(lonlat(FROM), list(TO), vehicle="Boxer").way_ids == base.way_ids
    for algorithm in ("astar", "dijkstra"):
        assert net.route(FROM, TO, vehicle="Boxer", algorithm=algorithm).duration_s == base.duration_s


def test_geo_interface_is_a_feature_of_the_route(net):
    route = net.route(FROM, TO, vehicle="Boxer")
    feature = route.__geo_interface__
    assert feature["type"] == "Feature"
    assert feature["geometry"] == route.geometry
    assert feature["properties"]["distance_m"] == route.distance_m
    collection = route.to_geojson()
    assert collection["type"] == "FeatureCollection"
    assert collection["features"][0] == feature


def test_unknown_vehicle_is_a_value_error_naming_the_parameter(net):
    with pytest.raises(ValueError, match=r"^vehicle: unknown vehicle 'Leopard 9'.*Leopard 2A6") as e:
        net.route(FROM, TO, vehicle="Leopard 9")
    assert isinstance(e.value, milmob.InputError)
    r = run_cli("route", "--net", net.path, "--from", lonlat(FROM), "--to", lonlat(TO), "--vehicle", "Leopard 9")
    assert r.returncode == 2 and "unknown vehicle 'Leopard 9'" in r.stderr


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"limits": {"weight_t": 600}}, r"^limits\['weight_t'\]: expected a number above 0 and at most 500 t"),
        ({"limits": {"weigth_t": 40}}, r"^limits: unknown key 'weigth_t'"),
        ({}, r"^vehicle: give a vehicle"),
        ({"limits": {"height_m": 4}}, r"^vehicle: give a vehicle"),
        ({"vehicle": "Boxer", "algorithm": "bfs"}, r"^algorithm: 'bfs'"),
        ({"vehicle": "Boxer", "max_snap_m": 0}, r"^max_snap_m: expected a distance above 0 m"),
    ],
)
def test_bad_arguments_are_value_errors(net, kwargs, message):
    with pytest.raises(milmob.InputError, match=message):
        net.route(FROM, TO, **kwargs)


def test_bad_points(net):
    with pytest.raises(ValueError, match=r"^from_: unknown place 'Atlantis'"):
        net.route("Atlantis", TO, vehicle="Boxer")
    with pytest.raises(ValueError, match=r"^to: longitude must lie in -180..180"):
        net.route(FROM, (200, 47), vehicle="Boxer")
    with pytest.raises(ValueError, match=r"^to:"):
        net.route(FROM, (0.0, 0.0), vehicle="Boxer")  # far from any road of the extract
    with pytest.raises(TypeError):
        net.route(42, TO, vehicle="Boxer")


def test_unreachable_raises_no_route_with_the_binding_limit(net):
    with pytest.raises(milmob.NoRouteError) as e:
        net.route(STEG_FROM, STEG_TO, vehicle="Leopard 2A6")
    route = e.value.route
    assert not route.found and route.distance_km is None and route.__geo_interface__ is None
    assert "bridge" in route.binding_limits[0]["text"]
    cli = run_cli("route", "--net", net.path, "--from", lonlat(STEG_FROM), "--to", lonlat(STEG_TO),
                  "--vehicle", "Leopard 2A6", "--json")
    assert cli.returncode == 3
    import json
    assert route.to_dict() == json.loads(cli.stdout)


def test_routes_from_threads_equal_routes_in_turn(net):
    vehicles = ["Leopard 2A6", "MAN HX77", "Boxer", "CV90"] * 3
    expected = [net.route(FROM, TO, vehicle=v).to_dict() for v in vehicles]
    got = [None] * len(vehicles)

    def work(i):
        got[i] = net.route(FROM, TO, vehicle=vehicles[i]).to_dict()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(vehicles))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert got == expected


def test_bad_network_files_raise_input_error_naming_the_file(tmp_path, li_net):
    missing = tmp_path / "missing.mmnet"
    with pytest.raises(milmob.InputError, match="missing.mmnet"):
        milmob.Network.load(str(missing))
    cut = tmp_path / "cut.mmnet"
    cut.write_bytes(open(li_net, "rb").read()[:5000])
    with pytest.raises(milmob.InputError, match="cut.mmnet"):
        milmob.Network.load(str(cut))


def test_vehicles_lists_the_catalogue():
    names = milmob.vehicles()
    assert "Leopard 2A6" in names and "MAN HX77" in names
    cli = cli_json("vehicles")
    assert names == [v["name"] for v in cli]


def test_another_catalogue_is_read_and_a_missing_one_named(net, tmp_path):
    from conftest import SOURCE_DIR
    shipped = SOURCE_DIR / "data" / "vehicles.yaml"
    assert net.route(FROM, TO, vehicle="Boxer", catalogue=shipped).to_dict() == net.route(FROM, TO, vehicle="Boxer").to_dict()
    with pytest.raises(milmob.InputError, match="nope.yaml"):
        net.route(FROM, TO, vehicle="Boxer", catalogue=tmp_path / "nope.yaml")
    assert milmob.vehicles(shipped) == milmob.vehicles()
