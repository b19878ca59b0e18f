# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One unit test file for each plugin file, named for what it tests, as a test.

Each plugins/<kind>/<name>.py of a kind below has tests/unit/plugins/<kind>/test_<name>.py, which
imports it. A second file of the same plugin file is test_<name>_<aspect>.py (test_client_events.py);
every test file there is named for a plugin file that exists.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PLUGINS = os.path.join(ROOT, "plugins")
UNIT_PLUGINS = os.path.join(ROOT, "tests", "unit", "plugins")
# The kinds of plugin whose files hold code to test (doc_fragments hold documentation only).
KINDS = ("modules", "module_utils", "filter")
PACKAGE = "ansible_collections.jupyterhub.hub.plugins"


def python_files(folder, prefix=""):
    if not os.path.isdir(folder):
        return []
    return sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and name != "__init__.py" and name.startswith(prefix))


def plugin_files():
    return [(kind, name) for kind in KINDS for name in python_files(os.path.join(PLUGINS, kind))]


def unit_test_name(name):
    return "test_%s" % name


def file_tested_by(test_name, names):
    """The plugin file of ``names`` a test file (without .py) is named for: test_<name> or test_<name>_<aspect>, the longest."""
    named = [name for name in names if test_name == unit_test_name(name) or test_name.startswith(unit_test_name(name) + "_")]
    return max(named, key=len) if named else None


def test_there_are_plugin_files():
    kinds = set(kind for kind, name in plugin_files())
    assert kinds == set(KINDS) and len(plugin_files()) >= 30


@pytest.mark.parametrize("kind, name", plugin_files(), ids=["%s/%s" % pair for pair in plugin_files()])
def test_each_plugin_file_has_a_unit_test_file_named_for_it_that_imports_it(kind, name):
    path = os.path.join(UNIT_PLUGINS, kind, unit_test_name(name) + ".py")
    assert os.path.exists(path), "plugins/%s/%s.py has no unit test file: write tests/unit/plugins/%s/%s.py" % (kind, name, kind, unit_test_name(name))
    with open(path) as handle:
        source = handle.read()
    assert "%s.%s.%s" % (PACKAGE, kind, name) in source or "%s.%s import %s" % (PACKAGE, kind, name) in source, (
        "%s does not import plugins/%s/%s.py, which it is named for" % (os.path.relpath(path, ROOT), kind, name))


@pytest.mark.parametrize("kind", KINDS)
def test_each_unit_test_file_is_named_for_a_plugin_file(kind):
    names = python_files(os.path.join(PLUGINS, kind))
    unnamed = [test for test in python_files(os.path.join(UNIT_PLUGINS, kind), "test_") if file_tested_by(test, names) is None]
    assert not unnamed, "tests/unit/plugins/%s: %s test no file of plugins/%s: name each test_<file>.py or test_<file>_<aspect>.py" % (
        kind, ", ".join(name + ".py" for name in unnamed), kind)


def test_the_guard_sees_what_it_guards():
    names = ["client", "servers", "server_runner", "jupyterhub_share", "jupyterhub_share_code"]
    assert file_tested_by("test_client", names) == "client"
    assert file_tested_by("test_client_events", names) == "client"
    assert file_tested_by("test_server_runner", names) == "server_runner"
    assert file_tested_by("test_jupyterhub_share_code", names) == "jupyterhub_share_code"  # the longest name wins
    assert file_tested_by("test_server", names) is None  # not a prefix of letters: servers is not server
    assert file_tested_by("test_planners", names) is None
    assert unit_test_name("errors") == "test_errors"
    assert python_files(os.path.join(PLUGINS, "no_such_kind")) == []
