#include "whatif/candidates.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "common/suggest.h"
#include "scenario/places.h"
#include "whatif/resource_match.h"

namespace milmob::whatif {

using scenario::MapReader;
using scenario::Need;
using scenario::PlaceRef;
using detail::find_at;

namespace {

const std::vector<std::pair<CandidateKind, std::string>>& kinds() {
  static const std::vector<std::pair<CandidateKind, std::string>> k = {
      {CandidateKind::Bridge, "bridge"},       {CandidateKind::ConvoySupportCentre, "convoy_support_centre"},
      {CandidateKind::LeadTime, "lead_time"},  {CandidateKind::MovementWindow, "movement_window"},
      {CandidateKind::Railhead, "railhead"},   {CandidateKind::Port, "port"},
      {CandidateKind::Hets, "hets"},           {CandidateKind::Rail, "rail"},
      {CandidateKind::Ships, "ships"}};
  return k;
}

std::string place_text(const PlaceRef& p) { return p.label(); }

// Reads one candidate's target and change; reports what is missing or does not exist.
void read_target_and_change(Candidate& c, MapReader& item, scenario::FragmentReader& reader,
                            const scenario::Scenario& base) {
  scenario::Diagnostics& diag = item.diag();
  MapReader target(item.get("target", Need::Required), item.path_of("target"), diag);
  MapReader change(item.get("change", Need::Required), item.path_of("change"), diag);
  if (!target.valid() || !change.valid()) {
    if (item.has("target") && !target.valid())
      scenario::report_error(diag, item.node()["target"], item.path_of("target"), "expected a mapping");
    if (item.has("change") && !change.valid())
      scenario::report_error(diag, item.node()["change"], item.path_of("change"), "expected a mapping");
    return;
  }
  const auto positive = [&](const char* key, Need need) { return change.number(key, need, 0, 1e7); };
  const auto require_some = [&](bool any, const char* keys) {
    if (!any) scenario::report_error(diag, change.node(), change.path(), fmt::format("expected at least one of {}", keys));
  };
  switch (c.kind) {
    case CandidateKind::Bridge: {
      if (target.has("sections")) {  // several bridges or stretches of one route, upgraded together
        scenario::for_each_item(target.get("sections"), target.path_of("sections"), diag,
                                [&](const YAML::Node& node, const std::string& path) {
                                  MapReader section(node, path, diag);
                                  if (!section.valid()) {
                                    scenario::report_error(diag, node, path, "expected {way: ..} or {near: .., radius_m: ..}");
                                    return;
                                  }
                                  reader.selector(section, c.sections.emplace_back());
                                });
        if (c.sections.empty() && target.node()["sections"].IsSequence())
          scenario::report_error(diag, target.node()["sections"], target.path_of("sections"), "expected at least one section");
      } else {
        reader.selector(target, c.sections.emplace_back());
      }
      c.limits.reason = fmt::format("upgrade '{}'", c.id);
      if (const auto m = change.number("mlc", Need::Optional, 1, 200)) c.limits.mlc_wheeled = c.limits.mlc_tracked = *m;
      if (const auto m = change.number("mlc_tracked", Need::Optional, 1, 200)) c.limits.mlc_tracked = *m;
      if (const auto m = change.number("mlc_wheeled", Need::Optional, 1, 200)) c.limits.mlc_wheeled = *m;
      c.limits.max_weight_t = change.number("max_weight_t", Need::Optional, 1, 1000);
      c.limits.max_height_m = change.number("max_height_m", Need::Optional, 1, 20);
      c.limits.max_width_m = change.number("max_width_m", Need::Optional, 1, 20);
      const auto& l = c.limits;
      require_some(l.mlc_wheeled || l.mlc_tracked || l.max_weight_t || l.max_height_m || l.max_width_m,
                   "mlc, mlc_tracked, mlc_wheeled, max_weight_t, max_height_m, max_width_m");
      break;
    }
    case CandidateKind::ConvoySupportCentre:
      c.place = reader.resource_place(target);
      if (const auto n = change.number("add_vehicles_per_night", Need::Required, 1, 100000)) c.amount = *n;
      break;
    case CandidateKind::LeadTime: {
      if (const auto n = reader.nation(target, "nation", Need::Required)) c.nation = *n;
      if (const auto d = change.number("lead_time_working_days", Need::Required, 0, 365)) {
        c.lead_time_working_days = *d;
        const auto& p = base.rules.permissions;
        const auto it = p.by_granting_nation.find(c.nation);
        const double now = it != p.by_granting_nation.end() ? it->second : p.default_lead_time_working_days;
        const bool pair_slower = std::any_of(p.pairs.begin(), p.pairs.end(), [&](const auto& pair) {
          return pair.to == c.nation && pair.lead_time_working_days > *d;
        });
        if (!c.nation.empty() && *d >= now && !pair_slower)
          scenario::report_warning(diag, change.node()["lead_time_working_days"], change.path_of("lead_time_working_days"),
                                   fmt::format("{} already grants permission in {:g} working days, and no pair rule "
                                               "into {} is slower: this shortens nothing",
                                               c.nation, now, c.nation));
      }
      break;
    }
    case CandidateKind::MovementWindow: {
      if (const auto n = reader.nation(target, "nation", Need::Required)) c.nation = *n;
      if (const auto lift = change.flag("lift", Need::Required); lift && !*lift)
        scenario::report_error(diag, change.node()["lift"], change.path_of("lift"),
                               "expected true: the candidate lifts the nation's movement window");
      const auto& w = base.rules.windows;
      if (!c.nation.empty() && std::none_of(w.begin(), w.end(), [&](const auto& x) { return x.nation == c.nation; }))
        scenario::report_error(diag, target.node()["nation"], target.path_of("nation"),
                               fmt::format("the scenario has no movement window for {} to lift", c.nation));
      break;
    }
    case CandidateKind::Railhead:
    case CandidateKind::Port: {
      c.place = reader.resource_place(target);
      const bool rail = c.kind == CandidateKind::Railhead;
      if (c.place && (rail ? !find_at(base.resources.railheads, *c.place) : !find_at(base.resources.ports, *c.place)))
        scenario::report_error(diag, target.node()["place"], target.path_of("place"),
                               fmt::format("the scenario has no {} at '{}' (within 1 km)", rail ? "railhead" : "port",
                                           place_text(*c.place)));
      if (rail) {
        if (const auto n = positive("add_trains_per_day", Need::Required)) c.amount = *n;
      } else {
        if (const auto n = change.integer("add_berths", Need::Optional, 1, 1000)) c.amount = *n;
        if (const auto n = positive("add_vehicles_per_day", Need::Optional)) c.amount2 = *n;
        require_some(c.amount > 0 || c.amount2 > 0, "add_berths, add_vehicles_per_day");
      }
      break;
    }
    case CandidateKind::Hets:
    case CandidateKind::Rail: {
      if (const auto n = reader.nation(target, "nation", Need::Required)) c.nation = *n;
      const char* key = c.kind == CandidateKind::Hets ? "add" : "add_trains";
      if (const auto n = change.integer(key, Need::Required, 1, 100000)) c.amount = *n;
      break;
    }
    case CandidateKind::Ships: {
      if (const auto r = target.text("resource", Need::Required)) {
        c.resource = *r;
        std::vector<std::string> names;
        for (const auto& s : base.resources.ships) names.push_back(s.name);
        if (std::find(names.begin(), names.end(), *r) == names.end())
          scenario::report_error(diag, target.node()["resource"], target.path_of("resource"),
                                 fmt::format("the scenario has no ship entry named '{}'{}", *r,
                                             did_you_mean(closest_names(*r, names))));
      }
      if (const auto n = change.integer("add", Need::Required, 1, 1000)) c.amount = *n;
      break;
    }
  }
}

}  // namespace

const char* kind_name(CandidateKind k) {
  for (const auto& [kind, name] : kinds())
    if (kind == k) return name.c_str();
  return "?";
}

std::string Candidate::target_text() const {
  switch (kind) {
    case CandidateKind::Bridge: {
      std::string out;
      for (const auto& select : sections) {
        if (!out.empty()) out += "; ";
        out += select.way_id != 0 ? fmt::format("way {}", select.way_id)
               : select.near      ? fmt::format("edges within {:g} m of {}", select.radius_m, place_text(*select.near))
                                  : std::string("?");
      }
      return out;
    }
    case CandidateKind::ConvoySupportCentre:
    case CandidateKind::Railhead:
    case CandidateKind::Port: return place ? place_text(*place) : "";
    case CandidateKind::Ships: return resource;
    default: return nation;
  }
}

std::string Candidate::change_text() const {
  switch (kind) {
    case CandidateKind::Bridge: {
      std::vector<std::string> parts;
      const auto add = [&](const char* what, const std::optional<double>& v, const char* unit) {
        if (v) parts.push_back(fmt::format("{} {:g}{}", what, *v, unit));
      };
      if (limits.mlc_tracked && limits.mlc_wheeled && *limits.mlc_tracked == *limits.mlc_wheeled) {
        add("MLC", limits.mlc_tracked, "");
      } else {
        add("MLC tracked", limits.mlc_tracked, "");
        add("MLC wheeled", limits.mlc_wheeled, "");
      }
      add("max weight", limits.max_weight_t, " t");
      add("max height", limits.max_height_m, " m");
      add("max width", limits.max_width_m, " m");
      std::string out;
      for (const auto& p : parts) out.append(out.empty() ? "" : ", ").append(p);
      return out;
    }
    case CandidateKind::ConvoySupportCentre: return fmt::format("+{:g} vehicles a night", amount);
    case CandidateKind::LeadTime: return fmt::format("lead time {:g} working days", lead_time_working_days);
    case CandidateKind::MovementWindow: return "movement window lifted";
    case CandidateKind::Railhead: return fmt::format("+{:g} trains a day", amount);
    case CandidateKind::Port:
      return amount2 > 0 && amount > 0 ? fmt::format("+{:g} berths, +{:g} vehicles a day", amount, amount2)
             : amount > 0              ? fmt::format("+{:g} berths", amount)
                                       : fmt::format("+{:g} vehicles a day", amount2);
    case CandidateKind::Hets: return fmt::format("+{:g} HETs", amount);
    case CandidateKind::Rail: return fmt::format("+{:g} trains", amount);
    case CandidateKind::Ships: return fmt::format("+{:g} ships", amount);
  }
  return "";
}

CandidateFile load_candidates(const std::string& path, const scenario::Scenario& base,
                              const scenario::LoadContext& context) {
  CandidateFile result(path);
  scenario::Diagnostics& diag = result.diagnostics;
  const auto doc = scenario::read_yaml_file(path, diag, "an upgrade candidates file", context.limits);
  if (!doc) return result;
  if (!doc->IsMap()) {
    scenario::report_error(diag, *doc, "",
                           fmt::format("expected a mapping with a `candidates:` list (docs/whatif.md), got {}",
                                       scenario::describe(*doc)));
    return result;
  }
  const std::string dir = std::filesystem::path(path).parent_path().string();
  scenario::FragmentReader reader(base, context, diag, dir.empty() ? "." : dir);
  MapReader root(*doc, "", diag);
  root.text("description");
  std::vector<std::string> kind_names;
  for (const auto& k : kinds()) kind_names.push_back(k.second);
  std::map<std::string, std::string> ids;  // id -> path of its first use
  scenario::for_each_item(root.get("candidates", Need::Required), "candidates", diag,
                          [&](const YAML::Node& node, const std::string& item_path) {
                            MapReader item(node, item_path, diag);
                            if (!item.valid()) {
                              scenario::report_error(diag, node, item_path,
                                                     fmt::format("expected a candidate (id, kind, cost_eur, target, "
                                                                 "change), got {}",
                                                                 scenario::describe(node)));
                              return;
                            }
                            Candidate c;
                            c.line = scenario::position(node).first;
                            if (const auto id = item.text("id", Need::Required)) {
                              if (const auto [it, fresh] = ids.emplace(*id, item_path); !fresh)
                                scenario::report_error(diag, node["id"], item.path_of("id"),
                                                       fmt::format("duplicate candidate id '{}' (first at {})", *id,
                                                                   it->second));
                              c.id = *id;
                            }
                            if (const auto d = item.text("description")) c.description = *d;
                            if (const auto s = item.text("cost_source")) c.cost_source = *s;
                            if (const auto cost = item.number("cost_eur", Need::Required, 0, 1e13)) c.cost_eur = *cost;
                            const auto kind = item.choice("kind", Need::Required, kind_names);
                            if (!kind) {
                              item.known("target"), item.known("change");
                              return;
                            }
                            for (const auto& [k, name] : kinds())
                              if (name == *kind) c.kind = k;
                            read_target_and_change(c, item, reader, base);
                            result.candidates.push_back(std::move(c));
                          });
  if (const YAML::Node list = (*doc)["candidates"]; list.IsDefined() && list.IsSequence() && list.size() == 0)
    scenario::report_error(diag, list, "candidates", "expected at least one candidate");
  return result;
}

}  // namespace milmob::whatif
