#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_roster
short_description: Make a JupyterHub's users and groups match a whole roster, in one plan
version_added: 1.0.0
description:
  - Reconciles a declarative roster with the hub in one module run, whatever its size. Users, their admin flag,
    groups, their members and their properties are read with as few calls as the hub's size allows, planned
    together, and changed with one call per needed change. The role C(jupyterhub.hub.onboard) is built on it.
  - The plan is the same as that of M(jupyterhub.hub.jupyterhub_user) and M(jupyterhub.hub.jupyterhub_group) for
    each entry, which share its planning code. New users are created in one bulk call (two when some are admins).
  - What the roster does not name is left alone, unless O(handle_absent_users=remove) or
    O(handle_absent_groups=remove), as with C(handle_absent_entries) of M(community.routeros.api_modify), or
    O(handle_absent_users=suspend), which keeps the accounts and their storage.
  - The roster is checked as a whole before any change, in check mode too. A user named twice, or a group member or
    expected user that is neither on the roster nor on the hub, fails naming the names.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
  - jupyterhub.hub.storage
  - jupyterhub.hub.user_names
options:
  users:
    description:
      - The users of the roster. Each one is created if it does not exist.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description:
          - The user name, in the form the hub stores it (lower case, no white space around it).
        type: str
        required: true
      admin:
        description: Whether the user is a hub admin. Unset leaves the flag of an existing user as it is.
        type: bool
      groups:
        description:
          - Groups the user is a member of. They are created if needed, and the user is added to them.
          - Whether the user is removed from a group it no longer names is the group's O(groups[].append).
        type: list
        elements: str
  groups:
    description:
      - Groups with members besides the users naming them, or with properties. A group named only in
        O(users[].groups) needs no entry here.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: The group name.
        type: str
        required: true
      members:
        description: Members besides the users that name this group. Each must be on the roster or on the hub.
        type: list
        elements: str
        default: []
      append:
        description:
          - V(true) only adds members. V(false) makes the membership exactly O(groups[].members) plus the users naming
            the group.
        type: bool
        default: true
      properties:
        description: The group's properties, replaced as a whole. Unset leaves them as they are.
        type: dict
  expected_users:
    description:
      - Users that later tasks need, for example the owners of tokens. Each must be on the roster or on the hub, so
        that a typo fails before any change, in check mode too. They are never removed.
    type: list
    elements: str
    default: []
  handle_absent_users:
    description:
      - V(ignore) leaves the hub's users that the roster does not name.
      - V(remove) removes them, their servers first, within O(remove_max). The users the roster names are those of
        O(users), O(groups[].members) and O(expected_users). The user the O(api_token) belongs to is never removed, nor
        are admins unless O(remove_admins=true). On a hub whose spawner deletes a user's storage with the user
        (KubeSpawner, as on Zero to JupyterHub), or one the task cannot tell, the removal fails before any change
        unless O(delete_storage=true); see O(delete_storage).
      - V(suspend) (version 1.2.0) keeps their accounts and their storage, and takes their access away. Every server
        of theirs that runs is stopped (named ones too, which stay defined), every token of theirs is revoked (those
        the hub made for their servers and the OAuth tokens of their servers' browser sessions too), and they leave
        every group of the roster. With
        O(remove_admins=true), admins the roster does not name are suspended too and lose the admin flag. Users are
        chosen as for V(remove), within O(remove_max), which counts only users whose suspension changes something, so
        the next run, with nothing to change, passes whatever their number. A user put back on the roster gets its
        groups (and admin flag, if the roster says so) back from the next run; its tokens and servers come back from
        the tasks that make them (the role's C(onboard_tokens) and C(onboard_servers)).
      - A suspended user keeps an open hub session (the hub's login cookie is no token) and can log in again if the
        authenticator lets them, and so start a server again; the next run suspends them again. To refuse their
        logins, use the authenticator's own settings (C(Authenticator.blocked_users), or the rules of an
        OAuthenticator).
      - Suspending keeps what the spawner keeps for a stopped server. That is the home directory on persistent
        storage (KubeSpawner's PVCs, DockerSpawner's volumes, local home directories), but not files written inside
        a container that is removed when it stops (DockerSpawner with C(remove=True) and no volume, Zero to JupyterHub
        with C(singleuser.storage.type=none)).
    type: str
    choices: [ignore, remove, suspend]
    default: ignore
  handle_absent_groups:
    description:
      - V(ignore) leaves the hub's groups that the roster does not name; V(remove) removes them.
    type: str
    choices: [ignore, remove]
    default: ignore
  remove_admins:
    description:
      - With O(handle_absent_users=remove), whether admins the roster does not name are removed too.
      - With O(handle_absent_users=suspend), whether they are suspended too, losing their admin flag.
    type: bool
    default: false
  remove_max:
    description:
      - The most users one run may remove, or suspend. A run that would remove (or suspend) more fails before any
        change, with their count and the first names, so that a truncated roster file cannot empty the hub.
    type: int
    default: 10
  merge:
    description:
      - Merge the roster into a hub that already has users, as when two hubs become one (a migration), or a hub
        is rebuilt from an export of another. Nothing the hub has is removed or demoted.
      - A user's C(admin=false) leaves a hub admin an admin; every group only gains members, whatever
        O(groups[].append) says; a group's O(groups[].properties) are merged key by key into the hub's. A property
        both hold with other values is a conflict, settled by O(on_conflict).
      - Takes O(handle_absent_users=ignore) and O(handle_absent_groups=ignore) (their defaults).
    type: bool
    default: false
    version_added: 1.2.0
  on_conflict:
    description:
      - With O(merge=true), which side wins where a group's property has one value on the hub and another in the
        roster.
      - V(fail) fails the task before any change, naming the conflicts; in check mode the task warns instead, and
        RV(conflicts) lists them (the plan keeps the hub's values).
      - V(keep_hub) keeps the hub's value, V(use_roster) sets the roster's. Either way, RV(conflicts) lists them.
    type: str
    choices: [fail, keep_hub, use_roster]
    default: fail
    version_added: 1.2.0
notes:
  - The token needs C(admin:users) and C(admin:groups) (and C(admin:servers) to remove users whose servers run);
    setting C(admin) needs a token whose owner is an admin. O(handle_absent_users=suspend) also needs C(tokens) (to
    read and revoke the users' tokens) and C(admin:servers). Removing users needs C(read:hub) to read the spawner's
    class (the admin role has all of these).
  - Users are read one by one or with the paginated listing, whichever takes fewer calls on this hub. With
    O(handle_absent_users=remove), every user is read.
seealso:
  - module: jupyterhub.hub.jupyterhub_user
  - module: jupyterhub.hub.jupyterhub_group
"""

EXAMPLES = r"""
- name: The physics class and its teaching assistants
  jupyterhub.hub.jupyterhub_roster:
    api_url: https://hub.example.org/hub/api
    api_token: "{{ vault_jupyterhub_api_token }}"
    users:
      - {name: ada, groups: [physics-101]}
      - {name: grace, groups: [physics-101]}
      - {name: ta-bob, admin: false, groups: [physics-101, staff]}
    groups:
      - name: physics-101
        properties: {profile: small}
  delegate_to: localhost

- name: Many groups in one task, each with exactly these members
  jupyterhub.hub.jupyterhub_roster:
    groups: "{{ sections | map('combine', {'append': false}) }}"
  delegate_to: localhost

- name: End of term - the hub keeps only this roster, removing at most 200 users
  jupyterhub.hub.jupyterhub_roster:
    users: "{{ next_term }}"
    handle_absent_users: remove
    remove_max: 200
  delegate_to: localhost

- name: End of term on Zero to JupyterHub - suspend who left, keeping their accounts and home directories
  jupyterhub.hub.jupyterhub_roster:
    users: "{{ next_term }}"
    handle_absent_users: suspend
    remove_max: 200
  delegate_to: localhost

- name: Migrate - merge the export of the old hub into the new one, whose own groups' properties win
  jupyterhub.hub.jupyterhub_roster:
    users: "{{ onboard_users }}"
    groups: "{{ onboard_groups }}"
    merge: true
    on_conflict: keep_hub
  delegate_to: localhost

- name: After the grace period - delete them with their home directories (backed up first)
  jupyterhub.hub.jupyterhub_roster:
    users: "{{ next_term }}"
    handle_absent_users: remove
    delete_storage: true
    remove_max: 200
  delegate_to: localhost
"""

RETURN = r"""
summary:
  description:
    - What the plan does, to read at a glance (as C(terraform plan) says it). For C(users) and C(groups), each of
      C(add), C(change) and C(remove) (and, for users, C(suspend)) has a C(count) and the first ten C(names).
      C(text) says it all in one line (see the sample), which the onboard role prints.
    - With O(merge=true), C(conflicts) has the C(count) and the first ten of RV(conflicts) as C(group.property), which
      C(text) names too.
    - In check mode, what a real run would do; in a real run, what it did. Names and counts only, never a secret.
  returned: success
  type: dict
  version_added: 1.2.0
  sample:
    text: "users: 2 to add, 0 to change, 0 to remove (add: ada, bob); groups: 1 to add, 0 to change, 0 to remove (add: physics-101)"
    users: {add: {count: 2, names: [ada, bob]}, change: {count: 0, names: []}, remove: {count: 0, names: []}, suspend: {count: 0, names: []}}
    groups: {add: {count: 1, names: [physics-101]}, change: {count: 0, names: []}, remove: {count: 0, names: []}}
users:
  description:
    - The users of the roster after the task, as predicted from the hub's models and the plan (the task does not read
      them again).
  returned: always
  type: list
  elements: dict
  sample: [{name: ada, admin: false, groups: [physics-101], kind: user}]
groups:
  description: The groups of the roster after the task, as predicted from the hub's models and the plan.
  returned: always
  type: list
  elements: dict
  sample: [{name: physics-101, users: [ada, grace], properties: {profile: small}}]
conflicts:
  description:
    - With O(merge=true), each group property that the hub and the roster hold with other values, as C(group),
      C(property), C(hub) and C(roster) (the two values) and C(kept) (V(hub) or V(roster), what the plan sets). Empty
      without O(merge).
  returned: always
  type: list
  elements: dict
  version_added: 1.2.0
  sample: [{group: physics-101, property: room, hub: B-12, roster: C-3, kept: hub}]
removed_users:
  description:
    - The users the task removed (in check mode, would remove). When the removal fails part-way, those it meant to
      remove; RV(done) and RV(not_done) say which calls were sent.
  returned: always
  type: list
  elements: str
  sample: [old-student]
suspended_users:
  description:
    - With O(handle_absent_users=suspend), the users whose suspension the task changed something of (in check mode,
      would change). Users suspended by an earlier run, with nothing left to change, are not listed.
    - When the suspension fails part-way, those it meant to suspend; RV(done) and RV(not_done) say which calls were sent.
  returned: always
  type: list
  elements: str
  version_added: 1.2.0
  sample: [old-student]
stopped_servers:
  description:
    - With O(handle_absent_users=suspend), the servers of suspended users that the task stopped (in check mode, would
      stop), as C(user) and C(server).
  returned: always
  type: list
  elements: dict
  version_added: 1.2.0
  sample: [{user: old-student, server: ""}, {user: old-student, server: gpu}]
revoked_tokens:
  description:
    - With O(handle_absent_users=suspend), the tokens of suspended users that the task revoked (in check mode, would
      revoke), as metadata, never a secret.
  returned: on success
  type: list
  elements: dict
  version_added: 1.2.0
  sample: [{user: old-student, id: a42, note: "Server at /user/old-student/"}]
removal:
  description:
    - With O(handle_absent_users=remove), what the task deletes (in check mode, would delete) and what the hub's
      spawner does with their storage. Also returned by a failure of the storage check, before any change.
    - C(spawner) is the class C(GET /info) names (null when the token cannot read it); C(storage) is V(deletes),
      V(keeps) or V(unknown); C(rule) the entry of the known list or of O(spawner_storage) that decided;
      C(delete_storage) the option; C(users) each user with C(admin), C(created), C(last_activity) and C(servers) (the
      names of its servers, V("") for the default one).
  returned: when the task removes users
  type: dict
  version_added: 1.2.0
  sample:
    spawner: kubespawner.spawner.KubeSpawner
    storage: deletes
    rule: kubespawner
    delete_storage: false
    users: [{name: old-student, admin: false, created: "2026-01-08T09:00:00Z", last_activity: "2026-06-30T11:20:00Z", servers: [""]}]
    servers: []
removed_groups:
  description: The groups the task removed (in check mode, would remove).
  returned: always
  type: list
  elements: str
  sample: [physics-100]
removed_servers:
  description: The servers of removed users that the task stopped and deleted first, as C(user) and C(server).
  returned: always
  type: list
  elements: dict
  sample: [{user: old-student, server: ""}]
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /users", "POST /groups/physics-101", "POST /groups/physics-101/users"]
diff:
  description:
    - With C(--diff), each user (admin flag and groups) and each group (members and properties), before and after.
    - Users to remove have their C(last_activity) and C(servers) too, so that the list can be reviewed in check mode.
    - Users to suspend are under C(suspended), with their admin flag, groups, running servers and number of tokens.
  returned: when diff mode is on
  type: dict
done:
  description: When a call failed part-way, the calls that were sent, as C(METHOD path).
  returned: on failure part-way
  type: list
  elements: str
not_done:
  description: When a call failed part-way, the calls that were not sent (or failed), as C(METHOD path).
  returned: on failure part-way
  type: list
  elements: str
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import summarize_group
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import check_user_names
from ansible_collections.jupyterhub.hub.plugins.module_utils.roster import (
    check_merge_options,
    check_roster,
    conflicts_error,
    conflicts_message,
    merge_into_hub,
    plan_absent_users,
    plan_roster,
    plan_summary,
    summarize_suspensions,
    wanted_groups,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.user_runner import remove_users_and_servers
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import WITH_STOPPED_SERVERS
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import check_options as check_storage_options
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import check_storage
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import ARGUMENT_SPEC as STORAGE_ARGUMENT_SPEC
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import metadata
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import summarize_users

KEEP_STORAGE = ("handle_absent_users: suspend keeps the accounts and their storage, and stops their servers and revokes their tokens "
                "(in the onboard role: onboard_prune_mode: suspend, or onboard_prune_delete_storage: true to accept).")


def run(module):
    params = module.params
    client = module.client
    users, groups = params["users"], params["groups"]
    check_user_names([user["name"] for user in users], "users[].name")
    check_user_names([member for group in groups for member in group["members"] or []], "groups[].members")
    wanted = wanted_groups(users, groups)
    named = set([user["name"] for user in users] + [m for group in groups for m in group["members"] or []] + params["expected_users"])
    absent_mode = params["handle_absent_users"]
    if absent_mode != "ignore":
        hub_users = dict((user["name"], user) for user in client.paginate("/users", params=WITH_STOPPED_SERVERS))
    else:
        hub_users = client.get_named("users", sorted(named))
    check_roster(users, groups, params["expected_users"], hub_users)
    if params["handle_absent_groups"] == "remove":
        hub_groups = dict((group["name"], group) for group in client.paginate("/groups"))
    else:
        hub_groups = client.get_named("groups", sorted(wanted))
    conflicts = None
    if params["merge"]:
        users, groups, conflicts = merge_into_hub(users, groups, hub_users, hub_groups, params["on_conflict"])
        if conflicts and params["on_conflict"] == "fail":
            module.refuse_real_run(conflicts_error(conflicts), conflicts_message(conflicts, "A real run fails, before any change."))

    remove_users, suspend_users, calls_of, tokens_of = plan_absent_users(client, absent_mode, hub_users, hub_groups, named, wanted,
                                                                         params["remove_admins"], params["remove_max"])
    remove_groups = sorted(name for name in hub_groups if name not in wanted) if params["handle_absent_groups"] == "remove" else []

    plan, removal_plan, after_users, after_groups = plan_roster(users, groups, hub_users, hub_groups, remove_users, remove_groups,
                                                                suspend_users, params["remove_admins"])
    removal = check_storage(client, removal_plan, hub_users, params, instead=KEEP_STORAGE)
    suspension_plan = [call for name in suspend_users for call in calls_of.get(name, [])]
    module.apply(plan, later=removal_plan + suspension_plan)
    result = dict(users=[after_users[user["name"]] for user in users], groups=[after_groups[name] for name in wanted],
                  removed_users=remove_users, removed_groups=remove_groups, suspended_users=suspend_users)
    if removal:
        result["removal"] = removal
    # a failure part-way returns what went so far; done and not_done name every call
    result["removed_servers"] = remove_users_and_servers(module, removal_plan, hub_users, done_before=plan, **result)
    result["stopped_servers"] = remove_users_and_servers(module, suspension_plan, hub_users, done_before=plan + removal_plan,
                                                         action="suspend", servers_key="stopped_servers", **result)
    result["revoked_tokens"] = [dict(metadata(token), user=name) for name in suspend_users for token in tokens_of.get(name) or []]
    before = dict(users=dict(summarize_users(dict((name, hub_users.get(name)) for name in after_users)),
                             **summarize_users(dict((name, hub_users.get(name)) for name in remove_users), removed=True)),
                  groups=dict((name, summarize_group(hub_groups.get(name))) for name in list(wanted) + remove_groups))
    after = dict(users=summarize_users(after_users), groups=dict((name, summarize_group(group)) for name, group in after_groups.items()))
    result["summary"] = plan_summary(before, after, suspend_users, conflicts=conflicts)
    result["conflicts"] = conflicts or []
    if suspend_users:
        before["suspended"], after["suspended"] = summarize_suspensions(suspend_users, hub_users, tokens_of, after_groups, params["remove_admins"])
    module.finish(plan + removal_plan + suspension_plan, before=before, after=after, **result)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            STORAGE_ARGUMENT_SPEC,
            users=dict(type="list", elements="dict", default=[], options=dict(
                name=dict(type="str", required=True),
                admin=dict(type="bool"),
                groups=dict(type="list", elements="str"),
            )),
            groups=dict(type="list", elements="dict", default=[], options=dict(
                name=dict(type="str", required=True),
                members=dict(type="list", elements="str", default=[]),
                append=dict(type="bool", default=True),
                properties=dict(type="dict"),
            )),
            expected_users=dict(type="list", elements="str", default=[]),
            handle_absent_users=dict(type="str", choices=["ignore", "remove", "suspend"], default="ignore"),
            handle_absent_groups=dict(type="str", choices=["ignore", "remove"], default="ignore"),
            remove_admins=dict(type="bool", default=False),
            remove_max=dict(type="int", default=10),
            merge=dict(type="bool", default=False),
            on_conflict=dict(type="str", choices=["fail", "keep_hub", "use_roster"], default="fail"),
        ),
        user_name_options=("expected_users",),
        option_checks=(check_storage_options, check_merge_options),
    )
    module.run(run)


if __name__ == "__main__":
    main()
