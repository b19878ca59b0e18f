# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Doc fragments against the code they describe: the user name rule (doc fragment jupyterhub.hub.user_names) is
documented by exactly the modules that check user names, and written in that fragment only."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import glob
import os
import re

import pytest
import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULES = sorted(glob.glob(os.path.join(ROOT, "plugins", "modules", "*.py")))
# A module checks user names when it names options for JupyterHubModule's check, or calls the check itself.
CHECKS_NAMES = re.compile(r"user_name_options=\(\s*\"|check_user_names\(")


def _source(path):
    with open(path) as handle:
        return handle.read()


def _documentation(source):
    """The DOCUMENTATION string of a module's source, as written."""
    start = source.index('DOCUMENTATION = r"""') + len('DOCUMENTATION = r"""')
    return source[start:source.index('"""', start)]


def _checks_names(source):
    return bool(CHECKS_NAMES.search(source.replace(_documentation(source), "")))


def test_the_modules_that_check_user_names_are_found():
    # a renamed check would leave the test below with nothing to compare
    assert len([path for path in MODULES if _checks_names(_source(path))]) >= 11


@pytest.mark.parametrize("path", MODULES, ids=os.path.basename)
def test_a_module_that_checks_user_names_documents_the_rule_with_the_fragment(path):
    source = _source(path)
    doc = yaml.safe_load(_documentation(source))
    fragments = doc.get("extends_documentation_fragment") or []
    assert ("jupyterhub.hub.user_names" in fragments) == _checks_names(source)


@pytest.mark.parametrize("path", MODULES, ids=os.path.basename)
def test_no_module_repeats_the_rule_of_the_fragment(path):
    assert "are checked before any call" not in _documentation(_source(path))
