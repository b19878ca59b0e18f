#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_group
short_description: Manage a JupyterHub group, its members and its properties
version_added: 1.0.0
description:
  - Creates and deletes a group of a JupyterHub, and sets its members and properties.
  - A membership change of any size takes one call adding members and one call removing members at most.
  - Options left unset are not managed. Without O(members), membership is left as it is. Without O(properties),
    properties are left as they are.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
  - jupyterhub.hub.user_names
options:
  name:
    description:
      - The name of the group.
    type: str
    required: true
    aliases: [group]
  state:
    description:
      - V(present) creates the group if needed and updates it.
      - V(absent) deletes the group (its members stay users of the hub). A missing group is not an error.
    type: str
    choices: [present, absent]
    default: present
  members:
    description:
      - User names of the group's members.
      - With O(append=false), membership becomes exactly this list, and V([]) empties the group.
      - With O(append=true), these users are added and other members stay.
      - Members must be users of the hub, unless O(create_missing_users=true). An unknown member fails the task before
        any change, naming the unknown users.
    type: list
    elements: str
    aliases: [users]
  append:
    description:
      - Whether O(members) are added to the current members (V(true)) or replace them (V(false)).
    type: bool
    default: false
  create_missing_users:
    description:
      - Create the members that are not users of the hub yet, all in one call, before adding them.
    type: bool
    default: false
  properties:
    description:
      - The group's properties, a dict the hub stores as it is and spawners may read (for example C(KubeSpawner)
        profile settings).
      - The hub replaces the whole dict. The module compares it as a whole, nested values included, and V({}) clears it.
    type: dict
notes:
  - When the hub's authenticator manages groups (C(Authenticator.manage_groups = True)), it overwrites group membership
    at each login, so membership set through the API does not last. On JupyterHub 4.x, the API then refuses membership
    changes altogether.
  - The roles of a group are read-only through the API. Assign roles with C(c.JupyterHub.load_roles).
  - Parallel runs of the same task, for example from several hosts, converge. A group created or deleted by another
    run in the meantime is not an error.
seealso:
  - module: jupyterhub.hub.jupyterhub_group_info
  - module: jupyterhub.hub.jupyterhub_user
"""

EXAMPLES = r"""
- name: A course group with its students, exactly
  jupyterhub.hub.jupyterhub_group:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    name: physics-101
    members: "{{ roster | map(attribute='login') | list }}"
    create_missing_users: true
  delegate_to: localhost

- name: Add two teaching assistants, keeping everyone else
  jupyterhub.hub.jupyterhub_group:
    name: physics-101
    members: [ta1, ta2]
    append: true
  delegate_to: localhost

- name: Properties a spawner reads, for example a profile
  jupyterhub.hub.jupyterhub_group:
    name: gpu-users
    properties:
      profile: gpu
      limits:
        memory: 16G
  delegate_to: localhost

- name: Empty a group
  jupyterhub.hub.jupyterhub_group:
    name: physics-101
    members: []
  delegate_to: localhost

- name: Remove a group
  jupyterhub.hub.jupyterhub_group:
    name: physics-100
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
group:
  description:
    - The group after the task, as the hub models it. In check mode, the predicted group.
    - V(null) with O(state=absent).
  returned: always
  type: dict
  sample:
    kind: group
    name: physics-101
    users: [ada, grace]
    properties: {profile: gpu}
    roles: []
created_users:
  description: The members created because of O(create_missing_users).
  returned: always
  type: list
  elements: str
  sample: [ada]
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /groups/physics-101", "POST /groups/physics-101/users"]
diff:
  description: With C(--diff), the group's members (sorted) and properties before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {}
    after: {name: physics-101, users: [ada, grace], properties: {}}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import plan_group, summarize_group
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import create_users_call


def run(module):
    params = module.params
    name = params["name"]
    current = module.client.get(quote_path("groups", name), missing_ok=True)

    users_to_create = []
    if params["state"] == "present" and params["members"]:
        # current members are known to exist
        to_check = [user for user in params["members"] if user not in ((current or {}).get("users") or [])]
        if params["create_missing_users"]:
            found = module.client.get_named("users", to_check) if to_check else {}
            users_to_create = [user for user in found if found[user] is None]
        else:
            module.require_existing("users", to_check, "Create them first, or set create_missing_users.")

    plan, after = plan_group(name, current, params["state"], members=params["members"], append=params["append"], properties=params["properties"])
    if users_to_create:
        plan.insert(0, create_users_call(users_to_create))
    module.apply(plan)
    module.finish(plan, before=summarize_group(current), after=summarize_group(after), group=after, created_users=users_to_create)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            name=dict(type="str", required=True, aliases=["group"]),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            members=dict(type="list", elements="str", aliases=["users"]),
            append=dict(type="bool", default=False),
            create_missing_users=dict(type="bool", default=False),
            properties=dict(type="dict"),
        ),
        user_name_options=("members",),
    )
    module.run(run)


if __name__ == "__main__":
    main()
