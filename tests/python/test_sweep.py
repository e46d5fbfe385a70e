"""milmob.sweep and milmob.Sweep against `milmob sweep --json` for the same runs and seed: the
summary document equal, the same whatever the threads, its tables, and bad arguments."""

import _thread
import csv
import json
import threading
import time

import pytest

import milmob
from conftest import EXAMPLES, run_cli

VJTF = EXAMPLES / "vjtf-baltic.yaml"
RUNS, SEED = 20, 7


@pytest.fixture(scope="module")
def vjtf():
    return milmob.Scenario.load(str(VJTF))


@pytest.fixture(scope="module")
def vjtf_sweep(vjtf):
    return milmob.sweep(vjtf, RUNS, SEED, threads=2)


def cli_sweep(*extra):
    r = run_cli("sweep", VJTF, "--runs", RUNS, "--seed", SEED, "--json", *extra)
    assert r.returncode == 0, r.stderr
    return r.stdout.splitlines()[-1]


def test_summary_is_the_commands_json(vjtf_sweep):
    line = cli_sweep()
    assert vjtf_sweep.to_json() == line
    assert vjtf_sweep.to_dict() == json.loads(line) == vjtf_sweep.summary
    assert vjtf_sweep.summary["command"] == "sweep"
    assert (vjtf_sweep.runs, vjtf_sweep.seed, vjtf_sweep.threads) == (RUNS, SEED, 2)


def test_the_same_seed_gives_the_same_sweep_on_any_threads(vjtf, vjtf_sweep):
    one = milmob.sweep(vjtf, RUNS, SEED, threads=1)
    assert one.to_json() == vjtf_sweep.to_json()
    assert one.to_records("runs") == vjtf_sweep.to_records("runs")
    other = milmob.sweep(vjtf, RUNS, SEED + 1, threads=1)
    assert other.to_records("runs") != one.to_records("runs")


def test_attributes_are_the_summarys(vjtf_sweep):
    s = vjtf_sweep.to_dict()
    assert (vjtf_sweep.p10, vjtf_sweep.p50, vjtf_sweep.p90) == (s["closure"]["p10"], s["closure"]["p50"], s["closure"]["p90"])
    assert vjtf_sweep.p10_min <= vjtf_sweep.p50_min <= vjtf_sweep.p90_min
    assert vjtf_sweep.planned_closure == s["planned_closure"]
    assert vjtf_sweep.closure == s["closure"] and vjtf_sweep.causes == s["causes"]
    # Units as records with the same keys, for pandas.
    assert [u["id"] for u in vjtf_sweep.units] == [u["id"] for u in s["units"]]
    for mine, theirs in zip(vjtf_sweep.units, s["units"]):
        assert {k: v for k, v in mine.items() if k in theirs} == theirs
        if mine["simulated"]:
            assert 0 <= mine["p_meet_required_delivery"] <= 1
        else:
            assert mine["p_meet_required_delivery"] is None
    # The disruptions ranked costliest first; the scenario's own Oder bridge is among them, and
    # some cost something in these runs.
    losses = [d["expected_closure_loss_h"] for d in vjtf_sweep.disruptions]
    assert losses == sorted(losses, reverse=True)
    assert "Oder motorway bridge Frankfurt (Oder)-Świecko lost" in {d["name"] for d in vjtf_sweep.disruptions}
    assert losses[0] > 0 and sum(d["runs_drawn"] for d in vjtf_sweep.disruptions) > 0
    assert vjtf_sweep.to_records() == vjtf_sweep.units
    assert vjtf_sweep.to_records("disruptions") == vjtf_sweep.disruptions
    with pytest.raises(ValueError, match="table: 'closure'"):
        vjtf_sweep.to_records("closure")
    assert "20 runs, seed 7" in repr(vjtf_sweep)


def test_runs_are_the_commands_csv(tmp_path, vjtf, vjtf_sweep):
    cli_sweep("--csv", tmp_path / "cli.csv")
    milmob.sweep(vjtf, RUNS, SEED, threads=1, csv=tmp_path / "py.csv")
    assert (tmp_path / "py.csv").read_text() == (tmp_path / "cli.csv").read_text()
    rows = list(csv.DictReader((tmp_path / "cli.csv").open()))
    runs = vjtf_sweep.to_records("runs")
    assert len(runs) == len(rows) == RUNS
    for mine, row in zip(runs, rows):
        assert (mine["run"], mine["seed"]) == (int(row["run"]), int(row["seed"]))
        assert mine["closure_min"] == pytest.approx(float(row["closure_min"]), abs=0.051)
        assert "; ".join(mine["disruptions"]) == row["disruptions"]
    # The closure percentiles are ranks of these closures.
    closures = sorted(r["closure_min"] for r in runs)
    assert closures[0] <= vjtf_sweep.p10_min <= vjtf_sweep.p90_min <= closures[-1]


def test_text_is_what_the_command_prints(vjtf_sweep):
    r = run_cli("sweep", VJTF, "--runs", RUNS, "--seed", SEED)
    assert r.returncode == 0 and r.stdout == vjtf_sweep.text()


@pytest.mark.parametrize("kwargs, field", [
    ({"runs": 0}, "runs"), ({"runs": -3}, "runs"), ({"seed": -1}, "seed"), ({"seed": 2**64}, "seed"),
    ({"threads": -1}, "threads"), ({"model": "no/such/model.yaml"}, "model.yaml"),
])
def test_bad_arguments_are_input_errors(vjtf, kwargs, field):
    args = dict(runs=4, seed=1, threads=1)
    args.update(kwargs)
    with pytest.raises(milmob.InputError, match=field):
        milmob.sweep(vjtf, **args)


def test_progress_prints_stages_on_stderr(vjtf, capsys):
    s = milmob.sweep(vjtf, 10, 3, threads=1, progress=True)
    err = capsys.readouterr().err
    assert "milmob: sweep of 10 runs on 1 thread(s)" in err
    assert "milmob: sweep 10/10 runs" in err
    assert f"closure P10 {s.p10} P50 {s.p50} P90 {s.p90}" in err
    milmob.sweep(vjtf, 4, 3, threads=1)
    assert capsys.readouterr().err == ""


def test_it_runs_without_the_gil_and_ctrl_c_stops_it(vjtf):
    milmob.sweep(vjtf, 1, 1, threads=1)  # the network built beforehand
    ticks = []

    def python_meanwhile():
        while len(ticks) < 5:
            ticks.append(time.monotonic())
            time.sleep(0.05)
        _thread.interrupt_main()  # what Ctrl-C does

    other = threading.Thread(target=python_meanwhile)
    start = time.monotonic()
    other.start()
    with pytest.raises(KeyboardInterrupt):
        milmob.sweep(vjtf, 100_000, 1, threads=2)  # most of an hour if it were not stopped
    other.join()
    assert len(ticks) == 5 and time.monotonic() - start < 60
