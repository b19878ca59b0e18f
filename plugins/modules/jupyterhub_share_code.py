#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_share_code
short_description: Create or revoke the share codes of a JupyterHub user's server
version_added: 1.0.0
description:
  - Creates or revokes share codes for one server of a user (the O(owner)). Whoever has a code can accept it in the
    browser to get a share of the server, with the scopes of the code. Needs JupyterHub 5.0 or later.
  - A code is told apart from the server's other codes by its scopes. With O(state=present), the task creates a code
    unless the server already has a valid code with the same O(scopes). The new code is returned once, in
    RV(share_code), like a token's secret, and can never be read again.
  - With O(state=absent), the task revokes the server's codes with exactly O(scopes), or all of them without O(scopes).
  - Shares with a named user or group are managed by M(jupyterhub.hub.jupyterhub_share).
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
      - The user whose server the codes share.
    type: str
    required: true
  server_name:
    description:
      - The name of the shared server of O(owner). The default V("") is the owner's default server.
      - Every user has a default server for sharing, even one never started. A named server can be shared once it
        exists, that is once it has been started (or, on JupyterHub 6, created) and until it is removed.
    type: str
    default: ""
  scopes:
    description:
      - The permissions a code gives whoever accepts it, for example V(access:servers) or V(read:users:activity).
        The hub restricts each one to the shared server, so C(access:servers) is stored as
        C(access:servers!server=OWNER/SERVER_NAME). A scope with another filter is refused.
      - The person who creates the code must hold these scopes.
      - With O(state=present), unset means access to the server (C(access:servers)).
      - With O(state=absent), only the codes with exactly these scopes are revoked; unset, every code of the server.
      - An empty list is refused.
    type: list
    elements: str
  expires_in:
    description:
      - The seconds a new code stays valid, from 60 to 31536000 (a year). Unset, the hub's default, one day.
      - An existing valid code with the same O(scopes) is kept whatever its expiry.
    type: int
  state:
    description:
      - V(present) creates a code (unless one with the same scopes is valid), V(absent) revokes codes.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Share codes need JupyterHub 5.0 or later. On an older hub the task fails saying so.
  - The token needs the C(shares) scope on the owner (the owner's own token has it) and the scopes the codes give.
  - The result of the run that creates a code holds the code. Set C(no_log=true) on the task, so that the code does
    not reach the output or the logs.
  - Removing the owner's named server (or the owner) removes its codes. An expired code is not listed, so a task with
    O(state=present) creates a new one.
seealso:
  - module: jupyterhub.hub.jupyterhub_share
  - module: jupyterhub.hub.jupyterhub_share_info
"""

EXAMPLES = r"""
- name: A share code for ada's default server, valid for a week
  jupyterhub.hub.jupyterhub_share_code:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    owner: ada
    expires_in: 604800
  delegate_to: localhost
  register: invitation
  no_log: true  # the result holds the code

- name: Send the link (only the run that created the code has it)
  ansible.builtin.debug:
    msg: "https://hub.example.org{{ invitation.share_code.accept_url }}"
  when: invitation.share_code is not none

- name: A code that lets its holder see the activity of ada's server "lab", and nothing else
  jupyterhub.hub.jupyterhub_share_code:
    owner: ada
    server_name: lab
    scopes: [read:users:activity]
  delegate_to: localhost
  register: activity_code
  no_log: true

- name: Revoke the codes of ada's server "lab" with those scopes
  jupyterhub.hub.jupyterhub_share_code:
    owner: ada
    server_name: lab
    scopes: [read:users:activity]
    state: absent
  delegate_to: localhost

- name: Revoke every share code of ada's default server
  jupyterhub.hub.jupyterhub_share_code:
    owner: ada
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
share_code:
  description:
    - The share code created by this task, with the code itself in C(code) and the page that accepts it in
      C(accept_url) (C(full_accept_url) too when the hub knows its public URL).
    - This is the only time the code can be read. V(null) when no code was created, and in check mode.
  returned: always
  type: dict
  sample:
    id: sc_1
    code: VMJegd6T_gshsaYA5XTyewyQX2PeMNGDG7RtPRT76CA
    accept_url: /hub/accept-share?code=VMJegd6T_gshsaYA5XTyewyQX2PeMNGDG7RtPRT76CA
    full_accept_url: null
    scopes: ["access:servers!server=ada/"]
    expires_at: "2026-11-23T10:40:37.346826Z"
    exchange_count: 0
share_codes:
  description:
    - The server's valid share codes after the task, without the codes themselves. In check mode, the predicted
      codes (a code to be created has no C(id) nor C(expires_at) yet).
  returned: always
  type: list
  elements: dict
  sample:
    - id: sc_1
      scopes: ["access:servers!server=ada/"]
      created_at: "2026-11-22T10:40:37.350044Z"
      expires_at: "2026-11-23T10:40:37.346826Z"
      exchange_count: 0
      last_exchanged_at: null
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /share-codes/ada/"]
diff:
  description: With C(--diff), the server's share codes (id, scopes, expiry; never the codes themselves), before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {share_codes: []}
    after: {share_codes: [{id: sc_1, scopes: ["access:servers!server=ada/"], expires_at: "2026-11-23T10:40:37.346826Z"}]}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import CODE_LIFETIME, plan_share_codes, read_before_change, summarize_code, without_secret


def run(module):
    params = module.params
    owner, server_name = params["owner"], params["server_name"]
    if params["scopes"] == []:
        module.fail_json(msg="scopes is empty: a share code gives at least one scope (unset: access:servers; with state=absent, every code)")
    if params["expires_in"] is not None and not CODE_LIFETIME[0] <= params["expires_in"] <= CODE_LIFETIME[1]:
        module.fail_json(msg="expires_in must be from %d to %d seconds, not %d" % (CODE_LIFETIME + (params["expires_in"],)))
    scopes, codes = read_before_change(module.client, "share-codes", owner, server_name, params["scopes"])
    codes = [without_secret(code) for code in codes]
    plan, after = plan_share_codes(owner, server_name, codes, params["state"], scopes=scopes, expires_in=params["expires_in"])
    answers = module.apply(plan)
    answer = answers[-1] if plan else None
    # the answer to a creation holds the new code; a revocation answers nothing
    created = answer if params["state"] == "present" else None
    if created is not None:
        after = codes + [without_secret(created)]
    module.finish(
        plan,
        before={"share_codes": [summarize_code(code) for code in codes]},
        after={"share_codes": [summarize_code(code) for code in after]},
        share_code=created,
        share_codes=after,
    )


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            owner=dict(type="str", required=True),
            server_name=dict(type="str", default=""),
            scopes=dict(type="list", elements="str"),
            expires_in=dict(type="int"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        user_name_options=("owner",),
    )
    module.run(run)


if __name__ == "__main__":
    main()
