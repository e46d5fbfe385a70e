"""The package as an editor sees it: every public name documented, the .pyi stub next to the
module covering every class, method and property, and the exception hierarchy."""

import ast
import inspect
from pathlib import Path

import milmob
from milmob import _milmob

STUB = Path(_milmob.__file__).with_name("_milmob.pyi")


def public(obj):
    return [n for n in dir(obj) if not n.startswith("_") or n == "__geo_interface__"]


def stub_members():
    """{name: set of member names} for the stub's classes, and "" for its top-level names."""
    tree = ast.parse(STUB.read_text())
    out = {"": set()}
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            out[""].add(node.name)
            out[node.name] = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
        elif isinstance(node, ast.FunctionDef):
            out[""].add(node.name)
        elif isinstance(node, ast.AnnAssign):
            out[""].add(node.target.id)
    return out


def test_the_stub_is_installed_next_to_the_module_with_py_typed():
    assert STUB.is_file()
    assert STUB.with_name("py.typed").is_file()


def test_the_stub_covers_the_compiled_module():
    stub = stub_members()
    for name in public(_milmob):
        assert name in stub[""], f"{name} missing from {STUB.name}"
        obj = getattr(_milmob, name)
        if inspect.isclass(obj):
            for member in public(obj):
                assert member in stub[name], f"{name}.{member} missing from {STUB.name}"
    assert "__version__" in stub[""]


def documentation(obj, name):
    """The docstring without the signature lines pybind11 writes for every function."""
    doc = getattr(obj, "__doc__", None) or ""
    return "\n".join(line for line in doc.splitlines() if not line.startswith(f"{name}(")).strip()


def test_everything_public_has_a_docstring():
    for name in milmob.__all__:
        obj = getattr(milmob, name)
        if isinstance(obj, str):
            continue
        assert documentation(obj, name), name
        if inspect.isclass(obj) and obj.__module__ == "milmob._milmob":
            for member in public(obj):
                assert documentation(inspect.getattr_static(obj, member), member), f"{name}.{member}"


def test_exception_hierarchy():
    assert issubclass(milmob.InputError, milmob.Error) and issubclass(milmob.InputError, ValueError)
    assert issubclass(milmob.ScenarioError, milmob.InputError)
    assert issubclass(milmob.NoRouteError, milmob.Error) and not issubclass(milmob.NoRouteError, ValueError)


def test_version_is_the_projects():
    assert milmob.__version__ == "0.1.0"
