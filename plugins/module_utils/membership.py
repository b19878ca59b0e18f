# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Group membership calls, shared by jupyterhub_user (groups) and jupyterhub_group (members)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call


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


def users_groups_calls(names, after, groups, append):
    """One add call and one remove call at most per group touched, covering every user of ``names``.

    ``after``: {name: user model}, whose ``groups`` are set to what they become.
    """
    wanted = list(dict.fromkeys(groups))
    additions = {}
    removals = {}
    for name in names:
        model = after[name]
        have = list(model.get("groups") or [])
        for group in wanted:
            if group not in have:
                additions.setdefault(group, []).append(name)
        if not append:
            for group in have:
                if group not in wanted:
                    removals.setdefault(group, []).append(name)
        model["groups"] = sorted(set(have + wanted) if append else set(wanted))
    calls = []
    for group in sorted(set(additions) | set(removals)):
        calls.extend(membership_calls(group, add=additions.get(group), remove=removals.get(group)))
    return calls
