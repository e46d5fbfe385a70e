#include "simulation/summary.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "planning/plan_output.h"

namespace milmob::simulation {

namespace {

double round1(double x) { return std::round(x * 10) / 10; }
nlohmann::ordered_json minutes_json(double x) {
  return std::isfinite(x) ? nlohmann::ordered_json(round1(x)) : nlohmann::ordered_json(nullptr);
}
std::string hours(double minutes) { return std::isfinite(minutes) ? fmt::format("{:.1f} h", minutes / 60) : "never"; }

}  // namespace

std::size_t record_size(std::size_t units, std::size_t candidates) { return 2 + units + 2 * kCauseCount + 1 + 2 * candidates; }

void pack(const RunRecord& r, double* out) {
  *out++ = r.outcome.closure;
  *out++ = r.outcome.column_closure;
  for (const double a : r.outcome.unit_arrival) *out++ = a;
  for (const double c : r.outcome.closure_causes) *out++ = c;
  for (const double c : r.outcome.total_causes) *out++ = c;
  *out++ = r.outcome.roadside_nights;
  for (const std::uint8_t f : r.fired) *out++ = f;
  for (const double l : r.loss) *out++ = l;
}

RunRecord unpack(const double* in, std::size_t units, std::size_t candidates) {
  RunRecord r;
  r.outcome.closure = *in++;
  r.outcome.column_closure = *in++;
  r.outcome.unit_arrival.assign(in, in + units);
  in += units;
  for (double& c : r.outcome.closure_causes) c = *in++;
  for (double& c : r.outcome.total_causes) c = *in++;
  r.outcome.roadside_nights = static_cast<int>(*in++);
  for (std::size_t i = 0; i < candidates; ++i) r.fired.push_back(static_cast<std::uint8_t>(*in++));
  r.loss.assign(in, in + candidates);
  return r;
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return std::nan("");
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<std::size_t>(std::ceil(p * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

Summary summarize(const std::string& command, std::uint64_t seed, const Schedule& base,
                  const std::vector<RunRecord>& runs, const std::vector<Candidate>& candidates) {
  Summary s;
  s.command = command, s.seed = seed, s.runs = runs.size(), s.planned_closure = base.planned_closure;
  if (runs.empty()) return s;
  const double n = static_cast<double>(runs.size());
  std::vector<double> closure, columns;
  double finite_sum = 0;
  for (const RunRecord& r : runs) {
    closure.push_back(r.outcome.closure);
    columns.push_back(r.outcome.column_closure);
    if (std::isfinite(r.outcome.closure)) finite_sum += r.outcome.closure;
    else ++s.never;
    s.roadside_nights_mean += r.outcome.roadside_nights / n;
  }
  s.p10 = percentile(closure, 0.1), s.p50 = percentile(closure, 0.5), s.p90 = percentile(closure, 0.9);
  s.columns_p50 = percentile(columns, 0.5), s.columns_p90 = percentile(columns, 0.9);
  s.min = *std::min_element(closure.begin(), closure.end());
  s.max = *std::max_element(closure.begin(), closure.end());
  s.mean = s.never ? std::numeric_limits<double>::infinity() : finite_sum / n;
  for (std::size_t u = 0; u < base.units.size(); ++u) {
    const UnitInfo& info = base.units[u];
    Summary::Unit out{info.id, info.feasible, info.planned_arrival, info.required_delivery, 0, 0, 0};
    if (info.feasible) {
      std::vector<double> arrival;
      for (const RunRecord& r : runs) {
        arrival.push_back(r.outcome.unit_arrival[u]);
        if (r.outcome.unit_arrival[u] <= info.required_delivery) out.p_meet += 1 / n;
      }
      out.p50 = percentile(arrival, 0.5), out.p90 = percentile(arrival, 0.9);
    }
    s.units.push_back(out);
  }
  for (std::size_t c = 0; c < kCauseCount; ++c) {
    Summary::CauseShare share{cause_name(static_cast<Cause>(c)), 0, 0, 0};
    for (const RunRecord& r : runs) {
      if (!std::isfinite(r.outcome.closure)) continue;
      share.closure_mean_min += r.outcome.closure_causes[c] / n;
      share.total_mean_min += r.outcome.total_causes[c] / n;
      if (r.outcome.closure_causes[c] > 0.05) share.runs_share += 1 / n;
    }
    s.causes.push_back(share);
  }
  std::stable_sort(s.causes.begin(), s.causes.end(),
                   [](const auto& a, const auto& b) { return a.closure_mean_min > b.closure_mean_min; });
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    Summary::Loss loss{candidates[k].name, candidates[k].kind, 0, 0, 0, 0, 0};
    double sum = 0;
    for (const RunRecord& r : runs) {
      if (k >= r.fired.size() || !r.fired[k]) continue;
      ++loss.fired;
      const double l = k < r.loss.size() ? r.loss[k] : 0;
      if (std::isinf(l) && l > 0) ++loss.never;
      else if (std::isfinite(l)) sum += l;
    }
    loss.probability = static_cast<double>(loss.fired) / n;
    // Paired: each run against itself without the disruption, so the delays' noise cancels.
    loss.expected_loss_h = sum / n / 60;
    loss.mean_loss_when_drawn_h = loss.fired ? sum / static_cast<double>(loss.fired) / 60 : 0;
    s.disruptions.push_back(loss);
  }
  std::stable_sort(s.disruptions.begin(), s.disruptions.end(), [](const auto& a, const auto& b) {
    return std::make_pair(a.never, a.expected_loss_h) > std::make_pair(b.never, b.expected_loss_h);
  });
  return s;
}

std::string summary_text(const Summary& s) {
  using planning::when;
  std::string out = fmt::format("{} runs (seed {}): planned closure {}\n", s.runs, s.seed, when(s.planned_closure));
  out += fmt::format("closure P10 {}  P50 {}  P90 {}  (mean slip {}, worst {})\n", when(s.p10), when(s.p50), when(s.p90),
                     hours(s.mean - s.planned_closure), when(s.max));
  out += fmt::format("columns alone (vehicles left behind aside): P50 {}  P90 {}\n", when(s.columns_p50), when(s.columns_p90));
  if (s.never) out += fmt::format("in {} run(s) a unit could not arrive at all\n", s.never);
  out += "unit                      planned      P50          P90          required     P(meet)\n";
  for (const Summary::Unit& u : s.units) {
    if (!u.executed) {
      out += fmt::format("{:<25} infeasible in the plan: not simulated\n", u.id);
      continue;
    }
    out += fmt::format("{:<25} {:<12} {:<12} {:<12} {:<12} {:.0f} %\n", u.id, when(u.planned), when(u.p50), when(u.p90),
                       when(u.required), u.p_meet * 100);
  }
  out += "causes of slip of the last arrival (mean per run; share of runs):\n";
  for (const auto& c : s.causes)
    if (std::abs(c.closure_mean_min) >= 0.05 || c.runs_share > 0)
      out += fmt::format("  {:<20} {:>8.1f} min  {:>3.0f} %   (all march units: {:.0f} min)\n", c.cause, c.closure_mean_min,
                         c.runs_share * 100, c.total_mean_min);
  if (s.roadside_nights_mean > 0)
    out += fmt::format("roadside nights (convoy support centre full when reached): {:.1f} per run\n", s.roadside_nights_mean);
  if (!s.disruptions.empty()) {
    out += "disruptions by expected closure loss (per run; when drawn):\n";
    std::size_t shown = 0;
    for (const auto& d : s.disruptions) {
      if (d.fired == 0 || shown++ >= 15) continue;
      out += fmt::format("  {:>7.2f} h  {:<16} {} (drawn in {:.1f} % of runs, {:.1f} h each{})\n", d.expected_loss_h, d.kind,
                         d.name, d.probability * 100, d.mean_loss_when_drawn_h,
                         d.never ? fmt::format("; a unit never arrives in {} run(s)", d.never) : "");
    }
  }
  return out;
}

nlohmann::ordered_json summary_json(const Summary& s) {
  using Json = nlohmann::ordered_json;
  using planning::when;
  Json units = Json::array();
  for (const Summary::Unit& u : s.units) {
    Json j = {{"id", u.id}, {"simulated", u.executed}};
    if (u.executed) {
      j["planned_arrival"] = when(u.planned);
      j["p50_arrival"] = when(u.p50);
      j["p90_arrival"] = when(u.p90);
      j["p50_arrival_min"] = minutes_json(u.p50);
      j["p90_arrival_min"] = minutes_json(u.p90);
      j["required_delivery"] = when(u.required);
      j["p_meet_required_delivery"] = std::round(u.p_meet * 1e4) / 1e4;
    }
    units.push_back(j);
  }
  Json causes = Json::array();
  for (const auto& c : s.causes)
    causes.push_back({{"cause", c.cause}, {"closure_mean_min", round1(c.closure_mean_min)},
                      {"runs_share", std::round(c.runs_share * 1e4) / 1e4}, {"all_march_units_mean_min", round1(c.total_mean_min)}});
  Json j = {{"command", s.command}, {"runs", s.runs}, {"seed", s.seed},
            {"planned_closure", when(s.planned_closure)}, {"planned_closure_min", minutes_json(s.planned_closure)},
            {"closure", {{"p10", when(s.p10)}, {"p50", when(s.p50)}, {"p90", when(s.p90)},
                         {"p10_min", minutes_json(s.p10)}, {"p50_min", minutes_json(s.p50)}, {"p90_min", minutes_json(s.p90)},
                         {"columns_p50_min", minutes_json(s.columns_p50)}, {"columns_p90_min", minutes_json(s.columns_p90)},
                         {"mean_min", minutes_json(s.mean)}, {"min_min", minutes_json(s.min)}, {"max_min", minutes_json(s.max)},
                         {"runs_never", s.never}}},
            {"units", units}, {"causes", causes}, {"roadside_nights_mean", std::round(s.roadside_nights_mean * 100) / 100}};
  if (s.command == "sweep") {
    Json d = Json::array();
    for (const auto& x : s.disruptions)
      d.push_back({{"name", x.name}, {"kind", x.kind}, {"runs_drawn", x.fired}, {"probability", std::round(x.probability * 1e4) / 1e4},
                   {"runs_never", x.never}, {"mean_loss_when_drawn_h", std::round(x.mean_loss_when_drawn_h * 100) / 100},
                   {"expected_closure_loss_h", std::round(x.expected_loss_h * 100) / 100}});
    j["disruptions"] = d;
  }
  return j;
}

}  // namespace milmob::simulation
