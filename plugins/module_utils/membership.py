# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Group membership calls, shared by jupyterhub_user (groups) and jupyterhub_group (members)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import Call


def membership_calls(group, add=None, remove=None):
    """At most one call adding and one removing users of ``group``, whatever their number.

    Both endpoints are idempotent on the hub, so a parallel run doing the same is harmless.
    """
    path = quote_path("groups", group, "users")
    calls = []
    if add:
        calls.append(Call("POST", path, {"users": list(add)}))
    if remove:
        calls.append(Call("DELETE", path, {"users": list(remove)}))
    return calls
