# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one-way stack, as a test: no module touches check mode or the API token, or sends a write itself; below
the modules, no pure file of module_utils knows Ansible (docs/architecture.md).

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


# -- module_utils: the same rule, one layer down ---------------------------------------------------------------
#
# docs/architecture.md states the layers. Two kinds of file live in module_utils:
# - the Ansible side: module.py (JupyterHubModule) and a runner per resource that needs
#   one, named <resource>_runner.py beside its planner <resource>s.py. Only these may
#   import Ansible or take a module, and their docstring says "Ansible side".
# - every other file is pure: it imports nothing of Ansible and nothing of the Ansible
#   side, takes no module (a client at most), and its docstring says so.
# module.py, the base of every module, knows no resource: it imports none of their files.

MODULE_UTILS = os.path.join(ROOT, "plugins", "module_utils")
BASE = "module.py"
RUNNER_SUFFIX = "_runner.py"
RESOURCES = ("users", "groups", "tokens", "servers", "shares", "roster", "storage")
ANSIBLE_ON_A_MODULE = ("fail_json", "exit_json", "warn", "params", "check_mode", "finish", "apply")
PACKAGE = "ansible_collections.jupyterhub.hub.plugins.module_utils."


def module_utils_files():
    return sorted(name for name in os.listdir(MODULE_UTILS) if name.endswith(".py") and name != "__init__.py")


def is_ansible_side(name):
    return name == BASE or name.endswith(RUNNER_SUFFIX)


def imports(tree):
    """The modules a file imports: 'ansible.module_utils.basic', 'ansible_collections....module_utils.users'..."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def ansible_uses(source):
    """What makes a file Ansible's: an import of Ansible, a parameter named module, a module's methods or attributes."""
    tree = ast.parse(source)
    found = ["import %s" % name for name in imports(tree) if name == "ansible" or name.startswith("ansible.")]
    found += ["import %s" % name[len(PACKAGE):] for name in imports(tree)
              if name.startswith(PACKAGE) and is_ansible_side(name[len(PACKAGE):] + ".py")]
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            found += ["line %d: takes a module" % node.lineno for arg in node.args.args if arg.arg == "module"]
        elif isinstance(node, ast.Attribute) and node.attr in ANSIBLE_ON_A_MODULE and getattr(node.value, "id", None) == "module":
            found.append("line %d: module.%s" % (node.lineno, node.attr))
    return found


@pytest.fixture(params=[name for name in module_utils_files() if not is_ansible_side(name)])
def pure_file(request):
    with open(os.path.join(MODULE_UTILS, request.param)) as handle:
        return request.param, handle.read()


def test_pure_files_know_nothing_of_ansible(pure_file):
    name, source = pure_file
    found = ansible_uses(source)
    assert not found, "%s is pure (docs/architecture.md), yet: %s. Move that to module.py or a *_runner.py" % (name, "; ".join(found))
    docstring = ast.get_docstring(ast.parse(source)) or ""
    assert "nothing of ansible" in docstring.lower() or "pure" in docstring.lower(), "%s: its docstring does not say it is pure" % name


def test_the_ansible_side_says_so_and_runners_have_a_planner():
    for name in module_utils_files():
        if not is_ansible_side(name):
            continue
        with open(os.path.join(MODULE_UTILS, name)) as handle:
            docstring = ast.get_docstring(ast.parse(handle.read())) or ""
        assert "Ansible side" in docstring.split("\n")[0], "%s: the first line of its docstring does not say it is the Ansible side" % name
        if name.endswith(RUNNER_SUFFIX):
            planner = name[: -len(RUNNER_SUFFIX)] + "s.py"
            assert os.path.exists(os.path.join(MODULE_UTILS, planner)), "%s has no planner %s" % (name, planner)


def test_the_base_knows_no_resource():
    with open(os.path.join(MODULE_UTILS, BASE)) as handle:
        used = [name[len(PACKAGE):] for name in imports(ast.parse(handle.read())) if name.startswith(PACKAGE)]
    resources = [name for name in used if name in RESOURCES or name.endswith(RUNNER_SUFFIX[:-3])]
    assert not resources, "%s imports resource files %s: a resource's logic goes in its planner or runner" % (BASE, resources)


def test_modules_reach_ansible_through_module_utils_only(module):
    name, source = module
    direct = [imported for imported in imports(ast.parse(source)) if imported == "ansible" or imported.startswith("ansible.")]
    assert not direct, "%s imports %s: use JupyterHubModule (module_utils/module.py)" % (name, direct)


def test_modules_have_one_entry_point(module):
    """main() builds the JupyterHubModule and hands it run(module), the task: read, plan, apply, finish."""
    name, source = module
    functions = dict((node.name, node) for node in ast.parse(source).body if isinstance(node, ast.FunctionDef))
    assert "run" in functions and functions["run"].args.args[0].arg == "module", "%s has no run(module)" % name
    last = functions["main"].body[-1]
    assert ast.unparse(last) == "module.run(run)", "%s: main() must end with module.run(run), not %s" % (name, ast.unparse(last))


# The public functions a module may define: planners and summaries live in module_utils.
MODULE_FUNCTIONS = ("main", "run", "ensure_present", "ensure_absent", "sign_in_scopes")


def test_modules_define_no_planner(module):
    name, source = module
    public = [node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")]
    extra = [function for function in public if function not in MODULE_FUNCTIONS]
    assert not extra, "%s defines %s: a planner or a summary belongs in module_utils, a helper of run() is private (_name)" % (name, extra)


def test_the_layering_guard_sees_what_it_guards():
    # the checks above must fail on a pure file that breaks the rules
    bad = (
        "from ansible.module_utils.basic import AnsibleModule\n"
        "from ansible_collections.jupyterhub.hub.plugins.module_utils.token_runner import token_owner\n\n"
        "def plan(module, client):\n    if module.check_mode:\n        module.fail_json(msg='no')\n"
    )
    assert ansible_uses(bad) == [
        "import ansible.module_utils.basic", "import token_runner", "line 4: takes a module", "line 5: module.check_mode", "line 6: module.fail_json",
    ]
    assert ansible_uses("def plan(client, names):\n    return client.get('/users')\n") == []
    assert is_ansible_side("module.py") and is_ansible_side("server_runner.py") and not is_ansible_side("servers.py")
