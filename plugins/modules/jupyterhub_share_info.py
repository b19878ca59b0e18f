#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_share_info
short_description: Read the shares of JupyterHub servers, by owner, by user or by group
version_added: 1.0.0
description:
  - Reads shares of servers, following the API's pagination to the end. Needs JupyterHub 5.0 or later.
  - With O(owner), the shares of the owner's servers (C(GET /shares/{owner}), or C(GET /shares/{owner}/{server_name})
    with O(server_name)), and with O(share_codes=true) their share codes too (never the codes themselves).
  - With O(user), what is shared with that user, directly or through the user's groups (C(GET /users/{name}/shared)).
  - With O(group), what is shared with that group (C(GET /groups/{name}/shared)).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.info_module
  - jupyterhub.hub.user_names
options:
  owner:
    description:
      - Read the shares of this user's servers.
      - Exactly one of O(owner), O(user) and O(group) is required.
    type: str
  server_name:
    description:
      - With O(owner), read only the shares of this server. V("") is the owner's default server.
      - Unset, the shares of all the owner's servers.
    type: str
  user:
    description:
      - Read the shares this user has access to, including those granted to the user's groups.
    type: str
  group:
    description:
      - Read the shares granted to this group.
    type: str
  share_codes:
    description:
      - With O(owner), also read the share codes of the owner's servers (of O(server_name) when set).
        The codes themselves are never readable after their creation; their ids, scopes and expiry are.
    type: bool
    default: false
notes:
  - Reading the shares of an owner needs the C(read:shares) scope on the owner; of a user, C(read:users:shares);
    of a group, C(read:groups:shares).
  - An owner, user, group or named server that does not exist fails the task with the hub's message.
seealso:
  - module: jupyterhub.hub.jupyterhub_share
  - module: jupyterhub.hub.jupyterhub_share_code
"""

EXAMPLES = r"""
- name: What does ada share?
  jupyterhub.hub.jupyterhub_share_info:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    owner: ada
    share_codes: true
  delegate_to: localhost
  register: ada_shares

- name: Servers shared with grace, directly or through her groups
  jupyterhub.hub.jupyterhub_share_info:
    user: grace
  delegate_to: localhost
  register: shared_with_grace

- name: Show their owners and servers
  ansible.builtin.debug:
    msg: "{{ shared_with_grace.shares | map(attribute='server.url') | list }}"
"""

RETURN = r"""
shares:
  description:
    - The shares found, oldest first, as the hub models them. C(kind) tells whether a share is granted to a C(user)
      or a C(group); C(server) is the shared server.
  returned: always
  type: list
  elements: dict
  sample:
    - kind: group
      group: {name: physics-101}
      user: null
      scopes: ["access:servers!server=ada/"]
      server: {user: {name: ada}, name: "", url: /user/ada/, full_url: null, ready: false}
      created_at: "2026-11-22T10:40:22.185792Z"
share_codes:
  description: With O(owner) and O(share_codes=true), the valid share codes, without the codes themselves.
  returned: when O(share_codes=true)
  type: list
  elements: dict
  sample:
    - id: sc_1
      scopes: ["access:servers!server=ada/"]
      server: {user: {name: ada}, name: "", url: /user/ada/, full_url: null, ready: false}
      created_at: "2026-11-22T10:40:37.350044Z"
      expires_at: "2026-11-23T10:40:37.346826Z"
      exchange_count: 0
      last_exchanged_at: null
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import read_owner_listing, require_shares


def run(module):
    params = module.params
    if params["share_codes"] and params["owner"] is None:
        module.fail_json(msg="share_codes needs owner: share codes are listed by the owner of the server")
    if params["server_name"] is not None and params["owner"] is None:
        module.fail_json(msg="server_name needs owner")
    client = module.client
    require_shares(client)
    if params["owner"] is not None:
        result = dict(shares=read_owner_listing(client, "shares", params["owner"], params["server_name"]))
        if params["share_codes"]:
            result["share_codes"] = read_owner_listing(client, "share-codes", params["owner"], params["server_name"])
    elif params["user"] is not None:
        result = dict(shares=client.paginate(quote_path("users", params["user"], "shared")))
    else:
        result = dict(shares=client.paginate(quote_path("groups", params["group"], "shared")))
    module.finish([], **result)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            owner=dict(type="str"),
            server_name=dict(type="str"),
            user=dict(type="str"),
            group=dict(type="str"),
            share_codes=dict(type="bool", default=False),
        ),
        user_name_options=("owner", "user"),
        required_one_of=[("owner", "user", "group")],
        mutually_exclusive=[("owner", "user", "group")],
    )
    module.run(run)


if __name__ == "__main__":
    main()
