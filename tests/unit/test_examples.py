# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The AWX examples against the code: what they name must exist, and what they inject must be read.

examples/execution-environment.yml (ansible-builder), examples/awx-credential-type.yml (an AWX
custom credential type) and examples/awx-job-template.yml (a job template's playbook) are copied
into AWX by hand, so nothing else would notice when the code moves away from them. Everything they
are compared with comes from the code: the modules' argument specs and documentation, the role's
argument spec, requirements.txt and the pins of tests/requirements*.txt. The awx_runner
integration target runs the job template with the credential type's injectors, and
tests/utils/ee-check.sh runs ansible-builder on the execution environment.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import importlib
import importlib.util
import os
import re

import pytest
import yaml
from jinja2 import Environment, meta
from packaging.requirements import Requirement

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import CONNECTION_ARGUMENT_SPEC
from ansible_collections.jupyterhub.hub.plugins.module_utils.signin import ARGUMENT_SPEC as SIGN_IN_ARGUMENT_SPEC

# tests/unit/<this file>: the root of the repository, or of the staged collection in build/.
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")
EE_FILE = os.path.join(EXAMPLES, "execution-environment.yml")
CREDENTIAL_TYPE_FILE = os.path.join(EXAMPLES, "awx-credential-type.yml")
JOB_TEMPLATE_FILE = os.path.join(EXAMPLES, "awx-job-template.yml")
DRIFT_JOB_FILE = os.path.join(EXAMPLES, "awx-drift-check.yml")
AWX_DOC = os.path.join(ROOT, "docs", "awx.md")
COLLECTION = "ansible_collections.jupyterhub.hub"

# The options a credential may fill: the connection options and the password sign-in.
CREDENTIAL_OPTIONS = dict(CONNECTION_ARGUMENT_SPEC, **SIGN_IN_ARGUMENT_SPEC)
FQCN = re.compile(r"^[a-z0-9_]+\.[a-z0-9_]+\.[a-z0-9_]+$")
EXPRESSION_KEYS = ("when", "changed_when", "failed_when", "until")
BLOCK_KEYS = ("block", "rescue", "always")
PLAY_TASK_KEYS = ("pre_tasks", "tasks", "post_tasks", "handlers")


def load(path):
    with open(path) as handle:
        return yaml.safe_load(handle)


def galaxy_name():
    galaxy = load(os.path.join(ROOT, "galaxy.yml"))
    return "%s.%s" % (galaxy["namespace"], galaxy["name"])


def requirement(lines, name):
    """The one requirement named ``name`` among requirement lines (comments and blanks skipped)."""
    found = []
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            req = Requirement(line)
            if req.name.lower() == name:
                found.append(req)
    assert len(found) == 1, "%d requirements named %s in %s" % (len(found), name, lines)
    return found[0]


def file_lines(path):
    with open(path) as handle:
        return handle.read().splitlines()


def pinned_versions(name):
    """The versions the collection is tested with: ansible-core's from the Makefile's CORE_VERSIONS (those the
    awx_runner target runs on), the others' from what tests/requirements*.txt pin."""
    if name == "ansible-core":
        for line in file_lines(os.path.join(ROOT, "Makefile")):
            if line.startswith("CORE_VERSIONS :="):
                return line.split(":=", 1)[1].split()
    pins = set()
    for path in glob.glob(os.path.join(ROOT, "tests", "requirements*.txt")):
        for line in file_lines(path):
            match = re.match(r"^%s==(\S+)" % re.escape(name), line.strip(), re.IGNORECASE)
            if match:
                pins.add(match.group(1))
    assert pins, "tests/requirements*.txt pin no version of %s" % name
    return sorted(pins)


def env_fallbacks(spec):
    """{environment variable: option} of the options that fall back to one."""
    names = {}
    for option, settings in spec.items():
        fallback = settings.get("fallback")
        if fallback:
            for variable in fallback[1]:
                names[variable] = option
    return names


class AnyName(dict):
    """Filters and tests: Jinja compiles a template to find its variables, and knows none of Ansible's."""

    def __contains__(self, name):
        return True

    def get(self, name, default=None):
        return dict.get(self, name) or (lambda *args, **kwargs: None)


JINJA = Environment()
JINJA.filters = AnyName(JINJA.filters)
JINJA.tests = AnyName(JINJA.tests)


def template_variables(template):
    return meta.find_undeclared_variables(JINJA.parse(template))


def strings(node, key=None):
    """Every (key, string) in a YAML tree, with the key it is the value of (for list items too)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, k)
    elif isinstance(node, list):
        for item in node:
            yield from strings(item, key)
    elif isinstance(node, str):
        yield key, node


def referenced_variables(node):
    """Names that the Jinja in a YAML tree reads (templates, and the bare expressions of when & co)."""
    names = set()
    for key, value in strings(node):
        if "{{" in value or "{%" in value:
            names |= template_variables(value)
        elif key in EXPRESSION_KEYS:
            names |= template_variables("{{ %s }}" % value)
    return names


def tasks(node):
    """Every task of a list of tasks, blocks included (the blocks themselves are not tasks)."""
    for task in node or []:
        if any(key in task for key in BLOCK_KEYS):
            for key in BLOCK_KEYS:
                yield from tasks(task.get(key))
        else:
            yield task


def action(task):
    names = [key for key in task if FQCN.match(key)]
    assert len(names) == 1, "task %r: one action in FQCN form expected, found %s" % (task.get("name"), names)
    return names[0]


def module_options(name):
    """The documented options of a module of this collection, its doc fragments' included."""
    module = importlib.import_module("%s.plugins.modules.%s" % (COLLECTION, name))
    doc = yaml.safe_load(module.DOCUMENTATION)
    options = set(doc.get("options") or {})
    for fragment in doc.get("extends_documentation_fragment") or []:
        parts = fragment.split(".")
        assert parts[:2] == ["jupyterhub", "hub"], "%s: fragment %s is not of this collection" % (name, fragment)
        fragment_class = importlib.import_module("%s.plugins.doc_fragments.%s" % (COLLECTION, parts[2])).ModuleDocFragment
        text = getattr(fragment_class, parts[3].upper() if len(parts) > 3 else "DOCUMENTATION")
        options |= set((yaml.safe_load(text) or {}).get("options") or {})
    return options


def role_names(role):
    """The variables a role of this collection takes (its argument spec) and the facts it sets."""
    spec = load(os.path.join(ROOT, "roles", role, "meta", "argument_specs.yml"))
    names = set(spec["argument_specs"]["main"]["options"])
    for task in tasks(load(os.path.join(ROOT, "roles", role, "tasks", "main.yml"))):
        if action(task) == "ansible.builtin.set_fact":
            names |= set(task["ansible.builtin.set_fact"])
    return names


# --- the execution environment ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ee():
    return load(EE_FILE)


def test_ee_is_ansible_builder_version_3(ee):
    assert ee["version"] == 3


def test_ee_installs_this_collection_from_galaxy(ee):
    collections = ee["dependencies"]["galaxy"]["collections"]
    assert galaxy_name() in [entry["name"] if isinstance(entry, dict) else entry for entry in collections]


def test_ee_installs_requests_as_requirements_txt_asks(ee):
    # requests comes with the collection anyway (meta/execution-environment.yml): the same spec, or two would clash
    wanted = requirement(file_lines(os.path.join(ROOT, "requirements.txt")), "requests")
    assert str(requirement(ee["dependencies"]["python"], "requests")) == str(wanted)


def test_collection_declares_requirements_txt_for_introspection():
    # ansible-builder's introspect reads this in the installed collection
    meta_ee = load(os.path.join(ROOT, "meta", "execution-environment.yml"))
    python = meta_ee["dependencies"]["python"]
    assert requirement(file_lines(os.path.join(ROOT, python)), "requests")


@pytest.mark.parametrize("section, package", [("ansible_core", "ansible-core"), ("ansible_runner", "ansible-runner")])
def test_ee_installs_the_tested_versions(ee, section, package):
    spec = Requirement(ee["dependencies"][section]["package_pip"])
    tested = pinned_versions(package)
    assert spec.name == package
    assert any(spec.specifier.contains(version) for version in tested), "%s: %s, tested with %s" % (section, spec, tested)


# --- the credential type ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def credential_type():
    return load(CREDENTIAL_TYPE_FILE)


@pytest.fixture(scope="module")
def fields(credential_type):
    return dict((field["id"], field) for field in credential_type["inputs"]["fields"])


def test_credential_type_is_inputs_and_injectors(credential_type, fields):
    assert set(credential_type) == {"inputs", "injectors"}
    assert set(credential_type["injectors"]) <= {"env", "extra_vars", "file"}
    assert len(fields) == len(credential_type["inputs"]["fields"]), "field ids repeat"
    for field in fields.values():
        assert field.get("type", "string") == "string" and field.get("label"), field
    assert set(credential_type["inputs"]["required"]) <= set(fields)


def test_credential_fields_are_module_options(fields):
    assert set(fields) == set(CREDENTIAL_OPTIONS) & set(fields)
    assert {"api_url", "api_token"} <= set(fields)
    assert set(SIGN_IN_ARGUMENT_SPEC) <= set(fields)


def test_secret_fields_are_the_no_log_options(fields):
    for field_id, field in fields.items():
        assert bool(field.get("secret")) == bool(CREDENTIAL_OPTIONS[field_id].get("no_log")), field_id
        if field.get("secret"):
            assert field["secret"] is True, "%s: secret: true, a boolean" % field_id


def test_env_injectors_are_exactly_the_variables_the_modules_read(credential_type):
    read = env_fallbacks(CREDENTIAL_OPTIONS)
    assert read, "the argument spec has no env fallback: what does the credential inject?"
    env = credential_type["injectors"]["env"]
    assert set(env) == set(read)
    for variable, option in read.items():
        # the variable holds the field of the option that falls back to it
        assert template_variables(env[variable]) == {option}, "%s: %s" % (variable, env[variable])


def test_env_variables_are_the_documented_ones():
    fragment = importlib.import_module("%s.plugins.doc_fragments.connection" % COLLECTION).ModuleDocFragment.DOCUMENTATION
    assert set(re.findall(r"E\((\w+)\)", fragment)) == set(env_fallbacks(CONNECTION_ARGUMENT_SPEC))


def test_every_injector_template_refers_to_a_defined_input(credential_type, fields):
    templates = list(strings(credential_type["injectors"]))
    assert templates
    for key, template in templates:
        used = template_variables(template)
        assert used, "%s: %r injects no input" % (key, template)
        # AWX also knows `tower` (the paths of `file` injectors)
        assert used <= set(fields) | {"tower"}, "%s: %r uses an undefined input" % (key, template)


def test_extra_var_injectors_are_what_the_job_template_reads(credential_type):
    injected = set(credential_type["injectors"].get("extra_vars") or {})
    read = referenced_variables(load(JOB_TEMPLATE_FILE))
    assert injected <= read
    assert set(name for name in read if name.startswith("jupyterhub_auth_")) <= injected


# --- the job template -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plays():
    plays = load(JOB_TEMPLATE_FILE)
    assert isinstance(plays, list) and plays
    return plays


def job_tasks(plays):
    for play in plays:
        assert "import_playbook" not in play
        for key in PLAY_TASK_KEYS:
            yield from tasks(play.get(key))


def test_job_template_uses_only_this_collection_and_ansible_core(plays):
    # what the execution environment has: ansible-core and this collection
    seen = set()
    for task in job_tasks(plays):
        name = action(task)
        namespace, collection, plugin = name.split(".")
        seen.add(name)
        if (namespace, collection) == ("ansible", "builtin"):
            assert importlib.util.find_spec("ansible.modules.%s" % plugin), name
        else:
            assert "%s.%s" % (namespace, collection) == galaxy_name(), "%s: not in the execution environment" % name
            assert os.path.isfile(os.path.join(ROOT, "plugins", "modules", plugin + ".py")), name
            unknown = set(task[name] or {}) - module_options(plugin)
            assert not unknown, "%s: no options %s" % (name, sorted(unknown))
    assert any(name.startswith(galaxy_name() + ".") for name in seen)


def test_job_template_roles_exist_and_their_variables_too(plays):
    roles = []
    for play in plays:
        roles += [role if isinstance(role, str) else role["role"] for role in play.get("roles") or []]
    for task in job_tasks(plays):
        if action(task) in ("ansible.builtin.include_role", "ansible.builtin.import_role"):
            roles.append(task[action(task)]["name"])
    assert roles
    known = set()
    for role in roles:
        namespace, collection, name = role.split(".")
        assert "%s.%s" % (namespace, collection) == galaxy_name(), role
        assert os.path.isfile(os.path.join(ROOT, "roles", name, "tasks", "main.yml")), role
        known |= role_names(name)
    # a role variable or fact the playbook reads must exist: `| default(...)` would hide a renamed one
    prefixes = tuple(set(role.split(".")[2] + "_" for role in roles))
    read = set(name for name in referenced_variables(plays) if name.startswith(prefixes))
    assert read <= known, "not variables of the role: %s" % sorted(read - known)


def test_job_template_keeps_secrets_out_of_the_output(plays):
    for task in job_tasks(plays):
        name = action(task)
        if name == "jupyterhub.hub.jupyterhub_token" or name in ("ansible.builtin.copy", "ansible.builtin.set_fact"):
            assert task.get("no_log") is True, "task %r holds a secret: no_log: true" % task.get("name")
        assert name != "ansible.builtin.set_stats", "set_stats data are job artifacts, readable by whoever reads the job"


# --- docs/awx.md ------------------------------------------------------------------------------------------------


def significant_lines(path):
    lines = [line.strip() for line in file_lines(path)]
    return [line for line in lines if len(line) > 12 and not line.startswith("#")]


@pytest.mark.parametrize("example", [EE_FILE, CREDENTIAL_TYPE_FILE, JOB_TEMPLATE_FILE, DRIFT_JOB_FILE], ids=os.path.basename)
def test_awx_doc_points_to_the_example_and_copies_none_of_it(example):
    with open(AWX_DOC) as handle:
        doc = handle.read()
    name = "examples/" + os.path.basename(example)
    assert name in doc, "docs/awx.md does not point to %s" % name
    doc_lines = [line.strip() for line in doc.splitlines()]
    lines = significant_lines(example)
    for index in range(len(lines) - 2):
        run = lines[index:index + 3]
        for start in range(len(doc_lines) - 2):
            assert doc_lines[start:start + 3] != run, "docs/awx.md copies %s: %s" % (name, run)
