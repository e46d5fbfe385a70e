#pragma once
// JSON documents the library already writes (route JSON, plan.json, network summary) handed to
// Python as plain dicts and lists, so that Python sees exactly what the command prints.
#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace milmob::python {

namespace py = pybind11;

template <class Json>
py::object to_python(const Json& j) {
  using Type = nlohmann::json::value_t;
  switch (j.type()) {
    case Type::boolean: return py::bool_(j.template get<bool>());
    case Type::number_integer: return py::int_(j.template get<std::int64_t>());
    case Type::number_unsigned: return py::int_(j.template get<std::uint64_t>());
    case Type::number_float: return py::float_(j.template get<double>());
    case Type::string: return py::str(j.template get_ref<const std::string&>());
    case Type::array: {
      py::list out;
      for (const auto& item : j) out.append(to_python(item));
      return out;
    }
    case Type::object: {
      py::dict out;
      for (auto it = j.begin(); it != j.end(); ++it) out[py::str(it.key())] = to_python(it.value());
      return out;
    }
    default: return py::none();  // null, and binary/discarded that the library never writes
  }
}

}  // namespace milmob::python
