#!/usr/bin/python3
"""Checks docs/openapi.yaml against the real `milmob serve`.

usage: openapi_test.py MILMOB OPENAPI.yaml SCENARIO.yaml

Starts the server on the scenario (127.0.0.1, a free port), then walks every path and method
of the OpenAPI file and calls it with each example it gives: request body examples and path
parameter examples ("$plan" and "$job" stand for a plan and a job the test made first). An
example's `x-status` is the status it must get, else the operation's first 2xx. Every answer is
validated against the schema of its status and content type (draft 2020-12, python3-jsonschema);
every documented status must be met by an example, except those that need load or size to
provoke (429, 413, 202 of a slow job), which tests/e2e/serve_api_test.cpp provokes. Every
endpoint the server answers must be documented. The server runs with a token (--token-file):
every call sends it, and each operation is called once more without it: those marked with the
bearerAuth security scheme must answer their documented 401, the others must not ask for it.
Exits 0 when all holds, 1 with each problem.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml
from jsonschema import Draft202012Validator

NEEDS_LOAD = {"413", "429", "202"}  # provoked by serve_api_test.cpp, not by an example
ELSEWHERE = {("get", "/scenario", "404")}  # needs a server without a scenario: serve_api_test.cpp
# 202 is the normal answer of POST /plan: that one is checked here.
ALWAYS_202 = {("post", "/plan")}


TOKEN = "openapi-test-token-0123456789abcdef"


def call(base, method, path, body=None, raw=None, token=TOKEN, headers=None):
    data = raw.encode() if raw is not None else (json.dumps(body).encode() if body is not None else None)
    req = urllib.request.Request(base + path, data=data, method=method.upper())
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            if headers is not None:
                headers.update(r.headers)
            return r.status, r.headers.get("Content-Type", ""), r.read().decode()
    except urllib.error.HTTPError as e:
        if headers is not None:
            headers.update(e.headers)
        return e.code, e.headers.get("Content-Type", ""), e.read().decode()


def wait_for_job(base, job):
    for _ in range(1200):
        state = json.loads(call(base, "get", f"/jobs/{job}")[2])
        if state["state"] in ("done", "failed"):
            return state
        time.sleep(0.05)
    return state


def main():
    milmob, openapi_path, scenario = sys.argv[1:4]
    with open(openapi_path, encoding="utf-8") as f:
        spec = yaml.safe_load(f)
    Draft202012Validator.check_schema({"components": spec["components"]})

    token_dir = tempfile.TemporaryDirectory()
    token_file = os.path.join(token_dir.name, "token")
    with open(os.open(token_file, os.O_WRONLY | os.O_CREAT, 0o600), "w", encoding="ascii") as f:
        f.write(TOKEN + "\n")
    server = subprocess.Popen([milmob, "serve", "--scenario", scenario, "--port", "0", "-q", "--token-file", token_file],
                              stderr=subprocess.PIPE, text=True)
    problems = []
    try:
        line = server.stderr.readline()
        m = re.search(r"listening on (http://127\.0\.0\.1:\d+)/", line)
        if not m:
            print(f"openapi_test: milmob serve did not start: {line}{server.stderr.read()}", file=sys.stderr)
            return 1
        base = m.group(1)

        # A plan and its job, for the {id} parameters.
        status, _, text = call(base, "post", "/plan", {})
        job = json.loads(text)["job"]
        state = wait_for_job(base, job)
        plan = state.get("plan")
        if not plan:
            print(f"openapi_test: the served scenario did not plan: {state}", file=sys.stderr)
            return 1
        ids = {"$plan": plan, "$job": job}

        def resolve(param):
            return spec["components"]["parameters"][param["$ref"].split("/")[-1]] if "$ref" in param else param

        def response_of(op, status):
            r = op["responses"].get(str(status))
            if r is None:
                return None
            return spec["components"]["responses"][r["$ref"].split("/")[-1]] if "$ref" in r else r

        calls = 0
        for path, item in spec["paths"].items():
            for method, op in item.items():
                where = f"{method.upper()} {path}"
                params = [resolve(p) for p in op.get("parameters", [])]
                id_examples = {"known": {"value": None}}
                for p in params:
                    if p["in"] == "path":
                        id_examples = p["examples"]
                body_examples = {"none": {"value": None}}
                content = op.get("requestBody", {}).get("content", {}).get("application/json")
                if content:
                    body_examples = content["examples"]
                ok_status = next(s for s in op["responses"] if s.startswith("2"))
                if (method, path) in ALWAYS_202:
                    ok_status = "202"
                cases = []
                known = id_examples["known"]["value"]
                for bname, b in body_examples.items():
                    cases.append((known, b, str(b.get("x-status", ok_status)), bname))
                for pname, p in id_examples.items():
                    if "x-status" in p:
                        first = next(iter(body_examples.values()))
                        cases.append((p["value"], first, str(p["x-status"]), pname))
                seen = set()
                # Without the token: 401 where the operation is marked with bearerAuth, else not asked.
                secured = any("bearerAuth" in req for req in op.get("security", spec.get("security", [])))
                concrete = path
                for p in params:
                    if p["in"] == "path":
                        concrete = concrete.replace("{" + p["name"] + "}", ids.get(known, known))
                answer_headers = {}
                first = next(iter(body_examples.values()))
                status, ctype, text = call(base, method, concrete, first.get("value"), first.get("x-raw"), token=None,
                                           headers=answer_headers)
                calls += 1
                if status == 202:
                    wait_for_job(base, json.loads(text)["job"])
                if secured:
                    seen.add(str(status))
                    auth = answer_headers.get("WWW-Authenticate", "")
                    if status != 401 or not auth.startswith("Bearer "):
                        problems.append(f"{where} without the token: HTTP {status}, WWW-Authenticate {auth!r}, expected 401")
                    elif response_of(op, 401) is None:
                        problems.append(f"{where}: HTTP 401 is not documented")
                    else:
                        schema = response_of(op, 401)["content"]["application/json"]["schema"]
                        validator = Draft202012Validator({**schema, "components": spec["components"]})
                        for e in validator.iter_errors(json.loads(text)):
                            problems.append(f"{where} (401): {e.message[:200]}")
                elif status == 401:
                    problems.append(f"{where} asks for the token but is not marked with bearerAuth")
                for id_value, b, expected, name in cases:
                    concrete = path
                    for p in params:
                        if p["in"] == "path":
                            concrete = concrete.replace("{" + p["name"] + "}", ids.get(id_value, id_value))
                    status, ctype, text = call(base, method, concrete, b.get("value"), b.get("x-raw"))
                    calls += 1
                    if status == 202:  # a job: let it end, so that the next calls find a free job slot
                        wait_for_job(base, json.loads(text)["job"])
                    seen.add(str(status))
                    if str(status) != expected:
                        problems.append(f"{where} ({name}): HTTP {status}, expected {expected}: {text[:300]}")
                        continue
                    resp = response_of(op, status)
                    if resp is None:
                        problems.append(f"{where} ({name}): HTTP {status} is not documented")
                        continue
                    media = ctype.split(";")[0].strip()
                    if media not in resp["content"]:
                        problems.append(f"{where} ({name}): Content-Type {media}, documented {list(resp['content'])}")
                        continue
                    schema = resp["content"][media]["schema"]
                    doc = json.loads(text) if "json" in media else text
                    validator = Draft202012Validator({**schema, "components": spec["components"]})
                    for e in validator.iter_errors(doc):
                        problems.append(f"{where} ({name}): {'/'.join(map(str, e.absolute_path))}: {e.message[:200]}")
                for documented in op["responses"]:
                    if documented not in seen and documented not in NEEDS_LOAD and (method, path, documented) not in ELSEWHERE:
                        problems.append(f"{where}: documented HTTP {documented} is met by no example")

        # Every endpoint the server answers is in the file: an undocumented path gets 404, a
        # documented one never does for its own method.
        for path in ("/health", "/network", "/vehicles", "/scenario", "/plans"):
            if path not in spec["paths"]:
                problems.append(f"{path} is served but not documented")
        status, _, _ = call(base, "get", "/undocumented")
        if status != 404:
            problems.append(f"GET /undocumented: HTTP {status}, expected 404")
        log = ""
    finally:
        server.terminate()
        server.wait(timeout=30)
        log = server.stderr.read()
        token_dir.cleanup()
    if TOKEN in log:
        problems.append("the token appears in the server's log")

    for p in problems:
        print(f"openapi_test: {p}", file=sys.stderr)
    if server.returncode != 0:
        print(f"openapi_test: milmob serve exited with {server.returncode} on SIGTERM", file=sys.stderr)
        return 1
    print(f"openapi_test: {calls} calls, {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
