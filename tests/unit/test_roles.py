# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every role of the collection keeps: its defaults are the defaults of its argument spec, both ways."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

import pytest
import yaml

ROLES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "roles")


def load(role, *path):
    with open(os.path.join(ROLES, role, *path)) as handle:
        return yaml.safe_load(handle)


def test_there_are_roles():
    assert {"onboard", "usage_report", "revoke_stale_tokens"} <= set(os.listdir(ROLES))


@pytest.mark.parametrize("role", sorted(os.listdir(ROLES)))
def test_defaults_match_the_argument_spec(role):
    defaults = load(role, "defaults", "main.yml") or {}
    options = load(role, "meta", "argument_specs.yml")["argument_specs"]["main"]["options"]
    for name, value in defaults.items():
        assert name in options, "%s: default %s is not in the argument spec" % (role, name)
        assert options[name].get("default") == value, "%s: %s defaults to %r, its argument spec says %r" % (
            role, name, value, options[name].get("default"))
    for name, option in options.items():
        if "default" in option:
            assert name in defaults and defaults[name] == option["default"], "%s: %s has no default %r in defaults/main.yml" % (
                role, name, option["default"])
