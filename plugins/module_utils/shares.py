# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shares of servers and share codes: jupyterhub_share, jupyterhub_share_code and jupyterhub_share_info.

The hub version shares need, the scopes as the hub stores them in a share or
share code, the reading of an owner's shares and share codes, and the plans
that grant and revoke them. Nothing of Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover
    from urllib import quote

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call

SHARES_VERSION = (5, 0, 0)
# What a share or share code gives when the task names no scopes (the hub's own default).
DEFAULT_SCOPE = "access:servers"
# The hub raises an uncaught error for a scope name it does not know.
UNKNOWN_SCOPE_HINT = "JupyterHub answers 500 for a scope that does not exist: check the names in scopes"


def require_shares(client):
    """Raise a JupyterHubError, before any other call, if the hub is older than 5.0, which has no shares."""
    client.require_version(SHARES_VERSION, "shares")


def share_scopes(scopes, owner, server_name):
    """The scopes as the hub stores them in a share of owner/server_name: each restricted to that server, sorted.

    None stays None (the option is unset). A scope filtered to anything else is
    refused, as the hub does: a JupyterHubError before any call.
    """
    if scopes is None:
        return None
    server_filter = "server=%s/%s" % (owner, server_name)
    stored = set()
    for scope in scopes:
        base, dummy, scope_filter = scope.partition("!")
        if scope_filter and scope_filter != server_filter:
            raise JupyterHubError("scope %s: !%s is not allowed in a share, only !%s. Nothing was changed." % (scope, scope_filter, server_filter))
        stored.add("%s!%s" % (base, server_filter))
    return sorted(stored)


def read_owner_listing(client, collection, owner, server_name=None):
    """Every share (``collection`` 'shares') or share code ('share-codes') of owner's server ``server_name``.

    ``server_name`` None: of all the owner's servers. The hub answers a bare 404
    ("Not Found", "No such server: ada/lab") for an owner that is not a user and
    for a named server that does not exist: the JupyterHubError raised then says which.
    """
    segments = (owner,) if server_name is None else (owner, server_name)
    try:
        return client.paginate(quote_path(collection, *segments))
    except JupyterHubError as err:
        if err.status != 404:
            raise
        if server_name:
            hint = (
                "%s must be a user of the hub with a server named %s: a named server exists once it has been started "
                "(or, on JupyterHub 6, created) and until it is removed" % (owner, server_name)
            )
        else:
            hint = "%s is not a user of the hub" % owner
        raise err.with_hint(hint)


def read_before_change(client, collection, owner, server_name, scopes):
    """(the scopes as the hub stores them, or None; every share or share code of the server): what a task that
    changes shares ('shares') or share codes ('share-codes') checks and reads first. Raises JupyterHubError for a
    scope the hub would refuse or a hub before 5.0, before any call that matters."""
    stored = share_scopes(scopes, owner, server_name)
    require_shares(client)
    return stored, read_owner_listing(client, collection, owner, server_name)


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


def summarize_share(share):
    """What the diff shows of a share: who, which scopes."""
    if share is None:
        return {}
    server = share.get("server") or {}
    summary = {"server": "%s/%s" % ((server.get("user") or {}).get("name"), server.get("name"))}
    summary[share["kind"]] = (share.get(share["kind"]) or {}).get("name")
    summary["scopes"] = sorted(share.get("scopes") or [])
    return summary


CODE_LIFETIME = (60, 525600 * 60)  # the expires_in the hub accepts


# Only the answer that creates a code holds these.
SECRET_FIELDS = ("code", "accept_url", "full_accept_url")


def plan_share_codes(owner, server_name, codes, state, scopes=None, expires_in=None):
    """The calls for the server's share codes (``codes``, the valid ones), and the predicted codes after.

    A code is identified by its scopes (in the hub's stored form; None is the default scope): present creates
    one unless a valid code has the same scopes; absent revokes those with the same scopes, or all without scopes.
    Pure: no I/O, so it is unit-tested directly.
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
    # 404: revoked meanwhile (by a parallel run), which is what was asked
    plan = [Call("DELETE", "%s?id=%s" % (path, quote(code["id"], safe="")), done_statuses=(404,)) for code in same]
    return plan, [code for code in codes if code not in same]


def without_secret(code):
    """A share code as a result may hold it after its creation: without the code itself."""
    return dict((key, value) for key, value in code.items() if key not in SECRET_FIELDS)


def summarize_code(code):
    """What the diff shows of a share code: never the code itself."""
    return {"id": code.get("id"), "scopes": sorted(code.get("scopes") or []), "expires_at": code.get("expires_at")}
