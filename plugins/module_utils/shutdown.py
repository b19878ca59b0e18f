# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shutting the hub down: who may, and the one call. Pure: nothing of Ansible, no I/O. Used by jupyterhub_shutdown.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call


def plan_shutdown(proxy=None, servers=None):
    """The shutdown call, and what the diff shows after it. Unset flags are left to the hub's settings."""
    body = {}
    after = {"hub": "shut down"}
    for flag, value, stopped in (("proxy", proxy, "stopped"), ("servers", servers, "stopped")):
        if value is not None:
            body[flag] = value
        after[flag] = "as the hub is configured" if value is None else stopped if value else "left running"
    return [Call("POST", "/shutdown", body)], after


def may_shut_down(scopes):
    """Whether the token's scopes allow it; hubs before 2.0 do not list scopes, so they are given the benefit."""
    return scopes is None or "shutdown" in scopes
