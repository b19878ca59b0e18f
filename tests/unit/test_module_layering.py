# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one-way stack, as a test: no module touches check mode or the API token, or sends a write itself.

Check mode, the token and every write belong to module_utils (JupyterHubModule.apply
and the client); a module reads, plans and hands its plan over. The documentation
strings may mention the options, nothing else may.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = os.path.join(ROOT, "plugins", "modules")
DOC_STRINGS = ("DOCUMENTATION", "EXAMPLES", "RETURN")
FORBIDDEN = ("check_mode", "api_token")
SENDING_METHODS = ("post", "put", "patch", "delete", "request")
# A resource module holds only what is particular to its resource.
MAX_CODE_LINES = 150


def module_files():
    return sorted(name for name in os.listdir(MODULES) if name.endswith(".py") and not name.startswith("_"))


def code_without_documentation(source):
    """The source with DOCUMENTATION, EXAMPLES and RETURN blanked out (line numbers kept)."""
    lines = source.splitlines()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", None) in DOC_STRINGS for target in node.targets):
            for number in range(node.lineno - 1, node.end_lineno):
                lines[number] = ""
    return lines


def code_lines(source):
    """Lines of code: no documentation strings (module doc strings or docstrings), comments or blank lines."""
    lines = code_without_documentation(source)
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.FunctionDef, ast.ClassDef, ast.Module)) and ast.get_docstring(node) is not None:
            docstring = node.body[0]
            for number in range(docstring.lineno - 1, docstring.end_lineno):
                lines[number] = ""
    return [line for line in lines if line.strip() and not line.strip().startswith("#")]


@pytest.fixture(params=module_files())
def module(request):
    with open(os.path.join(MODULES, request.param)) as handle:
        return request.param, handle.read()


def test_there_are_modules():
    assert len(module_files()) >= 15


def mentions(source):
    """Where the code (not its documentation) names check mode or the token: a name, an attribute, an option read."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name) and node.id in FORBIDDEN or isinstance(node, ast.Attribute) and node.attr in FORBIDDEN:
            found.append(node.lineno)
        elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and node.slice.value in FORBIDDEN:
            found.append(node.lineno)  # params["api_token"]
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value in FORBIDDEN:
            found.append(node.lineno)  # params.get("check_mode")
    return sorted(set(found))


def test_no_module_mentions_check_mode_or_the_token(module):
    name, source = module
    lines = source.splitlines()
    found = ["%s:%d: %s" % (name, number, lines[number - 1].strip()) for number in mentions(source)]
    assert not found, "check mode and the API token belong to module_utils/module.py:\n" + "\n".join(found)


def test_no_module_sends_a_call_itself(module):
    name, source = module
    found = [
        "%s:%d: .%s(...)" % (name, node.lineno, node.func.attr)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SENDING_METHODS
    ]
    assert not found, "writes go through the plan (JupyterHubModule.apply):\n" + "\n".join(found)


def test_modules_hold_only_what_is_particular_to_their_resource(module):
    name, source = module
    count = len(code_lines(source))
    assert count <= MAX_CODE_LINES, "%s has %d lines of code (at most %d): move what two modules share to module_utils" % (
        name,
        count,
        MAX_CODE_LINES,
    )


def test_the_guard_sees_what_it_guards():
    # the checks above must fail on a module that breaks the rules
    bad = (
        'DOCUMENTATION = "api_token check_mode"\n\ndef f(module):\n    if module.check_mode:\n        module.client.post("/x")\n'
        '    return module.params["api_token"], {"kind": "api_token"}\n'
    )
    assert mentions(bad) == [4, 6]
    calls = [node.func.attr for node in ast.walk(ast.parse(bad)) if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)]
    assert "post" in calls
    assert len(code_lines(bad)) == 4
