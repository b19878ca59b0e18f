#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_user_info
short_description: Read JupyterHub users, one, several or all of them
version_added: 1.0.0
description:
  - Reads users as the hub models them, with their admin flag, groups, servers and activity.
  - Without O(name), reads every user of the hub, following the API's pagination to the end
    (the API returns at most 200 users a call).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.info_module
  - jupyterhub.hub.user_names
options:
  name:
    description:
      - The user name, or a list of user names, to read. Names that do not exist are listed in RV(missing).
      - Unset reads every user.
    type: list
    elements: str
    aliases: [names, user, users]
  state:
    description:
      - Only users with at least one server running or starting (V(active)), ready (V(ready)),
        or with no server running (V(inactive)).
    type: str
    choices: [active, ready, inactive]
  name_filter:
    description:
      - Only users whose name contains this text (case-insensitive), as the hub's C(name_filter) does.
    type: str
  include_stopped_servers:
    description:
      - Also list servers that exist but are stopped (named servers) in each user's C(servers).
    type: bool
    default: false
  inactive_for:
    description:
      - Only users idle for longer than this duration, a number of seconds or a number with C(s), C(m), C(h), C(d) or
        C(w), such as V(90d), V(12h) or V(30m).
      - Idle counts from the user's last activity (C(last_activity), which the hub updates from the user's servers),
        or from its creation for a user who was never active.
      - The token needs C(read:users:activity) (part of C(read:users)).
    type: str
"""

EXAMPLES = r"""
- name: Read every user
  jupyterhub.hub.jupyterhub_user_info:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
  delegate_to: localhost
  register: everyone

- name: Who has a server running?
  jupyterhub.hub.jupyterhub_user_info:
    state: active
  delegate_to: localhost
  register: active

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ active.users | map(attribute='name') | list }}"

- name: Read two users, with their stopped named servers
  jupyterhub.hub.jupyterhub_user_info:
    name: [alice, bob]
    include_stopped_servers: true
  delegate_to: localhost
  register: two

- name: Students of the physics course, by their name prefix
  jupyterhub.hub.jupyterhub_user_info:
    name_filter: phys-
  delegate_to: localhost

- name: Who has not been seen for 120 days (never-active users count from their creation)?
  jupyterhub.hub.jupyterhub_user_info:
    inactive_for: 120d
  delegate_to: localhost
  register: idle
"""

RETURN = r"""
users:
  description:
    - The users found, as the hub models them (the fields depend on the token's scopes).
    - C(auth_state), which the hub returns decrypted to a token with C(admin:auth_state), is never returned as it is.
      It is V(********) when the user has one, and null when not. So is the spawner C(state) of each server.
  returned: always
  type: list
  elements: dict
  sample:
    - name: alice
      kind: user
      admin: false
      groups: [physics-101]
      roles: [user]
      server: /user/alice/
      pending: null
      created: "2026-11-22T10:00:00.000000Z"
      last_activity: "2026-11-22T10:05:00.000000Z"
      servers:
        "":
          name: ""
          ready: true
          url: /user/alice/
missing:
  description: The names of O(name) that are not users of the hub.
  returned: always
  type: list
  elements: str
  sample: [zoe]
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import WITH_STOPPED_SERVERS
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import idle_users


def run(module):
    params = module.params
    idle_seconds = module.duration_option("inactive_for")
    query = dict(WITH_STOPPED_SERVERS) if params["include_stopped_servers"] else {}
    missing = []
    if params["name"]:
        users, missing = module.client.find("users", params["name"], params=query)
        users = [user for user in users if _matches(user, params["state"], params["name_filter"])]
    else:
        for key in ("state", "name_filter"):
            if params[key]:
                query[key] = params[key]
        users = module.client.paginate("/users", params=query)
    if idle_seconds is not None:
        users = idle_users(users, idle_seconds)
    module.finish([], users=users, missing=missing)


def _matches(user, state, name_filter):
    """The hub's own state and name filters, for users read by name."""
    if name_filter and name_filter.lower() not in user["name"].lower():
        return False
    if not state:
        return True
    servers = list((user.get("servers") or {}).values())
    if state == "ready":
        return any(server.get("ready") for server in servers)
    active = any(server.get("ready") or server.get("pending") for server in servers)
    return active if state == "active" else not active


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            name=dict(type="list", elements="str", aliases=["names", "user", "users"]),
            state=dict(type="str", choices=["active", "ready", "inactive"]),
            name_filter=dict(type="str"),
            include_stopped_servers=dict(type="bool", default=False),
            inactive_for=dict(type="str"),
        ),
        user_name_options=("name",),
    )
    module.run(run)


if __name__ == "__main__":
    main()
