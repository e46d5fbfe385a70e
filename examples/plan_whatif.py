#!/usr/bin/env python3
"""Plans a scenario, runs two what-ifs (two of its named disruptions) and plots each unit's
arrival and the force closure in the three plans, saving a PNG.

usage: python3 examples/plan_whatif.py OUT.png [--scenario FILE] [--disruption NAME]... [--sweep RUNS]

By default: the VJTF brigade to Lithuania (examples/vjtf-baltic.yaml) and its first two
disruptions. With --sweep RUNS it also runs a Monte Carlo sweep (milmob.sweep) and prints the
closure percentiles, each unit's odds of meeting its required delivery and the costliest
disruptions. Run from the repository after `bash scripts/demo` or `bash scripts/test` has
built the module (PYTHONPATH=build/python), or after installing it (docs/python.md).
"""

import argparse
import sys
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display needed: the figure goes to a file
import matplotlib.pyplot as plt  # noqa: E402

import milmob  # noqa: E402

HERE = Path(__file__).resolve().parent


def movement_days(plan):
    """{unit id: (departure, arrival) in days after C-day 00:00 UTC, None when infeasible}."""
    return {u["id"]: None if u["arrival_min"] is None else (u["departure_min"] / 1440, u["arrival_min"] / 1440)
            for u in plan.units}


def plot(plans, scenario, path):
    units = scenario.units
    labels = [f'{u["id"]} ({u["nation"]})' for u in units]
    colours = ["#4a6fa5", "#d9822b", "#b03a2e"]
    height = 0.8 / len(plans)
    fig, ax = plt.subplots(figsize=(11, 1.2 + 0.55 * len(units) * len(plans) / 2))
    for i, (title, plan) in enumerate(plans):
        days = movement_days(plan)
        ys = [row + (i - (len(plans) - 1) / 2) * height for row in range(len(units))]
        spans = [days[u["id"]] or (0, 0) for u in units]
        ax.barh(ys, [b - a for a, b in spans], left=[a for a, _ in spans], height=height * 0.9,
                color=colours[i % len(colours)], label=f"{title}: closure {plan.closure}")
        for y, u in zip(ys, units):
            if days[u["id"]] is None:
                ax.text(0.1, y, "infeasible", va="center", fontsize=7, color=colours[i % len(colours)])
        ax.axvline(plan.closure_min / 1440, color=colours[i % len(colours)], linestyle="--", linewidth=1)
    required = [u["required_delivery_min"] / 1440 for u in units]
    ax.scatter(required, range(len(units)), marker="|", s=300, color="black", zorder=3, label="required delivery")
    ax.set_yticks(range(len(units)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlabel("days after C-day 00:00 UTC: each unit from departure to arrival (dashed: force closure)")
    ax.set_title(f"{scenario.name}\nmovement and arrival per unit", fontsize=10)
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=2)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", help="PNG file to write")
    parser.add_argument("--scenario", default=str(HERE / "vjtf-baltic.yaml"), help="scenario file")
    parser.add_argument("--disruption", action="append", default=[],
                        help="a disruption of the scenario to try (give two; default: its first two)")
    parser.add_argument("--sweep", type=int, default=0, metavar="RUNS",
                        help="also run a Monte Carlo sweep of this many runs (seed 1)")
    args = parser.parse_args(argv)

    try:
        scenario = milmob.Scenario.load(args.scenario)
    except milmob.ScenarioError as e:
        print(f"plan_whatif: {e}", file=sys.stderr)
        return 2
    names = args.disruption or [d["name"] for d in scenario.disruptions][:2]
    if len(names) != 2:
        print(f"plan_whatif: {args.scenario}: give two disruptions (it names {len(scenario.disruptions)})", file=sys.stderr)
        return 2

    base = milmob.plan(scenario, progress=True)
    try:
        what_ifs = [(name, base.whatif([name], progress=True)) for name in names]
    except milmob.InputError as e:
        print(f"plan_whatif: {e}", file=sys.stderr)
        return 2

    print(f"{scenario.name}: force closure {base.closure}")
    for name, plan in what_ifs:
        diff = base.compare(plan)
        print(f"  what if {name}: closure {plan.closure} ({diff['closure_delta_h']:+.1f} h)")
        for row in diff["units"]:
            if row["delta_h"]:
                print(f"    {row['unit']:<24} {row['arrival']} -> {row['other_arrival']} ({row['delta_h']:+.1f} h)")
    for u in base.units:
        if not u["feasible"]:
            print(f"  {u['id']} cannot be planned: {u['infeasible_reason']}")

    if args.sweep:
        try:
            sweep = milmob.sweep(scenario, args.sweep, 1, progress=True)
        except milmob.InputError as e:
            print(f"plan_whatif: {e}", file=sys.stderr)
            return 2
        print(f"sweep of {sweep.runs} runs: closure P10 {sweep.p10}  P50 {sweep.p50}  P90 {sweep.p90}")
        for u in sweep.units:
            if u["simulated"]:
                print(f"    {u['id']:<24} P(meet {u['required_delivery']}) {u['p_meet_required_delivery']:.0%}")
        for d in sweep.disruptions[:3]:
            print(f"    {d['expected_closure_loss_h']:5.2f} h expected: {d['name']}")

    plot([("as planned", base)] + what_ifs, scenario, args.output)
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
