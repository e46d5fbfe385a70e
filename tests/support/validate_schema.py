#!/usr/bin/python3
"""Validates YAML scenario files against a JSON Schema (draft 2020-12).

usage: validate_schema.py SCHEMA [FILE...]

With no FILE, only checks that SCHEMA is a valid draft 2020-12 schema. Prints every problem as
"FILE:LINE:COLUMN: error: PATH: MESSAGE" (PATH like the loader's: units[0].priority) and exits 0
when everything is valid, 1 when a file is not, 2 on a usage error, an unreadable file or a bad
schema.

YAML is read the way milmob's loader (yaml-cpp) reads it, not as PyYAML's YAML 1.1 would:
dates stay text ("2027-05-03" is a string), only `true`/`false` are booleans (not yes/no/on/off),
and only plain decimal numbers are numbers. Needs the Debian packages python3-jsonschema and
python3-yaml (scripts/install-deps).
"""
import json
import re
import sys

try:
    import yaml
    from jsonschema import Draft202012Validator
except ImportError as e:  # a clear message instead of a traceback
    print(f"validate_schema.py: {e}; install python3-jsonschema and python3-yaml (scripts/install-deps)",
          file=sys.stderr)
    sys.exit(2)


class CoreLoader(yaml.SafeLoader):
    """A SafeLoader whose implicit types follow what the scenario loader accepts."""


CoreLoader.yaml_implicit_resolvers = {}
for tag, pattern, first in [
    ("tag:yaml.org,2002:bool", r"^(?:true|false)$", "tf"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("tag:yaml.org,2002:float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]:
    CoreLoader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def to_python(node, path, marks):
    """Converts a composed YAML node, recording each value's position under its path."""
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = key_node.value
            out[key] = to_python(value_node, path + (key,), marks)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [to_python(item, path + (i,), marks) for i, item in enumerate(node.value)]
    if node.tag == "tag:yaml.org,2002:null":
        return None
    if node.tag == "tag:yaml.org,2002:bool":
        return node.value == "true"
    if node.tag == "tag:yaml.org,2002:int":
        return int(node.value)
    if node.tag == "tag:yaml.org,2002:float":
        return float(node.value)
    return node.value


def field_path(path):
    """('units', 0, 'priority') -> 'units[0].priority', as milmob check writes it."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def position(path, marks):
    """The position of the deepest part of `path` that the document has."""
    path = tuple(path)
    while path not in marks and path:
        path = path[:-1]
    return marks.get(path, (0, 0))


def described(e):
    """The schema's description of the failing value, where jsonschema's own text would be a
    regex or a long list."""
    return e.schema.get("description", "") if isinstance(e.schema, dict) else ""


def leaves(e):
    """For anyOf/oneOf, the errors of the one branch whose type fits the value (a place given
    as [lon, lat] reports the bad longitude, not "not valid under any of the given schemas")."""
    if e.validator in ("anyOf", "oneOf") and e.context:
        branches = {}
        for sub in e.context:
            branches.setdefault(sub.relative_schema_path[0], []).append(sub)
        fitting = [errs for errs in branches.values()
                   if not any(sub.validator == "type" and not sub.relative_path for sub in errs)]
        if len(fitting) == 1:
            return [leaf for sub in fitting[0] for leaf in leaves(sub)]
    return [e]


def problems(e):
    """(path, message) pairs for one error, at the field the loader would name."""
    path = tuple(e.absolute_path)
    if e.validator == "required":
        return [(path + (key,), "missing required field")
                for key in e.validator_value if isinstance(e.instance, dict) and key not in e.instance]
    if e.validator == "additionalProperties" and isinstance(e.instance, dict):
        known = sorted(e.schema.get("properties", {}))
        return [(path + (key,), "unknown field; expected one of: " + ", ".join(known))
                for key in e.instance if key not in known]
    if e.schema is False:
        return [(path, "does not apply here")]
    desc = described(e)
    if e.validator in ("anyOf", "oneOf") and desc:
        return [(path, f"not valid: {desc}")]
    if e.validator == "pattern" and desc:
        return [(path, f"{e.instance!r} is not valid: expected {desc}")]
    if e.validator == "enum" and len(e.validator_value) > 8 and desc:
        return [(path, f"{e.instance!r} is not valid: expected {desc}")]
    return [(path, e.message)]


def validate(validator, name):
    try:
        with open(name, encoding="utf-8") as f:
            node = yaml.compose(f, Loader=CoreLoader)
    except (OSError, UnicodeDecodeError) as e:
        print(f"{name}: error: cannot read: {e}")
        return 2
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{mark.line + 1}:{mark.column + 1}:" if mark else ""
        print(f"{name}:{where} error: YAML syntax: {getattr(e, 'problem', e)}")
        return 1
    if node is None:
        print(f"{name}: error: empty document")
        return 1
    marks = {}
    document = to_python(node, (), marks)
    found = {(path, text) for error in validator.iter_errors(document)
             for leaf in leaves(error) for path, text in problems(leaf)}
    for path, text in sorted(found, key=lambda p: (position(p[0], marks), field_path(p[0]), p[1])):
        line, column = position(path, marks)
        print(f"{name}:{line}:{column}: error: {field_path(path) or '(document)'}: {text}")
    return 1 if found else 0


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as f:
            schema = json.load(f)
        Draft202012Validator.check_schema(schema)
    except (OSError, ValueError) as e:
        print(f"{argv[1]}: error: cannot read the schema: {e}", file=sys.stderr)
        return 2
    except Exception as e:  # jsonschema.SchemaError
        print(f"{argv[1]}: error: not a valid draft 2020-12 schema: {e}", file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema)
    status = 0
    for name in argv[2:]:
        status = max(status, validate(validator, name))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
