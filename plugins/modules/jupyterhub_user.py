#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_user
short_description: Manage JupyterHub users, one or a whole roster at once
version_added: 1.0.0
description:
  - Creates, updates, renames and deletes users of a JupyterHub.
  - O(name) takes one user name or a list of them. A list is handled in bulk, as package modules take a list of
    packages. All missing users are created with one C(POST /users) call, and each group whose membership changes
    gets one call that covers every user of the task.
  - Options left unset are not managed. For example, without O(admin) the admin flag of existing users is left as it is.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
  - jupyterhub.hub.storage
  - jupyterhub.hub.user_names
options:
  name:
    description:
      - The user name, or a list of user names.
      - JupyterHub stores names as its authenticator normalizes them, in lower case by default. Give names in that form.
    type: list
    elements: str
    required: true
    aliases: [names, user, users]
  state:
    description:
      - V(present) creates missing users and updates existing ones.
      - V(absent) deletes the users that exist. Their servers go first, because the hub itself stops only a user's
        default server and refuses to delete a user whose named server runs. Every named server, running or stopped,
        is stopped and deleted, the default server is stopped if it runs or is starting, and the users are deleted
        once all of them are gone. A user whose servers do not all go is not deleted. A user that does not exist is
        not an error.
      - On a hub whose spawner deletes a user's storage with the user (KubeSpawner, as on Zero to JupyterHub), or
        one the task cannot tell, the task fails before any change unless O(delete_storage=true). To keep the
        accounts and their storage, stop their servers with M(jupyterhub.hub.jupyterhub_server) instead, or suspend
        them with O(jupyterhub.hub.jupyterhub_roster#module:handle_absent_users=suspend).
    type: str
    choices: [present, absent]
    default: present
  admin:
    description:
      - Whether the users are hub admins. Unset leaves the flag of existing users as it is and creates new users
        without it.
      - Granting or removing the flag needs a token whose owner is an admin itself, not only the C(admin:users) scope.
    type: bool
  new_name:
    description:
      - Renames the user O(name) to this name. Only with a single O(name) and O(state=present).
      - Idempotent. If O(name) no longer exists and O(new_name) does, nothing is done. If neither exists, O(new_name) is created.
      - Renaming to a name another user already has fails.
    type: str
  groups:
    description:
      - The groups the users are members of, as in M(ansible.builtin.user).
      - With O(append=false), the users are removed from every other group. V([]) removes them from all groups.
      - Unset leaves group membership as it is.
      - The groups must exist (see M(jupyterhub.hub.jupyterhub_group)). An unknown group fails the task before any change.
    type: list
    elements: str
  append:
    description:
      - With V(true), the users are added to O(groups) and stay in their other groups.
      - With V(false), their membership becomes exactly O(groups).
    type: bool
    default: false
notes:
  - When the hub's authenticator manages groups (C(Authenticator.manage_groups = True)), it overwrites group membership
    at each login, so changes made with O(groups) do not last.
  - Since JupyterHub 5.0, users created through the API can log in only if C(Authenticator.allow_existing_users) is
    true. It defaults to true only when C(allowed_users) is set.
  - The users are read one by one or with the paginated listing, whichever takes fewer calls on this hub (the first
    page of the listing tells how many users it has).
  - The users are read before any change, so a run with nothing to change sends no write (and leaves nothing in the
    hub's log). The missing users are then created with one bulk C(POST /users), whatever their number. On a big hub,
    the read of a class is a listing narrowed by the names' common prefix (C(name_filter)), so a new class costs one
    C(GET) before its creation.
  - With O(state=absent), the token needs the C(servers) scope (part of C(admin:servers)) besides C(admin:users), to
    read and stop the users' servers; without C(read:servers) the task fails before any change. It reads C(GET /info)
    (scope C(read:hub)) for the spawner's class; without it, it cannot tell what deleting deletes (see O(delete_storage)).
  - With O(state=absent), the servers have 300 seconds in all to stop, and a deletion the hub refuses because the
    default server is still stopping is sent again until then. After that the task fails, listing in RV(done) and
    RV(not_done) what was done and what was not.
  - Parallel runs of the same task, for example from several hosts, converge. A user created or deleted by another run
    in the meantime is not an error.
seealso:
  - module: jupyterhub.hub.jupyterhub_user_info
  - module: jupyterhub.hub.jupyterhub_group
  - module: jupyterhub.hub.jupyterhub_roster
"""

EXAMPLES = r"""
- name: Create a user
  jupyterhub.hub.jupyterhub_user:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    name: alice
  delegate_to: localhost

- name: Onboard a course roster in one bulk call, all in the course group
  jupyterhub.hub.jupyterhub_user:
    name: "{{ roster | map(attribute='login') | list }}"
    groups: [physics-101]
    append: true
  delegate_to: localhost

- name: Make bob an admin
  jupyterhub.hub.jupyterhub_user:
    name: bob
    admin: true
  delegate_to: localhost

- name: Rename a user (idempotent)
  jupyterhub.hub.jupyterhub_user:
    name: carol
    new_name: carol.smith
  delegate_to: localhost

- name: Put dave in exactly these groups
  jupyterhub.hub.jupyterhub_user:
    name: dave
    groups: [staff, physics-101]
  delegate_to: localhost

- name: Remove the students of last term, on a hub whose spawner keeps their home directories
  jupyterhub.hub.jupyterhub_user:
    name: "{{ last_term_logins }}"
    state: absent
  delegate_to: localhost

- name: Remove them on Zero to JupyterHub, where their home directories (PVCs) go with them
  jupyterhub.hub.jupyterhub_user:
    name: "{{ last_term_logins }}"
    state: absent
    delete_storage: true
  delegate_to: localhost

- name: Set the connection once for every task of the play
  hosts: localhost
  module_defaults:
    group/jupyterhub.hub.jupyterhub:
      api_url: https://hub.example.org/hub/api
      api_token: "{{ vault_jupyterhub_api_token }}"
  tasks:
    - name: Create the teaching assistants
      jupyterhub.hub.jupyterhub_user:
        name: [ta1, ta2]
        groups: [staff]
"""

RETURN = r"""
users:
  description:
    - The users after the task, in the order of O(name), as the hub models them.
    - C(auth_state) is V(********) when the user has one (the hub returns it decrypted), and null when not.
    - In check mode, the predicted state. Empty with O(state=absent).
  returned: always
  type: list
  elements: dict
  sample:
    - name: alice
      admin: false
      groups: [physics-101]
      kind: user
      server: null
      created: "2026-11-22T10:00:00.000000Z"
      last_activity: null
user:
  description: The user after the task, when O(name) names exactly one user and O(state=present).
  returned: when O(name) has one element and O(state=present)
  type: dict
  sample:
    name: alice
    admin: false
    groups: [physics-101]
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /users", "POST /groups/physics-101/users"]
removed_servers:
  description:
    - With O(state=absent), the servers stopped and deleted with their users (in check mode, that would be), as
      C(user) and C(server), the name of the server (V("") for the default server).
    - A stopped default server is not listed. A named server exists while stopped, so it is listed either way.
  returned: when O(state=absent)
  type: list
  elements: dict
  sample:
    - {user: alice, server: ""}
    - {user: alice, server: gpu}
removal:
  description:
    - With O(state=absent), what the task deletes (in check mode, would delete) and what the hub's spawner does with
      their storage. Also returned by a failure of the storage check, before any change.
    - C(spawner) is the class C(GET /info) names (null when the token cannot read it); C(storage) is V(deletes),
      V(keeps) or V(unknown); C(rule) the entry of the known list or of O(spawner_storage) that decided;
      C(delete_storage) the option; C(users) each user with C(admin), C(created), C(last_activity) and C(servers) (the
      names of its servers, V("") for the default one); C(servers) the named servers deleted on their own, an empty
      list here.
  returned: when O(state=absent) and a user exists
  type: dict
  version_added: 1.2.0
  sample:
    spawner: kubespawner.spawner.KubeSpawner
    storage: deletes
    rule: kubespawner
    delete_storage: true
    users:
      - {name: alice, admin: false, created: "2026-09-01T08:00:00Z", last_activity: "2026-12-18T16:02:11Z", servers: ["", gpu]}
    servers: []
done:
  description: On a failure with O(state=absent), the calls that took effect.
  returned: when the removal failed part-way
  type: list
  elements: str
  sample: ["DELETE /users/alice/servers/gpu", "DELETE /users/alice/server"]
not_done:
  description: On a failure with O(state=absent), the calls that failed or were not sent.
  returned: when the removal failed part-way
  type: list
  elements: str
  sample: ["DELETE /users/alice"]
diff:
  description:
    - With C(--diff), the admin flag and groups of each user before and after.
    - With O(state=absent), each user's C(last_activity) and C(servers) too, so that the list can be reviewed in
      check mode before the real run.
  returned: when diff mode is on
  type: dict
  sample:
    before: {alice: {admin: false, groups: []}}
    after: {alice: {admin: false, groups: [physics-101]}}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.user_runner import remove_users_and_servers
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import WITH_STOPPED_SERVERS, require_readable_servers
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import check_options as check_storage_options
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import check_storage
from ansible_collections.jupyterhub.hub.plugins.module_utils.storage import ARGUMENT_SPEC as STORAGE_ARGUMENT_SPEC
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import plan_users, summarize_users


KEEP_STORAGE = ("stop their servers with jupyterhub.hub.jupyterhub_server (state: stopped, server_name: '*'), or suspend "
                "them with jupyterhub.hub.jupyterhub_roster (handle_absent_users: suspend), which keeps the accounts.")


def run(module):
    names = list(dict.fromkeys(module.params["name"]))
    _check_names(module, names)
    if module.params["state"] == "absent":
        ensure_absent(module, names)
    else:
        ensure_present(module, names)


def ensure_present(module, names):
    """Create, rename and change the users, set their groups: read first, then plan."""
    params = module.params
    client = module.client

    rename_from = None
    if params["new_name"] and params["new_name"] != names[0]:
        current = client.get_named("users", [names[0], params["new_name"]])
        old, new = current[names[0]], current[params["new_name"]]
        if old is not None and new is not None:
            module.fail_json(msg="cannot rename user %s to %s: %s already exists" % (names[0], params["new_name"], params["new_name"]))
        rename_from = old
        names = [params["new_name"]]
        before = {names[0]: new} if old is None else {old["name"]: old}
        current = {names[0]: new}
    else:
        current = client.get_named("users", names)
        before = current

    if params["groups"]:
        module.require_existing("groups", params["groups"], "Create them first with jupyterhub.hub.jupyterhub_group.")

    plan, after = plan_users(names, current, params["state"], admin=params["admin"], groups=params["groups"], append=params["append"],
                             rename_from=rename_from)
    answers = module.apply(plan)
    _merge_created(after, plan, answers)

    users = [after[name] for name in names if name in after]
    result = dict(users=users)
    if len(users) == 1:
        result["user"] = users[0]
    module.finish(plan, before=summarize_users(before), after=summarize_users(after), **result)


def ensure_absent(module, names):
    """Delete the users, their servers first, once the storage check allows it."""
    current = module.client.get_named("users", names, params=WITH_STOPPED_SERVERS)
    require_readable_servers(current, names, "which go before their users")
    plan, dummy = plan_users(names, current, "absent")
    removal = check_storage(module.client, plan, current, module.params, instead=KEEP_STORAGE)
    result = dict(users=[], removal=removal) if removal else dict(users=[])
    gone = remove_users_and_servers(module, plan, current, **result)
    module.finish(plan, before=summarize_users(current, removed=True), after={}, removed_servers=gone, **result)


def _check_names(module, names):
    if module.params["new_name"] and (len(names) != 1 or module.params["state"] != "present"):
        module.fail_json(msg="new_name needs exactly one name and state=present")


def _merge_created(after, plan, answers):
    """Use the hub's own models of the users it created, keeping the predicted groups."""
    for call, answer in zip(plan, answers):
        if call.method == "POST" and call.path == "/users" and answer:
            for model in answer:
                if model.get("name") in after:
                    after[model["name"]] = dict(model, groups=after[model["name"]]["groups"])


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            STORAGE_ARGUMENT_SPEC,
            name=dict(type="list", elements="str", required=True, aliases=["names", "user", "users"]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            admin=dict(type="bool"),
            new_name=dict(type="str"),
            groups=dict(type="list", elements="str"),
            append=dict(type="bool", default=False),
        ),
        user_name_options=("name", "new_name"),
        option_checks=(check_storage_options,),
    )
    module.run(run)


if __name__ == "__main__":
    main()
