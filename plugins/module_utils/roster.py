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

import json

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import RosterError
from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import membership_calls, plan_group
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import duplicates, name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import ServerCall, require_readable_servers, server_status
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import READ_SCOPE_HINT, read_tokens
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import plan_users, user_removal_plan

# Names a plan summary lists of each kind of change; the counts are always whole.
SUMMARY_NAMES = 10


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


def merge_into_hub(users, groups, hub_users, hub_groups, on_conflict="fail"):
    """The roster as a merge into a hub that already has users (a migration): (users, groups, conflicts).

    Nothing the hub has is removed or demoted: ``admin: false`` leaves an admin an admin, every group only gains
    members (``append``), and a group's properties are merged key by key into the hub's. A key both sides hold with
    other values is a conflict: {group, property, hub, roster, kept}. ``on_conflict`` says which side wins:
    ``keep_hub``, ``use_roster``, or ``fail`` (the hub's value is planned, and the caller fails a real run).
    ``hub_users`` / ``hub_groups``: {name: model or None}, as read.
    """
    merged_users = []
    for user in users:
        entry = dict(user)
        if entry.get("admin") is False and (hub_users.get(user["name"]) or {}).get("admin"):
            entry["admin"] = None
        merged_users.append(entry)
    kept = "roster" if on_conflict == "use_roster" else "hub"
    merged_groups, conflicts = [], []
    for group in groups:
        entry = dict(group, append=True)
        have = (hub_groups.get(group["name"]) or {}).get("properties") or {}
        if group.get("properties") is not None and have:
            properties = dict(have)
            for key, value in sorted(group["properties"].items()):
                if key in have and have[key] != value:
                    conflicts.append(dict(group=group["name"], property=key, hub=have[key], roster=value, kept=kept))
                    value = value if kept == "roster" else have[key]
                properties[key] = value
            entry["properties"] = properties
        merged_groups.append(entry)
    return merged_users, merged_groups, conflicts


def conflicts_message(conflicts, outcome="Nothing was changed."):
    """What a merge's conflicts are, and how to settle them; ``outcome``: what became of the run."""
    listed = ["%s.%s (hub: %s, roster: %s)" % (c["group"], c["property"], _short(c["hub"]), _short(c["roster"])) for c in conflicts]
    return ("the merge has %d conflict%s, group properties the hub and the roster hold with other values: %s. %s Say which "
            "side wins with on_conflict (the onboard role: onboard_on_conflict) keep_hub or use_roster."
            % (len(conflicts), "" if len(conflicts) == 1 else "s", name_list(listed, SUMMARY_NAMES), outcome))


def conflicts_error(conflicts):
    """The RosterError of a merge's real run whose conflicts the play did not settle (on_conflict: fail)."""
    err = RosterError(conflicts_message(conflicts))
    err.result = {"conflicts": conflicts}
    return err


def _short(value, width=40):
    text = json.dumps(value, sort_keys=True, ensure_ascii=False)
    return text if len(text) <= width else text[:width - 3] + "..."


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


class TokenRevocation(Call):
    """DELETE /users/{user}/tokens/{id} of a suspended user, sent once the user's servers have stopped."""

    def __init__(self, user, token_id):
        super(TokenRevocation, self).__init__("DELETE", quote_path("users", user, "tokens", token_id), done_statuses=(404,))
        self.user = user
        self.key = (user, None)


def plan_suspensions(names, hub_users, tokens_of):
    """The calls that suspend the users of ``names``: every running server stopped (named ones too), then every token
    revoked. The account and its servers stay, and with them the storage.

    ``hub_users``: {name: model, stopped servers included}; ``tokens_of``: {name: the user's tokens}.
    Returns {name: [calls]} for the users that need any: a user already suspended needs none.
    Leaving the groups and the admin flag are the roster plan's (plan_roster's ``suspend_users``).
    """
    calls_of = {}
    for name in names:
        model = hub_users.get(name) or {}
        calls = [ServerCall("DELETE", name, server) for server, server_model in sorted((model.get("servers") or {}).items())
                 if server_status(server_model) in ("started", "starting")]
        calls.extend(TokenRevocation(name, token["id"]) for token in tokens_of.get(name) or [])
        if calls:
            calls_of[name] = calls
    return calls_of


def users_to_suspend(names, hub_users, hub_groups, managed_groups, calls_of, remove_admins):
    """The users of ``names`` whose suspension changes anything: a server to stop or a token to revoke (``calls_of``,
    from plan_suspensions), a group of the roster (``managed_groups``) to leave, or, with ``remove_admins``, the admin
    flag. A user suspended by an earlier run is not among them, so that remove_max counts only new suspensions."""
    def member(name):
        return any(name in ((hub_groups.get(group) or {}).get("users") or []) for group in managed_groups)
    return [name for name in names
            if name in calls_of or member(name) or (remove_admins and (hub_users.get(name) or {}).get("admin"))]


def suspension_calls(names, hub_users, after_groups, remove_admins):
    """The calls by which the users of ``names`` leave the roster's groups (``after_groups``: {name: group as planned})
    and, with ``remove_admins``, lose their admin flag: one membership call per group, one PATCH per admin."""
    calls = []
    for group, model in sorted(after_groups.items()):
        leaving = [name for name in names if name in (model.get("users") or [])]
        calls.extend(membership_calls(group, remove=leaving))
    for name in names:
        if remove_admins and (hub_users.get(name) or {}).get("admin"):
            # a user a parallel run deleted meanwhile has nothing left to lose
            calls.append(Call("PATCH", quote_path("users", name), {"admin": False}, done_statuses=(404,)))
    return calls


def summarize_suspensions(names, hub_users, tokens_of, after_groups, remove_admins):
    """(before, after) of the diff's ``suspended``: each user's admin flag, groups, running servers and token count."""
    before, after = {}, {}
    for name in names:
        model = hub_users.get(name) or {}
        running = sorted(server for server, server_model in (model.get("servers") or {}).items()
                         if server_status(server_model) in ("started", "starting"))
        groups = sorted(model.get("groups") or [])
        before[name] = dict(admin=bool(model.get("admin")), groups=groups, running_servers=running, tokens=len(tokens_of.get(name) or []))
        after[name] = dict(admin=bool(model.get("admin")) and not remove_admins, groups=[group for group in groups if group not in after_groups],
                           running_servers=[], tokens=0)
    return before, after


def plan_roster(users, groups, hub_users, hub_groups, remove_users=(), remove_groups=(), suspend_users=(), remove_admins=False):
    """The calls that make the hub match the roster, and the predicted users and groups.

    ``hub_users`` / ``hub_groups``: {name: model or None}, every name the roster
    refers to (all of them when absent entries are removed or suspended). Returns (plan,
    removal_plan, after_users, after_groups): removal_plan (the servers, then the
    users of ``remove_users``) goes last, through a runner that waits for servers.
    The users of ``suspend_users`` leave every group of the roster, and with
    ``remove_admins`` lose their admin flag (their servers and tokens: plan_suspensions).
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
    plan.extend(suspension_calls(suspend_users, hub_users, after_groups, remove_admins))
    for name in remove_groups:
        plan.extend(plan_group(name, hub_groups.get(name), "absent")[0])
    for group in after_groups.values():
        # the removed users leave their groups with them, and the suspended ones leave the roster's groups
        group["users"] = [member for member in group.get("users") or [] if member not in remove_users and member not in suspend_users]

    members_of = {}
    for name, group in after_groups.items():
        for member in group.get("users") or []:
            members_of.setdefault(member, []).append(name)
    for name, model in after_users.items():
        kept = [group for group in model.get("groups") or [] if group not in after_groups and group not in remove_groups]
        model["groups"] = sorted(set(kept + members_of.get(name, [])))
    return plan, user_removal_plan(list(remove_users), hub_users), after_users, after_groups


def plan_absent_users(client, mode, hub_users, hub_groups, named, wanted, remove_admins, limit):
    """What becomes of the users the roster does not name: (to remove, to suspend, {user: suspension calls}, {user: tokens}).

    ``mode``: handle_absent_users (ignore, remove or suspend). The task's own user is
    never chosen; a suspension reads the tokens it revokes. Raises a JupyterHubError,
    before any change, if the token cannot see the servers that must stop first, and
    a RosterError if more than ``limit`` users would go (a truncated roster file?).
    """
    if mode == "ignore":
        return [], [], {}, {}
    me = client.whoami()
    absent = users_to_remove(hub_users, named, [me["name"]] if me.get("kind") == "user" else [], remove_admins)
    require_readable_servers(hub_users, absent, "which go first" if mode == "remove" else "which are stopped")
    if mode == "remove":
        check_limit(absent, limit, "remove", "removed_users")
        return absent, [], {}, {}
    tokens_of, calls_of, suspend = {}, {}, []
    if absent:
        tokens_of = read_tokens(client, absent, hint="suspending users revokes their tokens: " + READ_SCOPE_HINT)[0]
        calls_of = plan_suspensions(absent, hub_users, tokens_of)
        suspend = users_to_suspend(absent, hub_users, hub_groups, wanted, calls_of, remove_admins)
    check_limit(suspend, limit, "suspend", "suspended_users")
    return [], suspend, calls_of, tokens_of


def check_limit(names, limit, verb, result_key):
    """Raise a RosterError, before any change, if the roster would ``verb`` more than ``limit`` users (remove_max)."""
    if len(names) > limit:
        err = RosterError("the roster would %s %d users, more than remove_max=%d: %s. Nothing was changed. Check the roster "
                          "(a truncated file?), or raise remove_max." % (verb, len(names), limit, name_list(names)))
        err.result = {result_key: names}
        raise err


def plan_summary(before, after, suspended=(), limit=SUMMARY_NAMES, conflicts=None):
    """What the plan does, for a person to read at a glance (as ``terraform plan`` says it): how many users and groups
    it adds, changes and removes (and suspends), with their names up to ``limit``, and that as one line of text.

    ``before`` and ``after``: the diff's {"users": {name: summary}, "groups": {name: summary}}; a name only before (or
    with an empty summary after) is removed, only after is added. No secret is in a summary: names and counts only.
    """
    summary = {}
    parts = []
    for kind in ("users", "groups"):
        # an empty summary is an object that does not exist (the diff shows a group to create as {})
        old = dict((name, value) for name, value in (before.get(kind) or {}).items() if value)
        new = dict((name, value) for name, value in (after.get(kind) or {}).items() if value)
        changes = {
            "add": sorted(name for name in new if name not in old),
            "change": sorted(name for name in new if name in old and new[name] != old[name]),
            "remove": sorted(name for name in old if name not in new),
        }
        if kind == "users":
            changes["suspend"] = sorted(suspended)
        summary[kind] = dict((verb, dict(count=len(names), names=names[:limit])) for verb, names in changes.items())
        counts = ", ".join("%d to %s" % (len(names), verb) for verb, names in changes.items() if names or verb != "suspend")
        named = "; ".join("%s: %s" % (verb, name_list(names, limit)) for verb, names in changes.items() if names)
        parts.append("%s: %s%s" % (kind, counts, " (%s)" % named if named else ""))
    if conflicts is not None:
        # a merge's: group.property, and which side the plan keeps
        names = ["%s.%s" % (c["group"], c["property"]) for c in conflicts]
        summary["conflicts"] = dict(count=len(names), names=names[:limit])
        if names:
            parts.append("conflicts: %d (%s)" % (len(names), name_list(names, limit)))
    summary["text"] = "; ".join(parts)
    return summary


def check_merge_options(params):
    """Raise a RosterError for a merge that would remove what the roster does not name (JupyterHubModule's
    ``option_checks``): a merge never removes, so it takes handle_absent_users and handle_absent_groups ignore."""
    if params.get("merge"):
        removing = [option for option in ("handle_absent_users", "handle_absent_groups") if params.get(option) != "ignore"]
        if removing:
            raise RosterError("merge: true never removes nor suspends what the hub has, so %s must be ignore (the onboard role: "
                              "onboard_merge with onboard_prune_users and onboard_prune_groups false)" % " and ".join(removing))
