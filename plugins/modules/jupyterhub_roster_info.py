#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_roster_info
short_description: Export a JupyterHub's users, groups and token metadata as the roster the onboard role takes
version_added: 1.2.0
description:
  - Reads the hub's users and groups, and optionally its users' token metadata. Returns them in the exact form of the
    variables of the M(jupyterhub.hub.onboard) role (C(onboard_users), C(onboard_groups), C(onboard_tokens)), in
    RV(roster). The same as the text of a vars file goes to the file O(dest), or, without it, in RV(content).
  - The export is stable, so that a file kept in git shows in C(git diff) what changed on the hub. Every list is
    sorted by name, with one entry a line. There are no timestamps. A token's expiry is its lifetime (from its
    creation to its expiry, the C(expires_in) it was made with), not what is left of it. Two exports of an unchanged
    hub are the same bytes.
  - Never a secret. A token is its owner, note, scopes and lifetime, never its value, and no user's C(auth_state) is
    read. Applied to another hub, the role makes new tokens with new secrets.
  - The users and the groups are each read with one paginated listing, whatever their number. Tokens are one call
    per exported user, several at a time, and only with O(include_tokens=true).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
options:
  name_filter:
    description:
      - Only users whose name contains this text (case-insensitive), as the hub's C(name_filter) does. The groups
        then list only those users as members, and groups without any are left out.
    type: str
  group:
    description:
      - Only the users of these groups, and only these groups. A group that does not exist fails the task.
    type: list
    elements: str
  inactive_for:
    description:
      - Only users idle for longer than this duration (V(90d), V(12h), a number of seconds), as
        M(jupyterhub.hub.jupyterhub_user_info) counts it. Groups list only those users, as with O(name_filter).
    type: str
  include_tokens:
    description:
      - Also export the API tokens of the exported users, as C(onboard_tokens) entries with C(user), C(note),
        C(scopes) and C(expires_in). The tokens the hub made itself (a server's, an OAuth login's) are left out. So
        are tokens without a note, since nothing could name them on another hub; RV(tokens_left_out) lists those.
      - Needs C(read:tokens) for those users (part of C(admin:users)).
    type: bool
    default: false
  dest:
    description:
      - Write the export to this file on the node that runs the module (usually the controller), as a vars file for
        the role (C(-e @file)). The file has mode C(0600), because it names people, and is replaced atomically.
      - The task is changed when the file changes. Check mode writes nothing and says whether it would change the
        file. C(--diff) shows the text before and after, which is how a drift check shows what changed on the hub.
      - The path must be absolute, and its directory must exist.
    type: path
attributes:
  check_mode:
    support: full
    details: The hub is only read. With O(dest), check mode writes no file and says whether it would change.
  diff_mode:
    support: full
    details: With O(dest), the file's text before and after.
notes:
  - Group memberships are in C(onboard_groups) only, not in the users' C(groups). Each C(onboard_groups) entry has
    C(members) and, if set, C(properties). Groups without O(group) or a filter are all exported, also the empty ones.
  - The role's C(append) is left at its default (V(true)). Applying the file adds and never removes members; to make
    memberships exact, set C(append) to V(false) in the file or prune with the role.
  - Single-user servers are not exported.
seealso:
  - module: jupyterhub.hub.jupyterhub_roster
  - module: jupyterhub.hub.jupyterhub_user_info
"""

EXAMPLES = r"""
- name: Export the hub to a file kept in git
  jupyterhub.hub.jupyterhub_roster_info:
    include_tokens: true
    dest: "{{ playbook_dir }}/hub.yml"
  delegate_to: localhost

- name: Export one course, and use the roster in the same play
  jupyterhub.hub.jupyterhub_roster_info:
    group: [physics-101]
  register: course

- name: Put that course on another hub
  ansible.builtin.include_role:
    name: jupyterhub.hub.onboard
  vars:
    onboard_api_url: https://new-hub.example.org/hub/api
    onboard_api_token: "{{ new_hub_token }}"
    onboard_users: "{{ course.roster.onboard_users }}"
    onboard_groups: "{{ course.roster.onboard_groups }}"

- name: Drift check, for a nightly job (fails if the hub no longer matches the file in git)
  jupyterhub.hub.jupyterhub_roster_info:
    dest: /srv/hub-config/hub.yml
  check_mode: true
  diff: true
  register: drift
  failed_when: drift.changed
"""

RETURN = r"""
roster:
  description: The export, as the variables of the onboard role.
  returned: always
  type: dict
  contains:
    onboard_users:
      description: Each user, sorted by name, as C({name}) with C(admin) only when true.
      type: list
      elements: dict
    onboard_groups:
      description: Each group, sorted by name, with its sorted C(members) and its C(properties) when it has any.
      type: list
      elements: dict
    onboard_tokens:
      description: With O(include_tokens), each token with a note, as C({user, note, scopes, expires_in}).
      type: list
      elements: dict
  sample:
    onboard_users: [{name: ada}, {name: prof, admin: true}]
    onboard_groups: [{name: physics-101, members: [ada], properties: {room: B}}]
content:
  description: The roster as the text of a vars file. With O(dest), the file holds it instead (and C(--diff) shows it).
  returned: when O(dest) is not set
  type: str
counts:
  description: How many users, groups and tokens were exported.
  returned: always
  type: dict
  sample: {users: 2, groups: 1, tokens: 0}
tokens_left_out:
  description: With O(include_tokens), the tokens not exported (no note), with C(user), C(id) and C(reason).
  returned: always
  type: list
  elements: dict
dest:
  description: The file written (or, in check mode, that would be), as given.
  returned: when O(dest) is set
  type: str
diff:
  description: With O(dest) and C(--diff), the file's text before and after.
  returned: when diff mode is on and O(dest) is set
  type: dict
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.export import export_roster, render_roster
from ansible_collections.jupyterhub.hub.plugins.module_utils.groups import members_of
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import read_tokens
from ansible_collections.jupyterhub.hub.plugins.module_utils.users import idle_users


def run(module):
    params = module.params
    client = module.client
    idle_seconds = module.duration_option("inactive_for")
    users = client.paginate("/users", params={"name_filter": params["name_filter"]} if params["name_filter"] else None)
    groups = client.paginate("/groups")
    if params["group"]:
        found = dict((group["name"], group) for group in groups)
        module.require_existing("groups", params["group"], "Name groups the hub has.", found=found)
        try:
            members = set(members_of(found, params["group"]))
        except ValueError as err:
            module.fail_json(msg="the token cannot read the members of group(s) %s (scope read:groups)" % err)
        users = [user for user in users if user["name"] in members]
        groups = [found[name] for name in params["group"] if name in found]
    if idle_seconds is not None:
        users = idle_users(users, idle_seconds)
    if params["name_filter"] or params["inactive_for"]:
        names = set(user["name"] for user in users)
        groups = [group for group in groups if names.intersection(group.get("users") or [])]
    tokens_of = read_tokens(client, [user["name"] for user in users])[0] if params["include_tokens"] and users else None
    if params["include_tokens"] and tokens_of is None:
        tokens_of = {}
    roster, left_out = export_roster(users, groups, tokens_of)
    content = render_roster(roster)
    counts = dict(users=len(roster["onboard_users"]), groups=len(roster["onboard_groups"]), tokens=len(roster.get("onboard_tokens", [])))
    result = dict(roster=roster, counts=counts, tokens_left_out=left_out)
    if params["dest"]:
        # the file holds the text (and --diff shows it): not in the result too, which a hub of 20,000 users makes big
        changed, before = module.write_file(params["dest"], content, "dest")
        module.finish([], changed=changed, before=before or "", after=content, dest=params["dest"], **result)
    else:
        module.finish([], changed=False, content=content, **result)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            name_filter=dict(type="str"),
            group=dict(type="list", elements="str"),
            inactive_for=dict(type="str"),
            include_tokens=dict(type="bool", default=False, no_log=False),
            dest=dict(type="path"),
        ),
    )
    module.run(run)


if __name__ == "__main__":
    main()
