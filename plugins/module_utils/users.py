# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users: the plans that create, change, rename and delete them (their servers first), one user or many,
and what the diff shows of them. Pure: no I/O, nothing of Ansible.

jupyterhub_user plans a list of users, jupyterhub_roster a whole roster, with
the same planner. A user's groups are set with the calls of groups.py; the rule
a user name must keep is in names.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import membership_calls
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import REMOVED, ServerCall, server_model, server_status
from ansible_collections.jupyterhub.hub.plugins.module_utils.times import UTC, older_than

# Bulk creation takes about 16 ms a user on a small hub: give big rosters the time they need.
SECONDS_PER_CREATED_USER = 0.05


def create_users_call(names, admin=None):
    """One POST /users for any number of new users; the hub skips those that exist (409 only if all do)."""
    body = {"usernames": list(names)}
    if admin:
        body["admin"] = True
    timeout = None if len(body["usernames"]) < 200 else 30 + len(body["usernames"]) * SECONDS_PER_CREATED_USER
    return Call("POST", "/users", body, done_statuses=(409,), timeout=timeout)


def plan_users(names, current, state, admin=None, groups=None, append=False, rename_from=None):
    """The calls that make ``current`` ({name: model or None}) match the options, and the predicted models.

    ``rename_from``: the existing user (model) to rename to ``names[0]`` first.
    With state=absent, ``current`` has the users' servers (stopped ones included).
    Pure: no I/O, so it is unit-tested directly.
    """
    if state == "absent":
        return user_removal_plan(names, current), {}

    plan = []
    after = {}
    missing = [name for name in names if current.get(name) is None and not (rename_from and name == names[0])]
    if rename_from is not None:
        body = {"name": names[0]}
        if admin is not None and rename_from.get("admin") != admin:
            body["admin"] = admin
        plan.append(Call("PATCH", quote_path("users", rename_from["name"]), body))
        after[names[0]] = dict(rename_from, name=names[0], admin=body.get("admin", rename_from.get("admin")))
    if missing:
        plan.append(create_users_call(missing, admin=admin))
        for name in missing:
            after[name] = {"name": name, "admin": bool(admin), "groups": []}
    for name in names:
        if name in after:
            continue
        model = dict(current[name])
        if admin is not None and model.get("admin") != admin:
            plan.append(Call("PATCH", quote_path("users", name), {"admin": admin}))
            model["admin"] = admin
        after[name] = model

    if groups is not None:
        plan.extend(users_groups_calls(names, after, groups, append))
    return plan, after


def summarize_users(models, removed=False):
    """What the diff shows of each user: admin flag and groups; of users to remove (``removed``), their last
    activity and servers too, for a review before the real run."""
    summary = {}
    for name, model in models.items():
        if model is None:
            continue
        summary[name] = {"admin": model.get("admin"), "groups": sorted(model.get("groups") or [])}
        if removed:
            summary[name].update(last_activity=model.get("last_activity"), servers=sorted((model.get("servers") or {}).keys()))
    return summary


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


class UserDeletion(Call):
    """DELETE /users/{user}, sent once the user's servers are gone. A user already gone is done."""

    def __init__(self, user):
        super(UserDeletion, self).__init__("DELETE", quote_path("users", user), done_statuses=(404,))
        self.user = user

    @property
    def key(self):
        return (self.user, None)


def user_removal_plan(names, current):
    """The calls that delete the users of ``names`` that exist, their servers first.

    ``current``: {name: user model (stopped servers included) or None}. The hub's
    DELETE /users/{name} stops only the default server, and fails (500) while a
    named one runs, so every named server is stopped and deleted and an active
    default server stopped; the user deletions come after all of them.
    """
    servers, users = [], []
    for name in names:
        model = current.get(name)
        if model is None:
            continue
        for server in sorted(model.get("servers") or {}):
            if server:
                servers.append(ServerCall("DELETE", name, server, body={"remove": True}, goal=REMOVED))
        if server_status(server_model(current, (name, ""))) not in ("stopped", "absent"):
            servers.append(ServerCall("DELETE", name, ""))
        users.append(UserDeletion(name))
    return servers + users


def idle_users(users, seconds, now=None):
    """The users of ``users`` (models) idle for more than ``seconds``: since their last activity, or their creation if
    never active. Raises a JupyterHubError naming the users whose activity the token cannot read."""
    blind = [user["name"] for user in users if "last_activity" not in user or "created" not in user]
    if blind:
        raise JupyterHubError("the token cannot read when %s were last active (scope read:users:activity)" % name_list(blind))
    now = now or datetime.datetime.now(UTC)
    return [user for user in users if older_than(user["last_activity"] or user["created"], seconds, now)]
