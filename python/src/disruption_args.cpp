#include "python/src/disruption_args.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "common/error.h"
#include "python/src/errors.h"
#include "scenario/fragment_reader.h"

namespace milmob::python {

namespace {

// How a disruption file or dict is named in messages.
constexpr const char* kDictName = "disruptions (dict)";

bool has_name(const scenario::Scenario& s, const std::string& name) {
  return name == "all" || std::any_of(s.disruptions.begin(), s.disruptions.end(),
                                      [&](const scenario::Disruption& d) { return d.name == name; });
}

// A string is a name when the scenario (with what was added so far) has a disruption of that
// name; else a path when it looks like one or a file exists there; else a name (unknown: the
// planner says so).
bool is_path(const scenario::Scenario& s, const std::string& text) {
  if (has_name(s, text)) return false;
  const std::filesystem::path p(text);
  const std::string ext = p.extension().string();
  std::error_code error;  // a string that cannot be a path is a name
  return ext == ".yaml" || ext == ".yml" || ext == ".json" || std::filesystem::is_regular_file(p, error);
}

void add_document(Disruptions& out, scenario::Scenario& copy, const scenario::DisruptionFile& d) {
  throw_if_errors(d.diagnostics.file(), d.diagnostics);
  for (const scenario::Disruption& x : d.disruptions) {
    copy.disruptions.push_back(x);
    if (std::find(out.names.begin(), out.names.end(), x.name) == out.names.end()) out.names.push_back(x.name);
  }
}

}  // namespace

Disruptions add_disruptions(const ScenarioHandle& s, Disruptions base, const py::handle& args) {
  // One item or a list of them (a str, a path or a dict is one item).
  std::vector<py::handle> items;
  const py::object path_like = py::module_::import("os").attr("PathLike");
  if (py::isinstance<py::str>(args) || py::isinstance<py::dict>(args) || py::isinstance(args, path_like)) {
    items.push_back(args);
  } else {
    for (const py::handle item : args) items.push_back(item);
  }
  std::shared_ptr<scenario::Scenario> copy;
  const auto current = [&]() -> const scenario::Scenario& {
    return copy ? *copy : base.scenario ? *base.scenario : s.scenario();
  };
  const auto writable = [&]() -> scenario::Scenario& {
    if (!copy) copy = std::make_shared<scenario::Scenario>(current());
    return *copy;
  };
  const scenario::LoadContext context{s.catalogue(), s.places(), {}};
  for (const py::handle item : items) {
    if (py::isinstance<py::dict>(item)) {
      // A dict in the file's schema ({"disruptions": [...]}), or one disruption ({"name", "kind", ...}):
      // as JSON, which YAML reads, so that the scenario loader's own readers check it.
      py::object doc = py::reinterpret_borrow<py::object>(item);
      if (!item.cast<py::dict>().contains("disruptions")) {
        py::dict wrapped;
        wrapped["disruptions"] = py::make_tuple(item);
        doc = wrapped;
      }
      const std::string text = py::module_::import("json").attr("dumps")(doc, py::arg("indent") = 1).cast<std::string>();
      YAML::Node node;
      try {
        node = YAML::Load(text);
      } catch (const YAML::Exception& e) {
        throw InputError(kDictName, e.what());
      }
      add_document(base, writable(), scenario::read_disruption_document(node, kDictName, ".", current(), context));
    } else if (py::isinstance(item, path_like) ||
               (py::isinstance<py::str>(item) && is_path(current(), item.cast<std::string>()))) {
      const std::string path = py::str(py::module_::import("os").attr("fspath")(item)).cast<std::string>();
      add_document(base, writable(), scenario::load_disruption_file(path, current(), context));
    } else if (py::isinstance<py::str>(item)) {
      const std::string name = item.cast<std::string>();
      if (std::find(base.names.begin(), base.names.end(), name) == base.names.end()) base.names.push_back(name);
    } else {
      throw py::type_error("disruptions: expected a name, a path to a disruption file or a dict, or a list of them; got " +
                           py::repr(item).cast<std::string>());
    }
  }
  if (copy) base.scenario = std::move(copy);
  return base;
}

}  // namespace milmob::python
