#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_token
short_description: Create, rotate and revoke JupyterHub API tokens, idempotently by note
version_added: 1.0.0
description:
  - Creates an API token for a user of the hub, rotates it, or revokes tokens.
  - The hub shows the secret of a token once, when it creates it, and lets several tokens share a note. This module
    makes the note the identity of a token. O(state=present) means that a token with this O(note) exists for the
    user. The module creates one only when none exists, and returns the secret in RV(token) only then.
  - O(force=true) rotates the token. The module creates a new token with the note, returns its secret, then revokes
    every older token with the note.
  - O(secret_file) writes a new secret to a file on the node that runs the module instead of returning it, so the task
    needs no C(no_log) and its failures stay readable.
  - O(rotate_before) rotates the token only when it expires within a duration, for a nightly run that rotates only
    what is due.
  - O(state=absent) revokes one token by O(token_id), or every token with the O(note), or a list of tokens in
    O(tokens), such as the stale tokens M(jupyterhub.hub.jupyterhub_token_info) found.
  - Without an O(api_token), the module can sign in with a user name and password through the hub's own
    authenticator (O(auth_username), O(auth_password)). This bootstraps the first token on a hub where Ansible has
    none yet.
  - Tokens the hub makes itself are never matched by their note, nor revoked by it. These are the tokens of
    single-user servers (note C(Server at /user/...)), the OAuth tokens of browser logins to servers and services,
    and the tokens of the hub's configuration (note C(from config)).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.password_sign_in
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
  - jupyterhub.hub.user_names
options:
  user:
    description:
      - The user who owns the tokens.
      - Defaults to the user the O(api_token) belongs to (C(GET /user)), or to O(auth_username) when the module signs
        in with a password.
      - Only users have tokens the API can manage. When the O(api_token) belongs to a service, set O(user).
      - Managing the tokens of another user needs the C(tokens) scope on that user (the C(admin) role has it).
    type: str
  note:
    description:
      - The note of the token, which identifies it. Required with O(state=present).
      - With O(state=absent), every token of O(user) with exactly this note is revoked.
      - Notes the hub gives its own tokens (C(Server at ...), C(retrieved from spawner ...), C(from config)) are
        refused.
    type: str
  scopes:
    description:
      - The scopes of a new token, for example V([read:users!user, servers!user]).
      - Unset gives the hub's default, the C(token) role, which by default is everything the owner may do.
      - The hub refuses scopes the owner does not hold. The task then fails with the hub's message.
      - Used only when a token is created. An existing token with the note keeps its scopes, because the hub cannot
        change them. Use O(force=true) to replace it with a token with the new scopes.
      - Mutually exclusive with O(roles).
    type: list
    elements: str
  expires_in:
    description:
      - Lifetime of a new token, in seconds. Unset or V(null) means no expiry.
      - If the hub sets C(JupyterHub.token_expires_in_max_seconds), a longer lifetime fails with the hub's message,
        and a token without expiry gets that maximum.
      - Used only when a token is created, like O(scopes). Once a token has expired, the hub deletes it, and the next
        run creates a new one.
    type: int
  force:
    description:
      - With O(state=present), create a new token even when one with the note exists, then revoke every older token
        with the note (rotation).
      - The new token is created first, so a failed creation leaves the old tokens in place.
      - The task reports a change on every run.
    type: bool
    default: false
  token_id:
    description:
      - With O(state=absent), the id of the token to revoke (C(a123), as in RV(token_model.id)), instead of O(note).
      - Any token of O(user) can be revoked by its id, also one the hub made. Revoking an OAuth token revokes every
        token the user has from that OAuth client.
    type: str
  state:
    description:
      - V(present) makes sure a token with O(note) exists.
      - V(absent) revokes the token O(token_id), or all tokens with O(note), or the tokens of O(tokens). Nothing to
        revoke is not an error.
    type: str
    choices: [present, absent]
    default: present
  tokens:
    description:
      - Many tokens, of several owners, in one run, instead of O(note), O(user) and their companions. Each entry is a
        dict.
      - With O(state=present), each entry is a token to have, with the suboptions C(user) (required), C(note)
        (required), C(scopes), C(roles), C(expires_in), C(rotate_before) and C(secret_file), which mean what the
        options of the same names mean for one token. Another key fails the task before any call. Each is created
        unless its owner has a token with its note, and rotated when it has a C(rotate_before) and that token is due.
        Two entries cannot name the same C(secret_file).
      - With O(state=absent), each entry is a token to revoke, with the suboptions C(user) (required) and C(id) or
        C(note). Every other key is ignored, so the RV(jupyterhub.hub.jupyterhub_token_info#module:tokens) list that
        M(jupyterhub.hub.jupyterhub_token_info) returns can be passed as it is, for example V({{ stale.tokens }}). A
        token already gone is not a change, and O(revoke_max) bounds the run.
      - Kept, and listed in RV(kept) with the reason and a warning, are the token the task authenticates with (on a hub
        before JupyterHub 5.0, which does not say which token is in use, every token of the user the task authenticates
        as) and the tokens the hub made itself (a server's, an OAuth client's), whose revocation would cut a running
        server off. Revoke one of those by O(token_id) if you mean it.
      - The module checks each entry itself, for its state, before any call, and names the entry that is wrong. The
        argument spec cannot, because with O(state=absent) an entry may carry any metadata key of
        M(jupyterhub.hub.jupyterhub_token_info) (C(created), C(last_activity), ...).
      - The owners' tokens are read once per owner, several at a time, and each new or revoked token is one call.
      - The secrets of the tokens this run creates are in RV(token_secrets), except those of entries with a
        C(secret_file), which go to their files. Unless every entry has a C(secret_file), set C(no_log=true) on the
        task, and show RV(tokens) (owners, notes, whether created; no secret) in a later task.
    type: list
    elements: dict
    suboptions:
      user:
        description:
          - The owner of the token. Both states.
        type: str
        required: true
      note:
        description:
          - The token's note. Required with O(state=present). With O(state=absent), every token of C(user) with this
            note, unless C(id) is given.
        type: str
      id:
        description:
          - With O(state=absent), the id of the token to revoke, as O(token_id). Not with O(state=present).
        type: str
      scopes:
        description:
          - With O(state=present), the scopes of a new token, as O(scopes). Mutually exclusive with C(roles).
        type: list
        elements: str
      roles:
        description:
          - With O(state=present), the roles of a new token, as O(roles). Mutually exclusive with C(scopes).
        type: list
        elements: str
      expires_in:
        description:
          - With O(state=present), the lifetime of a new token in seconds, as O(expires_in).
        type: int
      rotate_before:
        description:
          - With O(state=present), rotate the token when it expires within this duration, as O(rotate_before). Needs
            C(expires_in).
        type: str
      secret_file:
        description:
          - With O(state=present), the file the secret of a new token is written to, as O(secret_file), instead of
            RV(token_secrets).
        type: path
        version_added: 1.2.0
  roles:
    description:
      - The roles of a new token, by name, for example V([user]) or V([grader]). The hub turns them into their scopes
        when it makes the token.
      - The owner must hold the roles' scopes, and the roles must exist in the hub's configuration
        (C(c.JupyterHub.load_roles), or the built-in C(user), C(admin), C(server) and C(token)). Otherwise the task
        fails with the hub's message (C(400 ... Not assigning requested scopes) or C(400 ... No such role)).
      - Used only when a token is created, like O(scopes). The hub keeps a token's scopes, not its roles (its model
        always has an empty C(roles) list), so a changed O(roles) cannot be compared with an existing token. An
        existing token with the note is kept as it is. Use O(force=true), or wait for O(rotate_before), to get a token
        made from the new roles.
      - Mutually exclusive with O(scopes) (the hub takes one or the other).
    type: list
    elements: str
    version_added: 1.1.0
  rotate_before:
    description:
      - Rotate the token with the O(note) when it expires within this duration. A number of seconds, or a number with
        C(s), C(m), C(h), C(d) or C(w), for example V(7d).
      - Rotation creates a new token with the note, O(scopes) or O(roles), and O(expires_in), then revokes the old
        tokens with the note, new first, so that there is always a valid token. The run returns the new secret in
        RV(token) and what it rotated, and why, in RV(rotated). A token that is not due is kept, and the run is C(ok).
      - Needs O(expires_in), the lifetime of the new token.
      - A token that never expires is never rotated (the task warns). The hub deletes expired tokens when it lists
        them, so a token that has already expired is gone, and the task creates a new one (RV(rotated) is then
        V(null)).
      - If the creation succeeds and a revocation fails, the task fails with the new secret in RV(token), the old
        token in RV(rotated), and the calls done and not done.
      - Check mode and C(--diff) show the rotation a real run would make.
      - Mutually exclusive with O(force).
    type: str
    version_added: 1.1.0
  secret_file:
    description:
      - Write the secret of a new token to this file, on the node that runs the module (usually the controller, with
        C(delegate_to=localhost)), instead of returning it in RV(token). The result and the diff never hold the
        secret, so the task needs no C(no_log), and a failure shows its message. RV(secret_file) says where the
        secret is, RV(secret_written) whether this run wrote a new one.
      - The file holds the secret alone, without a newline, with mode C(0600). It is written only when the run
        creates a token (the first run, O(force=true), a due O(rotate_before), a token the hub deleted when it
        expired), and replaced atomically (a temporary file in the same directory, synced, then renamed over it), so
        a reader sees the old secret or the new one. A file replaced keeps its owner and group when the module runs
        as root. A run that keeps the token leaves the file as it is, also its modification time.
      - The path must be absolute, and its directory must exist. Otherwise the task fails before any call, in check
        mode too.
      - In a rotation, the new secret is written as soon as the hub has created the token, before the old tokens are
        revoked. A revocation that fails then fails the task with the new secret already in the file. If the file
        cannot be written, the new token is revoked again and the old ones are kept.
      - If a token with the O(note) exists but the file does not, the task keeps the token and warns. The hub cannot
        show that secret again. Run the task once with O(force=true) to rotate the token and write a new secret.
      - Check mode writes nothing, and RV(secret_written) says whether a real run would write. C(--diff) shows whether
        the file would change, never the secret.
      - Only with O(state=present).
      - Read the secret in a later task with V({{ lookup('ansible.builtin.file', path\) }}), or have the service
        that uses the token read the file.
    type: path
    version_added: 1.2.0
  revoke_max:
    description:
      - With O(tokens) and O(state=absent), the most tokens one run may revoke. A run that would revoke more fails
        before revoking any, naming their count, so that a wrong filter cannot revoke every token of the hub.
    type: int
    default: 10
    version_added: 1.1.0
notes:
  - The secret is returned in RV(token) only by the run that creates the token. Store it at once, for example in a
    vault file or with M(ansible.builtin.set_stats) in AWX. Set C(no_log=true) on the task if its result is printed
    anywhere, and on any task that prints RV(token). The module itself never puts the secret in RV(plan), the diff or
    warnings. With O(secret_file), the secret is in the file and nowhere in the result, and the task needs no
    C(no_log).
  - Idempotency with a password. When the module signs in with O(auth_username) and O(auth_password), it reads the
    tokens of O(user) with the temporary sign-in token first. A second run is therefore C(ok) and returns no secret,
    as with an O(api_token). To get a usable secret on every run, for the following tasks of the same play, use
    O(force=true) and O(expires_in). The task then rotates the token each time.
  - With a password in check mode, the module assumes that no token with the note exists and predicts its creation.
  - Listing a user's tokens makes the hub delete the expired ones, also in check mode.
  - Notes are not unique on the hub. Two runs of the same task at the same time can create two tokens with the note.
    Later runs see an existing token and change nothing, and O(force=true) or O(state=absent) cleans up both.
  - If the O(api_token) the task uses is itself among the tokens it revokes, it is revoked last and the task warns.
    The following tasks need another token.
  - This module replaces the C(POST /authorizations/token) endpoint, which JupyterHub 2.0 removed.
seealso:
  - module: jupyterhub.hub.jupyterhub_token_info
  - module: jupyterhub.hub.jupyterhub_info
  - name: JupyterHub REST API, tokens
    description: The hub's documentation of tokens and scopes.
    link: https://jupyterhub.readthedocs.io/en/stable/reference/rest-api.html
"""

EXAMPLES = r"""
- name: A token for the grading service of alice (created once, ok afterwards)
  jupyterhub.hub.jupyterhub_token:
    api_url: https://hub.example.org/hub/api
    api_token: "{{ vault_jupyterhub_api_token }}"
    user: alice
    note: grader
    scopes: [read:users!user, servers!user]
    expires_in: 2592000  # 30 days
  delegate_to: localhost
  register: grader
  no_log: true  # the result holds the secret on the run that creates it

- name: Save a new secret in a vault-encrypted file, only when one was created
  ansible.builtin.copy:
    content: "{{ {'grader_token': grader.token} | to_nice_yaml | ansible.builtin.vault(vault_password) }}"
    dest: group_vars/all/grader_token.vault.yml
    mode: "0600"
  delegate_to: localhost
  when: grader.token is defined
  no_log: true

- name: Rotate it (a new secret on every run, older tokens with this note revoked)
  jupyterhub.hub.jupyterhub_token:
    user: alice
    note: grader
    scopes: [read:users!user, servers!user]
    force: true
  delegate_to: localhost
  register: rotated
  no_log: true

- name: AWX - hand the new secret to the next job template of a workflow
  ansible.builtin.set_stats:
    data:
      grader_token: "{{ rotated.token }}"
    per_host: false
  no_log: true

- name: Nightly - rotate the grader token only when it expires within a week (a new 30-day token, then the old revoked)
  jupyterhub.hub.jupyterhub_token:
    user: alice
    note: grader
    roles: [grader]
    expires_in: 2592000
    rotate_before: 7d
  delegate_to: localhost
  register: nightly
  no_log: true  # the secret, on the night it rotates

- name: Nightly - rotate every service token that is due, in one run
  jupyterhub.hub.jupyterhub_token:
    tokens: "{{ service_accounts | map('combine', {'expires_in': 2592000, 'rotate_before': '7d'}) | list }}"
  delegate_to: localhost
  register: rotation
  no_log: true

- name: A service token written to a file on the controller; no no_log, since the result holds no secret
  jupyterhub.hub.jupyterhub_token:
    user: svc-grader
    note: grading
    roles: [grader]
    expires_in: 2592000
    rotate_before: 7d  # a nightly run rotates it in its last week, and writes the new secret to the file
    secret_file: /etc/jupyterhub/secrets/grader.token
  delegate_to: localhost
  register: grader_token

- name: Restart the grader when it got a new secret
  ansible.builtin.systemd_service:
    name: grader
    state: restarted
  when: grader_token.secret_written

- name: Every service token in one run, each secret in its own file
  jupyterhub.hub.jupyterhub_token:
    tokens:
      - {user: svc-grader, note: grading, roles: [grader], secret_file: /etc/jupyterhub/secrets/grader.token}
      - {user: svc-backup, note: backup, scopes: ["read:users"], secret_file: /etc/jupyterhub/secrets/backup.token}
  delegate_to: localhost

- name: Find the tokens nobody used for 90 days, on the whole hub
  jupyterhub.hub.jupyterhub_token_info:
    all_users: true
    unused_for: 90d
  delegate_to: localhost
  register: stale

- name: Revoke them in one run, at most 200 (the list is passed as jupyterhub_token_info returns it)
  jupyterhub.hub.jupyterhub_token:
    tokens: "{{ stale.tokens }}"
    state: absent
    revoke_max: 200
  delegate_to: localhost

- name: Bootstrap - the first token of an admin, with the admin's password (no api_token yet)
  jupyterhub.hub.jupyterhub_token:
    api_url: https://hub.example.org/hub/api
    auth_username: hubadmin
    auth_password: "{{ vault_hubadmin_password }}"
    note: ansible
    expires_in: 3600
    force: true  # a fresh secret on every run, for the tasks below
  delegate_to: localhost
  register: bootstrap
  no_log: true

- name: Use the bootstrapped token for the rest of the play
  jupyterhub.hub.jupyterhub_user:
    api_url: https://hub.example.org/hub/api
    api_token: "{{ bootstrap.token }}"
    name: [alice, bob]
  delegate_to: localhost

- name: Revoke every token of alice with the note grader
  jupyterhub.hub.jupyterhub_token:
    user: alice
    note: grader
    state: absent
  delegate_to: localhost

- name: Revoke one token by its id
  jupyterhub.hub.jupyterhub_token:
    user: alice
    token_id: a42
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
token:
  description:
    - The secret of the token the task created. Use it as an O(api_token), or in an C(Authorization) header
      of the form C(token <secret>).
    - Returned only by a run that creates a token. Never in check mode, and never for a token that already existed,
      because the hub shows a secret only once.
    - Not returned with O(secret_file), whose file holds the secret instead.
  returned: when a token was created, without O(secret_file)
  type: str
  sample: 4f6c2c6c9d1f4a5e8a0b7c3d2e1f0a9b
secret_file:
  description:
    - The file that holds the token's secret, O(secret_file).
  returned: when O(secret_file) is set
  type: str
  version_added: 1.2.0
  sample: /etc/jupyterhub/secrets/grader.token
secret_written:
  description:
    - Whether this run wrote a new secret to O(secret_file) (in check mode, whether a real run would). V(false) when
      the token was kept.
  returned: when O(secret_file) is set
  type: bool
  version_added: 1.2.0
  sample: true
token_model:
  description:
    - The token with the note after the task, as the hub models it, without its secret.
    - The created token, or the newest existing one with the note. In check mode, the predicted token, with
      C(id) V(null).
    - V(null) with O(state=absent).
  returned: when O(tokens) is not set
  type: dict
  contains:
    id:
      description: The token's id, for O(token_id). V(null) for a token predicted in check mode.
      type: str
      sample: a42
    user:
      description: The owner.
      type: str
      sample: alice
    note:
      description: The note.
      type: str
      sample: grader
    scopes:
      description:
        - The scopes the token holds, as the hub expands them.
        - For a token predicted in check mode, the O(scopes) asked for, or V(null) for the hub's default.
      type: list
      elements: str
      sample: ["read:users!user=alice", "servers!user=alice"]
    expires_at:
      description: When the token expires, V(null) for never.
      type: str
      sample: "2026-12-22T10:00:00.000000Z"
    created:
      description: When the token was created.
      type: str
      sample: "2026-11-22T10:00:00.000000Z"
    last_activity:
      description: When the token was last used, V(null) if never.
      type: str
  sample:
    id: a42
    kind: api_token
    user: alice
    note: grader
    scopes: ["read:users!user=alice", "servers!user=alice"]
    roles: []
    expires_at: "2026-12-22T10:00:00.000000Z"
    created: "2026-11-22T10:00:00.000000Z"
    last_activity: null
    oauth_client: JupyterHub
    session_id: null
tokens:
  description:
    - With O(tokens) and O(state=present), each token in the order given, as its owner, note, whether this run created
      it, and its model.
    - C(rotated) (added in 1.1.0) is what the entry's C(rotate_before) rotated, as RV(rotated), or V(null); C(revoked)
      (added in 1.1.0) the tokens revoked for it, without their secrets.
    - For an entry with a C(secret_file) (added in 1.2.0), C(secret_file) is that file and C(secret_written) whether
      this run wrote a new secret to it (in check mode, whether a real run would), as RV(secret_file) and
      RV(secret_written) are for one token.
  returned: when O(tokens) is set and O(state=present)
  type: list
  elements: dict
  sample:
    - user: svc-grader
      note: grading
      created: true
      rotated: {id: a11, user: svc-grader, note: grading, expires_at: "2026-12-02T10:00:00.000000Z", reason: "expires at ..."}
      revoked: [{id: a11, user: svc-grader, note: grading}]
      token_model: {id: a12, note: grading, scopes: ["read:users"]}
      secret_file: /etc/jupyterhub/secrets/grader.token
      secret_written: true
token_secrets:
  description:
    - With O(tokens), the secrets of the tokens this run created, by C(owner/note). Empty when none was created,
      and in check mode.
    - Never the secret of an entry with a C(secret_file), whose file holds it instead.
  returned: when O(tokens) is set and O(state=present)
  type: dict
  sample: {svc-grader/grading: 0123456789abcdef0123456789abcdef}
revoked:
  description:
    - The tokens the task revoked (or would revoke in check mode), without their secrets.
    - With O(tokens) and O(state=absent), their id, owner, note, creation, expiry and last use.
  returned: when O(tokens) is not set, or O(state=absent)
  type: list
  elements: dict
  sample:
    - id: a41
      user: alice
      note: grader
      created: "2026-10-22T10:00:00.000000Z"
rotated:
  description:
    - The token O(rotate_before) rotated (or would rotate in check mode), and why. V(null) when none was due.
  returned: when O(tokens) is not set
  type: dict
  version_added: 1.1.0
  sample:
    id: a41
    user: alice
    note: grader
    created: "2026-11-22T10:00:00.000000Z"
    expires_at: "2026-12-02T10:00:00.000000Z"
    last_activity: null
    reason: expires at 2026-12-02T10:00:00.000000Z, within rotate_before=7d
kept:
  description:
    - With O(tokens) and O(state=absent), the tokens of the list that the task did not revoke, and why (the token the
      task authenticates with, a token of its user on a hub before 5.0, a token the hub made).
  returned: when O(tokens) is set and O(state=absent)
  type: list
  elements: dict
  version_added: 1.1.0
  sample: [{id: a7, user: ansible-admin, note: awx, reason: the token this task authenticates with}]
users_gone:
  description:
    - With O(tokens) and O(state=absent), the owners the hub no longer has (deleted since the list was made). Their
      tokens went with them, which is not a change.
  returned: when O(tokens) is set and O(state=absent)
  type: list
  elements: str
  version_added: 1.1.0
  sample: [old-student]
owner:
  description: The user whose tokens the task managed (O(user), or its default).
  returned: when O(tokens) is not set
  type: str
  sample: alice
plan:
  description:
    - The API calls the task made, or would make in check mode, as C(METHOD path). Never a secret.
    - The temporary sign-in token of O(auth_username) is not part of it.
  returned: always
  type: list
  elements: str
  sample: ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a41"]
diff:
  description:
    - With C(--diff), the id, note, scopes and expiry of the tokens with the note, before and after. Never a secret.
    - With O(secret_file) (or C(secret_file) in entries of O(tokens)), C(secret_files) says of each file whether it
      is there, and whether the run writes a new secret to it, never what it holds.
  returned: when diff mode is on
  type: dict
  sample:
    before:
      tokens: [{id: a41, note: grader, scopes: ["read:users!user=alice"], expires_at: null}]
      secret_files: {/etc/jupyterhub/secrets/grader.token: "(a secret, not shown)"}
    after:
      tokens: [{id: a42, note: grader, scopes: ["read:users!user=alice"], expires_at: null}]
      secret_files: {/etc/jupyterhub/secrets/grader.token: "(a new secret, not shown)"}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import check_user_names
from ansible_collections.jupyterhub.hub.plugins.module_utils.token_runner import (
    apply_token_plan,
    check_entries,
    check_expiry,
    check_note,
    check_secret_option,
    create_tokens,
    revoke_tokens,
    token_owner,
)
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import plan_token, read_tokens, rotation, rotation_problem, select_tokens


def run(module):
    params = module.params
    _check_options(module)
    if params["tokens"] is not None:
        checked, errors = check_entries(params["tokens"], params["state"])
        if errors:
            module.fail_json(msg="tokens: %s. Nothing was changed." % "; ".join(errors))
        check_user_names([entry["user"] for entry in checked], "tokens[].user")
        module.finish(**(create_tokens(module, checked) if params["state"] == "present" else revoke_tokens(module, checked)))
        return
    owner = token_owner(module)
    tokens = _read_tokens(module, owner, params["token_id"]) if module.can_read else []
    matched = select_tokens(tokens, note=params["note"], token_id=params["token_id"])
    rotated = None
    if params["state"] == "present" and not params["force"]:
        rotated, warning = rotation(matched, params["rotate_before"])
        if warning:
            module.warn(warning)
    force = params["force"] or rotated is not None
    own_token_id = None
    if matched and (params["state"] == "absent" or force):
        own_token_id = module.client.whoami().get("token_id")

    plan, revoked, created = plan_token(owner, matched, params["state"], note=params["note"], scopes=params["scopes"], roles=params["roles"],
                                        expires_in=params["expires_in"], force=force, own_token_id=own_token_id)
    # the new secret in the result, or in secret_file before the old tokens are revoked
    module.finish(**apply_token_plan(module, owner, matched, rotated, plan, revoked, created, own_token_id))


def _read_tokens(module, owner, token_id=None):
    """The tokens of ``owner`` (the one of ``token_id``); a user who does not exist has none to revoke."""
    tokens_of, unknown = read_tokens(module.client, [owner], token_id)
    if unknown and module.params["state"] == "present":
        module.missing_dependency("unknown user %s: create it first with jupyterhub.hub.jupyterhub_user." % owner)
    return tokens_of.get(owner) or []


def _check_options(module):
    params = module.params
    if params["note"] is not None:
        check_note(module, params["note"])
    check_expiry(module, params["expires_in"], "expires_in")
    check_secret_option(module)
    if params["rotate_before"] is not None:
        problem = rotation_problem(params["rotate_before"], params["expires_in"])
        if problem:
            module.fail_json(msg=problem)


def sign_in_scopes(params):
    """What a password sign-in needs: the tokens of the owner, or of every owner of O(tokens)."""
    if params["tokens"] is not None:
        owners = [entry.get("user") for entry in params["tokens"] if isinstance(entry, dict) and entry.get("user")]
    else:
        owners = [params["user"] or params["auth_username"]]
    return ["tokens!user=%s" % owner for owner in dict.fromkeys(owners)]


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            user=dict(type="str"),
            note=dict(type="str"),
            scopes=dict(type="list", elements="str"),
            roles=dict(type="list", elements="str"),
            expires_in=dict(type="int"),
            rotate_before=dict(type="str"),
            force=dict(type="bool", default=False),
            token_id=dict(type="str", no_log=False),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            # no suboptions: with state=absent, the entries are the tokens jupyterhub_token_info returns, with all
            # their metadata keys (check_entries in module_utils/token_runner.py checks each entry for the state)
            tokens=dict(type="list", elements="dict", no_log=False),
            revoke_max=dict(type="int", default=10),
            secret_file=dict(type="path"),
        ),
        user_name_options=("user",),
        sign_in_scopes=sign_in_scopes,
        required_if=[
            ("state", "present", ("note", "tokens"), True),
            ("state", "absent", ("note", "token_id", "tokens"), True),
        ],
        required_by=dict(rotate_before=("expires_in",)),
        mutually_exclusive=[
            ("note", "token_id", "tokens"),
            ("tokens", "user"),
            ("tokens", "force"),
            ("tokens", "scopes"),
            ("tokens", "roles"),
            ("tokens", "expires_in"),
            ("tokens", "rotate_before"),
            ("tokens", "secret_file"),
            ("scopes", "roles"),
            ("force", "rotate_before"),
        ],
    )
    module.run(run)


if __name__ == "__main__":
    main()
