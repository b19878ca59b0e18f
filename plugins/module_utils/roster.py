# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A roster as one plan: users, groups and their members, and what the roster no longer names.

Pure: no I/O, nothing of Ansible. It reuses the planners of each resource
(users.py, groups.py, servers.py), so jupyterhub_roster plans exactly what
jupyterhub_user and jupyterhub_group would, with fewer calls and one read.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import plan_group
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import duplicates, name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import user_removal_plan
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import plan_users


class RosterError(JupyterHubError):
    """The roster itself is wrong (a duplicate, a typo): found before any change, in check mode too."""


def wanted_groups(users, groups):
    """{group: {"members": [...], "append": bool, "properties": dict or None}}: the groups entries, plus the
    groups that users name in their ``groups`` (those get the users as members, added to the others)."""
    wanted = {}
    for entry in groups:
        wanted[entry["name"]] = dict(members=list(entry.get("members") or []), append=entry.get("append", True), properties=entry.get("properties"))
    for user in users:
        for group in user.get("groups") or []:
            members = wanted.setdefault(group, dict(members=[], append=True, properties=None))["members"]
            if user["name"] not in members:
                members.append(user["name"])
    return wanted


def check_roster(users, groups, expected_users, hub_users):
    """Raise RosterError for duplicates, and for names that are neither on the roster nor on the hub.

    ``hub_users``: {name: model or None} of every name the roster refers to.
    """
    for kind, names in (("users", [user["name"] for user in users]), ("groups", [group["name"] for group in groups])):
        # before the hub's answers matter: a roster with a duplicate is wrong whatever the hub has
        repeated = duplicates(names)
        if repeated:
            raise RosterError("the roster names %s more than once in %s: %s. Nothing was changed." % (
                "this" if len(repeated) == 1 else "these", kind, name_list(repeated)))
    rostered = set(user["name"] for user in users)
    for what, names in (("groups[].members", [m for group in groups for m in group.get("members") or []]), ("expected_users", expected_users)):
        unknown = [name for name in dict.fromkeys(names) if name not in rostered and hub_users.get(name) is None]
        if unknown:
            raise RosterError("%s has users that are neither on the roster nor on the hub: %s. Nothing was changed."
                              % (what, name_list(unknown)), hub_message=None)


def users_to_remove(hub_users, named, protected, remove_admins=False):
    """The hub's users the roster does not name, but the protected ones (the token's owner) and, unless asked, admins."""
    return sorted(
        name for name, model in hub_users.items()
        if model is not None and name not in named and name not in protected and (remove_admins or not model.get("admin"))
    )


def plan_roster(users, groups, hub_users, hub_groups, remove_users=(), remove_groups=()):
    """The calls that make the hub match the roster, and the predicted users and groups.

    ``hub_users`` / ``hub_groups``: {name: model or None}, every name the roster
    refers to (all of them when absent entries are removed). Returns (plan,
    removal_plan, after_users, after_groups): removal_plan (the servers, then the
    users of ``remove_users``) goes last, through a runner that waits for servers.
    """
    plan, after_users = [], {}
    # the planner of jupyterhub_user, once per admin setting: one bulk creation each at most. A new user whose
    # flag is unset is created as a non-admin, so it goes with those; an existing one keeps its flag.

    def setting(user):
        unset_and_new = user.get("admin") is None and hub_users.get(user["name"]) is None
        return False if unset_and_new else user.get("admin")

    for admin in (True, False, None):
        names = [user["name"] for user in users if setting(user) is admin]
        if names:
            calls, after = plan_users(names, hub_users, "present", admin=admin)
            plan.extend(calls)
            after_users.update(after)
    after_users = dict((user["name"], dict(after_users[user["name"]])) for user in users)

    after_groups = {}
    for name, entry in wanted_groups(users, groups).items():
        calls, after_groups[name] = plan_group(name, hub_groups.get(name), "present", members=entry["members"],
                                               append=entry["append"], properties=entry["properties"])
        plan.extend(calls)
    for name in remove_groups:
        plan.extend(plan_group(name, hub_groups.get(name), "absent")[0])
    for group in after_groups.values():
        # the removed users leave their groups with them
        group["users"] = [member for member in group.get("users") or [] if member not in remove_users]

    members_of = {}
    for name, group in after_groups.items():
        for member in group.get("users") or []:
            members_of.setdefault(member, []).append(name)
    for name, model in after_users.items():
        kept = [group for group in model.get("groups") or [] if group not in after_groups and group not in remove_groups]
        model["groups"] = sorted(set(kept + members_of.get(name, [])))
    return plan, user_removal_plan(list(remove_users), hub_users), after_users, after_groups
