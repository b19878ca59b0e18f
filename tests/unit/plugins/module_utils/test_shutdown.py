# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/shutdown.py, the planning of jupyterhub_shutdown: the call, its flags and what the diff says (the module
through main() in test_jupyterhub_shutdown.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.shutdown import may_shut_down, plan_shutdown
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls


def test_shutdown_leaves_unset_flags_to_the_hub():
    plan, after = plan_shutdown()
    assert calls(plan) == [("POST", "/shutdown", {})]
    assert after == {"hub": "shut down", "proxy": "as the hub is configured", "servers": "as the hub is configured"}


def test_shutdown_flags():
    plan, after = plan_shutdown(proxy=False, servers=True)
    assert calls(plan) == [("POST", "/shutdown", {"proxy": False, "servers": True})]
    assert after == {"hub": "shut down", "proxy": "left running", "servers": "stopped"}


def test_may_shut_down():
    assert may_shut_down(["admin:users", "shutdown"])
    assert not may_shut_down(["admin:users"])
    assert may_shut_down(None)  # a hub before 2.0 does not list scopes
