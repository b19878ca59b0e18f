#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_share
short_description: Share a JupyterHub user's server with a user or a group, or through share codes
version_added: 0.1.0
description:
  - Grants or revokes access to one server of a user (the O(owner)) for another O(user) or a O(group), with the scopes
    the share gives. Needs JupyterHub 5.0 or later.
  - Creates or revokes share codes for a server (O(share_code=true)). Whoever has a code can accept it in the browser
    to get the share.
  - The task reads the server's current shares first and changes only what differs. Without O(scopes), an existing
    share is left as it is, and a new one gets the hub's default, access to the server.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
options:
  owner:
    description:
      - The user whose server is shared.
      - User names are checked before any call, in check mode too. A name with upper-case letters (the hub stores
        names in lower case) or with white space around it is refused, naming the form to use.
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
      - Mutually exclusive with O(group) and O(share_code).
      - User names are checked before any call, in check mode too. A name with upper-case letters (the hub stores
        names in lower case) or with white space around it is refused, naming the form to use.
    type: str
  group:
    description:
      - The group the server is shared with. Every member of the group gets the share, also later members.
      - Mutually exclusive with O(user) and O(share_code).
    type: str
  share_code:
    description:
      - Manage the server's share codes instead of a share with a user or group.
      - With O(state=present), creates a code unless the server already has a valid code with the same O(scopes).
        The code is returned once, in RV(share_code), like a token's secret; it can never be read again.
      - With O(state=absent), revokes the server's codes, or only those with exactly O(scopes) when set.
    type: bool
    default: false
  scopes:
    description:
      - The permissions the share (or code) gives, for example V(access:servers) or V(read:users:activity).
        The hub restricts each one to the shared server, so C(access:servers) is stored as
        C(access:servers!server=OWNER/SERVER_NAME). A scope with another filter is refused.
      - The person who shares must hold these scopes. Unset means access to the server
        (C(access:servers)) for a new share or code, and leaves an existing share as it is.
      - With O(state=present), the share's scopes become exactly these (see O(append)).
      - With O(state=absent), only these scopes are revoked, and the share goes away when none is left.
    type: list
    elements: str
  append:
    description:
      - With O(user) or O(group) and O(scopes), whether O(scopes) are added to the share's current scopes
        (V(true)) or replace them (V(false)).
    type: bool
    default: false
  expires_in:
    description:
      - With O(share_code), the seconds a new code stays valid, from 60 to 31536000 (a year).
      - Unset, the hub's default, one day. A share granted to a user or group does not expire.
    type: int
  state:
    description:
      - V(present) grants the share (or creates a code), V(absent) revokes it.
      - With V(absent) and none of O(user), O(group) and O(share_code), every share of the server is revoked.
    type: str
    choices: [present, absent]
    default: present
notes:
  - Shares need JupyterHub 5.0 or later. On an older hub the task fails saying so.
  - The token needs the C(shares) scope on the owner (the owner's own token has it), C(read:users:name) or
    C(read:groups:name) for the user or group shared with, and the scopes it shares.
  - A share is for the recipient's browser session. As seen on JupyterHub 6.1, API tokens of the recipient are not
    given the shared access.
  - Removing the owner's named server (or the owner, or the group) removes its shares.
seealso:
  - module: jupyterhub.hub.jupyterhub_share_info
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

- name: A share code valid for a week
  jupyterhub.hub.jupyterhub_share:
    owner: ada
    share_code: true
    expires_in: 604800
  delegate_to: localhost
  register: invitation
  no_log: true  # the result holds the code

- name: Send the link (only the run that created the code has it)
  ansible.builtin.debug:
    msg: "https://hub.example.org{{ invitation.share_code.accept_url }}"
  when: invitation.share_code is not none

- name: Revoke every share code of ada's default server
  jupyterhub.hub.jupyterhub_share:
    owner: ada
    share_code: true
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
    - With O(share_code), the server's valid share codes after the task, without the codes themselves.
  returned: when O(share_code=true)
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
  sample: ["POST /shares/ada/"]
diff:
  description:
    - With C(--diff), the share (who, which scopes), the server's shares, or its share codes (never the codes
      themselves), before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {}
    after: {server: ada/, group: physics-101, scopes: ["access:servers!server=ada/"]}
"""

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import JupyterHubError, quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call

DEFAULT_SCOPE = "access:servers"
CODE_LIFETIME = (60, 525600 * 60)  # what the hub accepts for expires_in
# The hub raises an uncaught error for a scope name it does not know.
UNKNOWN_SCOPE_HINT = "JupyterHub answers 500 for a scope that does not exist: check the names in scopes"


def share_scopes(scopes, owner, server_name):
    """The scopes as the hub stores them in a share of owner/server_name: each restricted to that server, sorted.

    A scope filtered to anything else is refused, as the hub does. Raises ValueError.
    """
    server_filter = "server=%s/%s" % (owner, server_name)
    stored = set()
    for scope in scopes:
        base, dummy, scope_filter = scope.partition("!")
        if scope_filter and scope_filter != server_filter:
            raise ValueError("scope %s: !%s is not allowed in a share, only !%s" % (scope, scope_filter, server_filter))
        stored.add("%s!%s" % (base, server_filter))
    return sorted(stored)


def find_share(shares, kind, name):
    """The share of ``shares`` granted to the user or group ``name`` (``kind``), or None."""
    for share in shares:
        if share.get("kind") == kind and (share.get(kind) or {}).get("name") == name:
            return share
    return None


def plan_share(owner, server_name, kind, name, current, state, scopes=None, append=False):
    """The calls that turn ``current`` (the share with user/group ``name``, or None) into what the options ask.

    ``scopes`` are in the hub's stored form (see share_scopes) or None. Returns the plan and the predicted share.
    Pure: no I/O, so it is unit-tested directly.
    """
    path = quote_path("shares", owner, server_name)
    target = {kind: name}
    if state == "absent":
        if current is None:
            return [], None
        if scopes is None:
            return [Call("PATCH", path, target)], None
        revoke = [scope for scope in scopes if scope in current["scopes"]]
        if not revoke:
            return [], current
        remaining = [scope for scope in current["scopes"] if scope not in revoke]
        return [Call("PATCH", path, dict(target, scopes=revoke))], (dict(current, scopes=remaining) if remaining else None)

    if current is None:
        wanted = scopes if scopes is not None else share_scopes([DEFAULT_SCOPE], owner, server_name)
        body = dict(target, scopes=scopes) if scopes is not None else target
        after = {
            "kind": kind,
            "user": {"name": name} if kind == "user" else None,
            "group": {"name": name} if kind == "group" else None,
            "scopes": wanted,
            "server": {"user": {"name": owner}, "name": server_name},
        }
        return [Call("POST", path, body, error_hints={500: UNKNOWN_SCOPE_HINT})], after
    if scopes is None:
        return [], current
    have = list(current["scopes"])
    add = [scope for scope in scopes if scope not in have]
    remove = [] if append else [scope for scope in have if scope not in scopes]
    plan = []
    # Add first: revoking every scope of a share deletes it.
    if add:
        plan.append(Call("POST", path, dict(target, scopes=add), error_hints={500: UNKNOWN_SCOPE_HINT}))
    if remove:
        plan.append(Call("PATCH", path, dict(target, scopes=remove)))
    after = dict(current, scopes=sorted(set(have + add) - set(remove))) if plan else current
    return plan, after


def plan_revoke_all(owner, server_name, shares):
    """Revoke every share of the server: one call, if there is any."""
    return [Call("DELETE", quote_path("shares", owner, server_name))] if shares else []


def plan_share_codes(owner, server_name, codes, state, scopes=None, expires_in=None):
    """The calls for the server's share codes (``codes``, the valid ones), and the predicted codes after.

    A code is identified by its scopes (in the hub's stored form; None is the default scope): present creates
    one unless a valid code has the same scopes; absent revokes those with the same scopes, or all without scopes.
    """
    path = quote_path("share-codes", owner, server_name)
    wanted = scopes if scopes is not None else share_scopes([DEFAULT_SCOPE], owner, server_name)
    same = [code for code in codes if sorted(code.get("scopes") or []) == wanted]
    if state == "present":
        if same:
            return [], codes
        body = {}
        if scopes is not None:
            body["scopes"] = scopes
        if expires_in is not None:
            body["expires_in"] = expires_in
        new = {"id": None, "scopes": wanted, "expires_at": None}
        return [Call("POST", path, body, error_hints={500: UNKNOWN_SCOPE_HINT})], codes + [new]
    if scopes is None:
        return ([Call("DELETE", path)] if codes else []), []
    plan = [Call("DELETE", "%s?id=%s" % (path, quote(code["id"], safe="")), done_statuses=(404,)) for code in same]
    return plan, [code for code in codes if code not in same]


def summarize_share(share):
    """What the diff shows of a share: who, which scopes."""
    if share is None:
        return {}
    server = share.get("server") or {}
    summary = {"server": "%s/%s" % ((server.get("user") or {}).get("name"), server.get("name"))}
    summary[share["kind"]] = (share.get(share["kind"]) or {}).get("name")
    summary["scopes"] = sorted(share.get("scopes") or [])
    return summary


def summarize_code(code):
    """What the diff shows of a share code: never the code itself."""
    return {"id": code.get("id"), "scopes": sorted(code.get("scopes") or []), "expires_at": code.get("expires_at")}


def manage_share(module):
    params = module.params
    kind = "user" if params["user"] is not None else "group" if params["group"] is not None else None
    _check_options(module, kind)
    try:
        scopes = share_scopes(params["scopes"], params["owner"], params["server_name"]) if params["scopes"] is not None else None
    except ValueError as err:
        module.fail_json(msg="%s. Nothing was changed." % err)
    client = module.client
    if client.version_info < (5, 0, 0):
        module.fail_json(msg="shares need JupyterHub 5.0 or later; the hub at %s runs %s" % (client.api_url, client.version))

    if params["share_code"]:
        _manage_codes(module, scopes)
    elif kind is None:
        _revoke_all(module)
    else:
        _manage_one(module, kind, params[kind], scopes)


def _manage_one(module, kind, name, scopes):
    """The share with one user or group."""
    params = module.params
    owner, server_name = params["owner"], params["server_name"]
    current = find_share(_read(module, quote_path("shares", owner, server_name)), kind, name)
    plan, after = plan_share(owner, server_name, kind, name, current, params["state"], scopes=scopes, append=params["append"])
    answers = module.apply(plan)
    if plan and not module.check_mode:
        after = answers[-1] or None  # the share as the hub answers it; {} once it is revoked
    module.finish(plan, before=summarize_share(current), after=summarize_share(after), share=after, share_code=None)


def _revoke_all(module):
    """state=absent without user, group or share_code: every share of the server."""
    owner, server_name = module.params["owner"], module.params["server_name"]
    shares = _read(module, quote_path("shares", owner, server_name))
    plan = plan_revoke_all(owner, server_name, shares)
    module.apply(plan)
    before = {"shares": [summarize_share(share) for share in shares]}
    module.finish(plan, before=before, after={"shares": []}, share=None, share_code=None)


def _manage_codes(module, scopes):
    params = module.params
    owner, server_name = params["owner"], params["server_name"]
    codes = [_code_model(code) for code in _read(module, quote_path("share-codes", owner, server_name))]
    plan, after = plan_share_codes(owner, server_name, codes, params["state"], scopes=scopes, expires_in=params["expires_in"])
    answers = module.apply(plan)
    created = None
    if plan and plan[0].method == "POST" and not module.check_mode:
        created = answers[0]  # the only answer that holds the code
        after = codes + [_code_model(created)]
    before_codes = {"share_codes": [summarize_code(code) for code in codes]}
    after_codes = {"share_codes": [summarize_code(code) for code in after]}
    module.finish(plan, before=before_codes, after=after_codes, share=None, share_code=created, share_codes=after)


def _check_options(module, kind):
    params = module.params
    if params["share_code"] and kind:
        module.fail_json(msg="share_code is mutually exclusive with user and group: a share code is for anyone who gets it")
    if params["state"] == "present" and not kind and not params["share_code"]:
        module.fail_json(msg="state=present needs user, group or share_code: who gets the share")
    if params["state"] == "present" and params["scopes"] == []:
        module.fail_json(msg="scopes is empty: a share gives at least one scope. To revoke a share, use state=absent")
    if params["expires_in"] is not None:
        if not params["share_code"]:
            module.fail_json(msg="expires_in applies to share codes (share_code=true); shares with a user or group do not expire")
        if not CODE_LIFETIME[0] <= params["expires_in"] <= CODE_LIFETIME[1]:
            module.fail_json(msg="expires_in must be from %d to %d seconds, not %d" % (CODE_LIFETIME + (params["expires_in"],)))


def _read(module, path):
    """Every share (or share code) of the server; a clear failure when the server does not exist."""
    try:
        return module.client.paginate(path)
    except JupyterHubError as err:
        if err.status != 404:
            raise
        params = module.params
        if params["server_name"]:
            hint = (
                "%s must be a user of the hub with a server named %s: a named server exists once it has been started "
                "(or, on JupyterHub 6, created) and until it is removed" % (params["owner"], params["server_name"])
            )
        else:
            hint = "%s is not a user of the hub" % params["owner"]
        module.fail_from_error(err, hint=hint)


def _code_model(code):
    """A share code without the code itself (it is only in the answer that created it)."""
    return dict((key, value) for key, value in code.items() if key not in ("code", "accept_url", "full_accept_url"))


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            owner=dict(type="str", required=True),
            server_name=dict(type="str", default=""),
            user=dict(type="str"),
            group=dict(type="str"),
            share_code=dict(type="bool", default=False),
            scopes=dict(type="list", elements="str"),
            append=dict(type="bool", default=False),
            expires_in=dict(type="int"),
            state=dict(type="str", choices=["present", "absent"], default="present"),
        ),
        user_name_options=("owner", "user"),
        mutually_exclusive=[("user", "group")],
    )
    module.run(manage_share)


if __name__ == "__main__":
    main()
