#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_token_info
short_description: Read the API tokens of a JupyterHub user, metadata only
version_added: 1.0.0
description:
  - Lists the API tokens of a user, or reads one by its id, or the tokens with a note.
  - Returns what the hub knows of a token, such as its id, note, scopes, expiry and last use. The secret of a token
    cannot be read after its creation, see M(jupyterhub.hub.jupyterhub_token).
  - Tokens the hub makes itself are left out unless O(include_hub_tokens=true). These are the tokens of single-user
    servers (note C(Server at /user/...)), the OAuth tokens of browser logins to servers and services, and the tokens
    of the hub's configuration (note C(from config)).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.info_module
options:
  user:
    description:
      - The user whose tokens to read.
      - Defaults to the user the O(api_token) belongs to (C(GET /user)). When the O(api_token) belongs to a service,
        set O(user).
      - Reading the tokens of another user needs the C(read:tokens) scope on that user.
      - User names are checked before any call, in check mode too. A name with upper-case letters (the hub stores
        names in lower case) or with white space around it is refused, naming the form to use.
    type: str
  note:
    description:
      - Only the tokens with exactly this note.
    type: str
  token_id:
    description:
      - Only the token with this id (C(a123)). A token that does not exist gives an empty RV(tokens).
      - The token is returned even if the hub made it.
    type: str
  include_hub_tokens:
    description:
      - Also list the tokens the hub made itself.
    type: bool
    default: false
notes:
  - Listing a user's tokens makes the hub delete the expired ones.
seealso:
  - module: jupyterhub.hub.jupyterhub_token
"""

EXAMPLES = r"""
- name: The tokens of alice
  jupyterhub.hub.jupyterhub_token_info:
    api_url: https://hub.example.org/hub/api
    api_token: "{{ vault_jupyterhub_api_token }}"
    user: alice
  delegate_to: localhost
  register: alice_tokens

- name: Tokens of alice that were never used
  ansible.builtin.debug:
    msg: "{{ alice_tokens.tokens | selectattr('last_activity', 'none') | map(attribute='note') | list }}"

- name: The tokens with the note grader
  jupyterhub.hub.jupyterhub_token_info:
    user: alice
    note: grader
  delegate_to: localhost

- name: One token by id, even one the hub made
  jupyterhub.hub.jupyterhub_token_info:
    user: alice
    token_id: a42
  delegate_to: localhost

- name: The tokens of the user the api_token belongs to, including the hub's own
  jupyterhub.hub.jupyterhub_token_info:
    include_hub_tokens: true
  delegate_to: localhost
"""

RETURN = r"""
tokens:
  description:
    - The tokens found, oldest first, as the hub models them. Never a secret.
    - The hub returns C(scopes) expanded, with their filters resolved, for example C(read:users!user=alice).
  returned: always
  type: list
  elements: dict
  sample:
    - id: a42
      kind: api_token
      user: alice
      note: grader
      scopes: ["read:users!user=alice", "servers!user=alice"]
      roles: []
      expires_at: "2026-12-22T10:00:00.000000Z"
      created: "2026-11-22T10:00:00.000000Z"
      last_activity: "2026-11-22T11:00:00.000000Z"
      oauth_client: JupyterHub
      session_id: null
owner:
  description: The user whose tokens were read (O(user), or its default).
  returned: always
  type: str
  sample: alice
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import read_tokens, select_tokens, token_owner


def list_owner_tokens(module):
    params = module.params
    owner = token_owner(module)
    tokens = read_tokens(module.client, owner, params["token_id"])
    tokens = select_tokens(tokens, note=params["note"], token_id=params["token_id"], include_hub_made=params["include_hub_tokens"])
    module.finish([], tokens=tokens, owner=owner)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            user=dict(type="str"),
            note=dict(type="str"),
            token_id=dict(type="str", no_log=False),
            include_hub_tokens=dict(type="bool", default=False, no_log=False),
        ),
        user_name_options=("user",),
        mutually_exclusive=[("note", "token_id")],
    )
    module.run(list_owner_tokens)


if __name__ == "__main__":
    main()
