# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Groups: the plans that create, fill and remove them, one group or many, and their membership calls.
Pure: no I/O, nothing of Ansible.

jupyterhub_group plans one group, jupyterhub_roster many, with the same planner;
users.py sets a user's groups with the same membership calls.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call


def plan_group(name, current, state, members=None, append=False, properties=None):
    """The calls that turn ``current`` (the group's model, or None) into what the options ask, and the predicted group.

    Pure: no I/O, so it is unit-tested directly.
    """
    path = quote_path("groups", name)
    if state == "absent":
        plan = [Call("DELETE", path, done_statuses=(404,))] if current is not None else []
        return plan, None

    plan = []
    after = dict(current) if current is not None else {"kind": "group", "name": name, "users": [], "properties": {}, "roles": []}
    if current is None:
        # Created empty, members added next: if a parallel run created it first (409), the next call still adds them.
        plan.append(Call("POST", path, done_statuses=(409,)))

    if members is not None:
        have = list(after.get("users") or [])
        wanted = list(dict.fromkeys(members))
        add = [user for user in wanted if user not in have]
        remove = [] if append else [user for user in have if user not in wanted]
        plan.extend(membership_calls(name, add=add, remove=remove))
        after["users"] = have + add if append else wanted

    if properties is not None and properties != (after.get("properties") or {}):
        plan.append(Call("PUT", path + "/properties", properties))
        after["properties"] = properties
    return plan, after


def summarize_group(group):
    """What the diff shows of a group."""
    if group is None:
        return {}
    return {"name": group["name"], "users": sorted(group.get("users") or []), "properties": group.get("properties") or {}}


def members_of(groups, names):
    """The users of the groups ``names``, each once, in the order of the groups and of their members.

    ``groups``: {name: group model or None}, as read. Raises ValueError naming the
    groups whose members the token cannot see (no read:groups: the model has no ``users``).
    """
    blind = [name for name in names if groups.get(name) is not None and "users" not in groups[name]]
    if blind:
        raise ValueError(", ".join(blind))
    members = []
    for name in names:
        members.extend((groups.get(name) or {}).get("users") or [])
    return list(dict.fromkeys(members))


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
