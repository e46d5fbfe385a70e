#include "python/src/errors.h"

#include <fmt/format.h>

#include "common/error.h"
#include "python/src/to_python.h"

namespace milmob::python {

namespace {

py::object error_class(const char* name) { return py::module_::import("milmob.errors").attr(name); }

void raise(const py::object& cls, const py::object& instance) { PyErr_SetObject(cls.ptr(), instance.ptr()); }

}  // namespace

py::list diagnostics_to_python(const std::vector<scenario::Diagnostic>& diagnostics) {
  py::list out;
  for (const auto& d : diagnostics) out.append(to_python(scenario::to_json(d)));
  return out;
}

void throw_if_errors(const std::string& file, const scenario::Diagnostics& d) {
  if (d.error_count() == 0) return;
  std::string message = fmt::format("{}: {} error(s)", file, d.error_count());
  for (const auto& item : d.sorted())
    if (item.severity == scenario::Diagnostic::Severity::Error) message += fmt::format("\n{}", item.to_string());
  throw ScenarioFailure(message, d.sorted());
}

void register_errors() {
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ScenarioFailure& e) {
      const py::object cls = error_class("ScenarioError");
      raise(cls, cls(e.what(), diagnostics_to_python(e.diagnostics)));
    } catch (const NoRoute& e) {
      const py::object cls = error_class("NoRouteError");
      raise(cls, cls(e.what(), py::cast(e.route)));
    } catch (const InputError& e) {
      const py::object cls = error_class("InputError");
      raise(cls, cls(e.what()));
    }
  });
}

}  // namespace milmob::python
