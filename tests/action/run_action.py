#!/usr/bin/env python3
"""Runs a composite action's `run:` steps locally, as a GitHub runner would.

    run_action.py ACTION_YML CONTEXT_JSON
    run_action.py --shellcheck ACTION_YML   (lint every run: script)

CONTEXT_JSON holds `inputs`, `github`, `runner` (the expression contexts),
`env` (variables added to the process environment) and, optionally,
`stop_after` (a step id: no step after it runs). Each `run:` step is run
as `shell: bash` runs it on GitHub (`bash --noprofile --norc -eo pipefail
FILE`) with its `env:` evaluated, a fresh `$GITHUB_OUTPUT` per step,
and `$GITHUB_PATH` additions put on `PATH` for the later steps. `uses:`
steps are not run: they are reported as skipped. `if:` conditions are
evaluated (status functions, ==, !=, &&, ||, !, parentheses, contexts).

Prints a JSON summary on stdout: every step's outcome and outputs, the
action's outputs. Exits 1 when a step failed, 0 otherwise.
"""

import atexit
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml


class Expr:
    """A small evaluator for the expressions an action uses."""

    TOKEN = re.compile(
        r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
        r"|(?P<num>\d+(?:\.\d+)?)|(?P<id>[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-\*]+)*(?:\(\))?))"
    )

    def __init__(self, contexts, status):
        self.contexts = contexts
        self.status = status

    def tokens(self, text):
        pos, out = 0, []
        text = text.strip()
        while pos < len(text):
            m = self.TOKEN.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"cannot parse expression at: {text[pos:]!r}")
            pos = m.end()
            kind = m.lastgroup
            out.append((kind, m.group(kind)))
        return out

    def evaluate(self, text):
        self.toks = self.tokens(text)
        self.i = 0
        value = self.or_()
        if self.i != len(self.toks):
            raise ValueError(f"unexpected token in {text!r}")
        return value

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self):
        tok = self.toks[self.i]
        self.i += 1
        return tok

    def or_(self):
        left = self.and_()
        while self.peek() == ("op", "||"):
            self.take()
            right = self.and_()
            left = left if truthy(left) else right
        return left

    def and_(self):
        left = self.cmp()
        while self.peek() == ("op", "&&"):
            self.take()
            right = self.cmp()
            left = right if truthy(left) else left
        return left

    def cmp(self):
        left = self.unary()
        while self.peek() in (("op", "=="), ("op", "!=")):
            op = self.take()[1]
            right = self.unary()
            same = loose_equal(left, right)
            left = same if op == "==" else not same
        return left

    def unary(self):
        if self.peek() == ("op", "!"):
            self.take()
            return not truthy(self.unary())
        return self.atom()

    def atom(self):
        kind, text = self.take()
        if kind == "op" and text == "(":
            value = self.or_()
            if self.take() != ("op", ")"):
                raise ValueError("missing )")
            return value
        if kind == "str":
            return text[1:-1].replace("''", "'")
        if kind == "num":
            return float(text)
        if kind == "id":
            if text.endswith("()"):
                name = text[:-2]
                if name == "always":
                    return True
                if name == "success":
                    return not self.status["failed"]
                if name == "failure":
                    return self.status["failed"]
                if name == "cancelled":
                    return False
                raise ValueError(f"unknown function {name}")
            if text in ("true", "false"):
                return text == "true"
            if text == "null":
                return None
            value = self.contexts
            for part in text.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            return value
        raise ValueError(f"unexpected {text!r}")


def truthy(v):
    return v not in (None, False, "", 0, 0.0)


def loose_equal(a, b):
    if isinstance(a, str) and isinstance(b, str):
        return a.lower() == b.lower()
    if a is None:
        a = ""
    if b is None:
        b = ""
    if type(a) is not type(b):
        def num(x):
            if isinstance(x, bool):
                return float(x)
            if isinstance(x, (int, float)):
                return float(x)
            try:
                return float(x) if x != "" else 0.0
            except ValueError:
                return float("nan")
        return num(a) == num(b)
    return a == b


def interpolate(text, ev):
    def sub(m):
        value = ev.evaluate(m.group(1))
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return re.sub(r"\$\{\{(.*?)\}\}", sub, str(text))


def read_outputs(path):
    outputs = {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delim = line.split("<<", 1)
            value = []
            i += 1
            while i < len(lines) and lines[i] != delim:
                value.append(lines[i])
                i += 1
            outputs[name] = "\n".join(value)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    return outputs


def shellcheck(path):
    """Runs shellcheck on every `run:` script of the action; 1 on findings."""
    action = yaml.safe_load(open(path, encoding="utf-8"))
    failed = False
    for index, step in enumerate(action["runs"]["steps"]):
        if "run" not in step:
            continue
        if step.get("shell") != "bash":
            print(f"{path}: step {step.get('name', index)!r} has no `shell: bash`")
            failed = True
            continue
        proc = subprocess.run(
            ["shellcheck", "--shell=bash", "--severity=style", "-"],
            input=step["run"], text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        if proc.returncode != 0:
            print(f"{path}: step {step.get('name', index)!r}:\n{proc.stdout}")
            failed = True
    sys.exit(1 if failed else 0)


def main():
    if sys.argv[1] == "--shellcheck":
        shellcheck(sys.argv[2])
    action = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    context = json.load(open(sys.argv[2], encoding="utf-8"))
    status = {"failed": False}
    steps = {}
    contexts = {
        "github": context.get("github", {}),
        "runner": context.get("runner", {}),
        "env": context.get("env", {}),
        "steps": steps,
        "inputs": {},
    }
    ev = Expr(contexts, status)
    for name, spec in (action.get("inputs") or {}).items():
        given = context.get("inputs", {}).get(name)
        contexts["inputs"][name] = given if given is not None else interpolate(spec.get("default", ""), ev)

    env = dict(os.environ)
    env.update(context.get("env", {}))
    work = tempfile.mkdtemp(prefix="action-")
    # The steps' scripts and outputs are the run's own: gone when it ends, however it ends.
    atexit.register(shutil.rmtree, work, True)
    path_file = env.setdefault("GITHUB_PATH", os.path.join(work, "path"))
    open(path_file, "a").close()
    report = []
    for index, step in enumerate(action["runs"]["steps"]):
        sid = step.get("id", f"__{index}")
        name = step.get("name", sid)
        cond = str(step.get("if", "success()"))
        cond = cond.strip()
        if cond.startswith("${{") and cond.endswith("}}"):
            cond = cond[3:-2]
        if not re.search(r"\b(always|success|failure|cancelled)\(\)", cond):
            cond = f"success() && ({cond})"
        if not truthy(ev.evaluate(cond)):
            steps[sid] = {"outputs": {}, "outcome": "skipped", "conclusion": "skipped"}
            report.append({"id": sid, "name": name, "outcome": "skipped"})
            continue
        if "uses" in step:
            steps[sid] = {"outputs": {}, "outcome": "success", "conclusion": "success"}
            with_ = {k: interpolate(v, ev) for k, v in (step.get("with") or {}).items()}
            report.append({"id": sid, "name": name, "outcome": "not run (uses)", "uses": step["uses"], "with": with_})
            continue
        if step.get("shell") != "bash":
            raise SystemExit(f"step {name!r} has no `shell: bash`")
        step_env = dict(env)
        for k, v in (step.get("env") or {}).items():
            step_env[k] = interpolate(v, ev)
        if re.search(r"\$\{\{", step["run"]):
            raise SystemExit(f"step {name!r} interpolates an expression into its script")
        out_file = os.path.join(work, f"output-{index}")
        open(out_file, "w").close()
        step_env["GITHUB_OUTPUT"] = out_file
        before = open(path_file, encoding="utf-8").read().splitlines()
        script = os.path.join(work, f"step-{index}.sh")
        with open(script, "w", encoding="utf-8") as f:
            f.write(step["run"])
        proc = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
            env=step_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            timeout=600,
        )
        sys.stderr.write(f"--- {name} (exit {proc.returncode})\n{proc.stdout}{proc.stderr}")
        outputs = read_outputs(out_file)
        outcome = "success" if proc.returncode == 0 else "failure"
        if proc.returncode != 0:
            status["failed"] = True
        steps[sid] = {"outputs": outputs, "outcome": outcome, "conclusion": outcome}
        report.append({
            "id": sid,
            "name": name,
            "outcome": outcome,
            "exit": proc.returncode,
            "outputs": outputs,
            "stdout": proc.stdout,
            "stderr": proc.stderr,
        })
        added = open(path_file, encoding="utf-8").read().splitlines()[len(before):]
        for p in added:
            env["PATH"] = p + os.pathsep + env["PATH"]
        if context.get("stop_after") == sid:
            break
    outputs = {name: interpolate(spec.get("value", ""), ev) for name, spec in (action.get("outputs") or {}).items()}
    json.dump({"steps": report, "outputs": outputs, "failed": status["failed"]}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    sys.exit(1 if status["failed"] else 0)


if __name__ == "__main__":
    main()
