#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_token_info
short_description: Read the API tokens of JupyterHub users, metadata only
version_added: 1.0.0
description:
  - Lists the API tokens of a user, of several users, or of every user of the hub, or reads one by its id, or the
    tokens with a note.
  - Filters find the tokens to clean up, for example the tokens nobody used for 90 days (O(unused_for)) or those that
    expire within a week (O(expires_within)). The hub has no list of tokens across users, and a token stays valid
    after its owner has left, so an audit reads every user's tokens (O(all_users=true)). Pass the RV(tokens) found to
    M(jupyterhub.hub.jupyterhub_token) with O(jupyterhub.hub.jupyterhub_token#module:state=absent) to revoke them in
    one run.
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
  - jupyterhub.hub.user_names
options:
  user:
    description:
      - The user, or a list of users (since 1.1.0), whose tokens to read. A user that does not exist fails the task,
        naming it.
      - Defaults to the user the O(api_token) belongs to (C(GET /user)). When the O(api_token) belongs to a service,
        set O(user) or O(all_users).
      - Reading the tokens of another user needs the C(read:tokens) scope on that user. Without it the task fails,
        naming the scope.
      - Several users are read several at a time, one call each.
    type: list
    elements: str
  all_users:
    description:
      - Read the tokens of every user of the hub, instead of O(user). One paginated listing of the users (scope
        C(list:users)), then one call per user, several at a time (scope C(read:tokens) on every user; the C(admin)
        role has both).
      - A user deleted between the listing and the reading of its tokens is skipped and listed in RV(users_gone).
    type: bool
    default: false
    version_added: 1.1.0
  unused_for:
    description:
      - Only the tokens whose last use is older than this duration. A token never used counts from its creation.
      - A number of seconds, or a number with C(s), C(m), C(h), C(d) or C(w), for example V(90d).
    type: str
    version_added: 1.1.0
  expires_within:
    description:
      - Only the tokens that expire within this duration, a number of seconds or a number with C(s), C(m), C(h), C(d)
        or C(w), for example V(7d). A token without expiry never matches.
      - With O(unused_for), a token must match both.
    type: str
    version_added: 1.1.0
  note:
    description:
      - Only the tokens with exactly this note.
    type: str
  token_id:
    description:
      - Only the token with this id (C(a123)). A token that does not exist gives an empty RV(tokens).
      - The token is returned even if the hub made it.
      - Only with one O(user).
    type: str
  include_hub_tokens:
    description:
      - Also list the tokens the hub made itself.
    type: bool
    default: false
notes:
  - Listing a user's tokens makes the hub delete the expired ones.
  - The tokens of services cannot be listed through the API; only users' tokens are read.
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

- name: The tokens of three users
  jupyterhub.hub.jupyterhub_token_info:
    user: [alice, bob, carol]
  delegate_to: localhost

- name: Audit - the tokens of the whole hub that nobody used for 90 days
  jupyterhub.hub.jupyterhub_token_info:
    all_users: true
    unused_for: 90d
  delegate_to: localhost
  register: stale

- name: Revoke them in one run (check mode first, see docs/tokens.md)
  jupyterhub.hub.jupyterhub_token:
    tokens: "{{ stale.tokens }}"
    state: absent
    revoke_max: 100
  delegate_to: localhost

- name: The tokens that expire within a week
  jupyterhub.hub.jupyterhub_token_info:
    all_users: true
    expires_within: 7d
  delegate_to: localhost

- name: The tokens of the user the api_token belongs to, including the hub's own
  jupyterhub.hub.jupyterhub_token_info:
    include_hub_tokens: true
  delegate_to: localhost
"""

RETURN = r"""
tokens:
  description:
    - The tokens found, as the hub models them, by user (in the order of O(user), or of the hub's listing) and oldest
      first. Never a secret.
    - Each has its owner in C(user) and its id in C(id), which is what
      M(jupyterhub.hub.jupyterhub_token) with O(jupyterhub.hub.jupyterhub_token#module:state=absent) needs to revoke it.
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
  returned: when one user was read (not O(all_users), and O(user) one name or unset)
  type: str
  sample: alice
users:
  description: The users whose tokens were read, in order.
  returned: always
  type: list
  elements: str
  version_added: 1.1.0
  sample: [alice, bob]
users_gone:
  description: With O(all_users), the users deleted between the listing and the reading of their tokens (skipped).
  returned: always
  type: list
  elements: str
  version_added: 1.1.0
  sample: []
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.token_runner import token_owner
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import filter_tokens, read_owner_names, read_tokens, select_tokens


def run(module):
    params = module.params
    unused, expiring = module.duration_option("unused_for"), module.duration_option("expires_within")
    gone = []
    if params["all_users"] and (params["user"] or params["token_id"] is not None):
        module.fail_json(msg="all_users reads every user's tokens: it cannot go with user or token_id")
    owners = read_owner_names(module.client) if params["all_users"] else list(dict.fromkeys(params["user"] or [token_owner(module)]))
    tokens_of, gone = read_tokens(module.client, owners, params["token_id"])
    if gone and not params["all_users"]:
        module.fail_json(msg="unknown user(s): %s" % name_list(gone), unknown_users=gone)
    tokens = []
    for owner in owners:
        selected = select_tokens(tokens_of.get(owner) or [], note=params["note"], token_id=params["token_id"],
                                 include_hub_made=params["include_hub_tokens"])
        # the hub's model names the owner; a token read by id from an older hub may not
        tokens.extend(dict(token, user=token.get("user") or owner) for token in filter_tokens(selected, unused=unused, expiring=expiring))
    result = dict(tokens=tokens, users=[owner for owner in owners if owner not in gone], users_gone=gone)
    if len(owners) == 1 and not params["all_users"]:
        result["owner"] = owners[0]
    module.finish([], **result)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            user=dict(type="list", elements="str"),
            all_users=dict(type="bool", default=False),
            unused_for=dict(type="str"),
            expires_within=dict(type="str"),
            note=dict(type="str"),
            token_id=dict(type="str", no_log=False),
            include_hub_tokens=dict(type="bool", default=False, no_log=False),
        ),
        user_name_options=("user",),
        mutually_exclusive=[("note", "token_id")],
    )
    module.run(run)


if __name__ == "__main__":
    main()
