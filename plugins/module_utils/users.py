# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Users: the one rule every module (and the roster filter) checks user names by, and the plans for users.

JupyterHub's authenticators store a name normalized (lower case by default),
and the hub lower-cases names when it changes group membership, but not when a
user is read by name: "Ada" would be created as "ada" and then never found
again, and a membership of "Ada" would flip on every run. A name with white
space around it passes a check-mode run and fails only at the real call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.membership import users_groups_calls
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import user_removal_plan

# Bulk creation takes about 16 ms a user on a small hub: give big rosters the time they need.
SECONDS_PER_CREATED_USER = 0.05
# A user model with its stopped servers too (a named server exists while it is stopped).
WITH_STOPPED_SERVERS = {"include_stopped_servers": "true"}


class InvalidUserName(JupyterHubError):
    """A user name the hub would refuse or store under another name; raised before any call."""


def user_name_problem(name):
    """Why the hub would not store ``name`` as it is given (a sentence), or None when it would."""
    if not isinstance(name, str) or not name.strip():
        return "is empty"
    if name != name.strip():
        return "has white space before or after it: use %r" % name.strip()
    if name != name.lower():
        return "has upper-case letters: JupyterHub stores names in lower case, so use %r" % name.lower()
    return None


def check_user_names(names, option="name"):
    """Raise InvalidUserName for the first name of ``names`` (a name or a list) that breaks the rule."""
    if names is None:
        return
    for name in [names] if isinstance(names, str) else names:
        problem = user_name_problem(name)
        if problem:
            raise InvalidUserName("%s: user name %r %s" % (option, name, problem))


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


def summarize(models, removed=False):
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
