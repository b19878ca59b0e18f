#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_share
short_description: Share a JupyterHub user's server with a user or a group
version_added: 1.0.0
description:
  - Grants or revokes access to one server of a user (the O(owner)) for another O(user) or a O(group), with the scopes
    the share gives. Needs JupyterHub 5.0 or later.
  - Revokes every share of the server with O(state=absent) and neither O(user) nor O(group).
  - Share codes, which anyone who has one can accept in the browser, are managed by M(jupyterhub.hub.jupyterhub_share_code).
  - The task reads the server's current shares first and changes only what differs. Without O(scopes), an existing
    share is left as it is, and a new one gets the hub's default, access to the server.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
  - jupyterhub.hub.user_names
options:
  owner:
    description:
      - The user whose server is shared.
    type: str
    required: true
  server_name:
    description:
      - The name of the shared server of O(owner). The default V("") is the owner's default server.
      - Every user has a default server for sharing, even one never started. A named server can be shared once it
        exists, that is once it has been started (or, on JupyterHub 6, created) and until it is removed.
    type: str
    default: ""
  user:
    description:
      - The user the server is shared with.
      - Mutually exclusive with O(group).
    type: str
  group:
    description:
      - The group the server is shared with. Every member of the group gets the share, also later members.
      - Mutually exclusive with O(user).
    type: str
  scopes:
    description:
      - The permissions the share gives, for example V(access:servers) or V(read:users:activity).
        The hub restricts each one to the shared server, so C(access:servers) is stored as
        C(access:servers!server=OWNER/SERVER_NAME). A scope with another filter is refused.
      - The person who shares must hold these scopes. Unset means access to the server
        (C(access:servers)) for a new share, and leaves an existing share as it is.
      - With O(state=present), the share's scopes become exactly these (see O(append)).
      - With O(state=absent), only these scopes are revoked, and the share goes away when none is left.
    type: list
    elements: str
  append:
    description:
      - Whether O(scopes) are added to the share's current scopes (V(true)) or replace them (V(false)).
    type: bool
    default: false
  state:
    description:
      - V(present) grants the share, V(absent) revokes it.
      - With V(absent) and neither O(user) nor O(group), every share of the server is revoked.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Shares need JupyterHub 5.0 or later. On an older hub the task fails saying so.
  - The token needs the C(shares) scope on the owner (the owner's own token has it), C(read:users:name) or
    C(read:groups:name) for the user or group shared with, and the scopes it shares.
  - A share is for the recipient's browser session. As seen on JupyterHub 6.1, API tokens of the recipient are not
    given the shared access.
  - A share granted to a user or group does not expire.
  - Removing the owner's named server (or the owner, or the group) removes its shares.
seealso:
  - module: jupyterhub.hub.jupyterhub_share_info
  - module: jupyterhub.hub.jupyterhub_share_code
  - module: jupyterhub.hub.jupyterhub_group
"""

EXAMPLES = r"""
- name: Share ada's default server with the physics-101 group
  jupyterhub.hub.jupyterhub_share:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    owner: ada
    group: physics-101
  delegate_to: localhost

- name: Let grace see the activity of ada's named server "lab", and nothing else
  jupyterhub.hub.jupyterhub_share:
    owner: ada
    server_name: lab
    user: grace
    scopes: [read:users:activity]
  delegate_to: localhost

- name: Stop sharing with grace
  jupyterhub.hub.jupyterhub_share:
    owner: ada
    server_name: lab
    user: grace
    state: absent
  delegate_to: localhost

- name: Revoke every share of ada's default server
  jupyterhub.hub.jupyterhub_share:
    owner: ada
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
share:
  description:
    - With O(user) or O(group), the share after the task, as the hub models it. In check mode, the predicted share.
    - V(null) when there is no share (any more), and without O(user) and O(group).
  returned: always
  type: dict
  sample:
    kind: group
    group: {name: physics-101}
    user: null
    scopes: ["access:servers!server=ada/"]
    server: {user: {name: ada}, name: "", url: /user/ada/, full_url: null, ready: false}
    created_at: "2026-11-22T10:40:22.185792Z"
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /shares/ada/"]
diff:
  description:
    - With C(--diff), the share (who, which scopes), or the server's shares, before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {}
    after: {server: ada/, group: physics-101, scopes: ["access:servers!server=ada/"]}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import find_share, plan_revoke_all, plan_share, read_before_change, summarize_share


def run(module):
    params = module.params
    kind = "user" if params["user"] is not None else "group" if params["group"] is not None else None
    if params["state"] == "present" and kind is None:
        module.fail_json(msg="state=present needs user or group: who gets the share (share codes: jupyterhub.hub.jupyterhub_share_code)")
    if params["state"] == "present" and params["scopes"] == []:
        module.fail_json(msg="scopes is empty: a share gives at least one scope. To revoke a share, use state=absent")
    scopes, shares = read_before_change(module.client, "shares", params["owner"], params["server_name"], params["scopes"])
    if kind is None:
        _revoke_all(module, shares)
    else:
        _manage_one(module, shares, kind, params[kind], scopes)


def _manage_one(module, shares, kind, name, scopes):
    """The share with one user or group."""
    params = module.params
    current = find_share(shares, kind, name)
    plan, after = plan_share(params["owner"], params["server_name"], kind, name, current, params["state"], scopes=scopes, append=params["append"])
    answers = module.apply(plan)
    answer = answers[-1] if plan else None
    if answer is not None:
        after = answer or None  # the share as the hub answers it; {} once it is revoked
    module.finish(plan, before=summarize_share(current), after=summarize_share(after), share=after)


def _revoke_all(module, shares):
    """state=absent without user or group: every share of the server."""
    plan = plan_revoke_all(module.params["owner"], module.params["server_name"], shares)
    module.apply(plan)
    before = {"shares": [summarize_share(share) for share in shares]}
    module.finish(plan, before=before, after={"shares": []}, share=None)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            owner=dict(type="str", required=True),
            server_name=dict(type="str", default=""),
            user=dict(type="str"),
            group=dict(type="str"),
            scopes=dict(type="list", elements="str"),
            append=dict(type="bool", default=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        user_name_options=("owner", "user"),
        mutually_exclusive=[("user", "group")],
    )
    module.run(run)


if __name__ == "__main__":
    main()
