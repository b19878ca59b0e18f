# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shares of servers, shared by jupyterhub_share, jupyterhub_share_code and jupyterhub_share_info.

The hub version shares need, the scopes as the hub stores them in a share or
share code, and the reading of an owner's shares and share codes. Nothing of Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError

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
