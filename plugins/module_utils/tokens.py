# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API tokens, shared by jupyterhub_token and jupyterhub_token_info.

Which tokens the hub made itself, how tokens are selected by note or id, and
whose tokens a task manages. Token models only: the secret of a token is never
readable after its creation, and nothing here handles one.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path

# The OAuth client of tokens made through the API (its description; its identifier is 'jupyterhub').
API_CLIENTS = (None, "", "JupyterHub", "jupyterhub")
# Notes the hub gives the tokens it makes for single-user servers, and to tokens of its config.
HUB_NOTE_PREFIXES = ("Server at ", "retrieved from spawner ")
HUB_NOTES = ("from config",)


def is_hub_made(token):
    """Whether the hub made ``token`` itself rather than a user asking for it.

    - OAuth tokens (a browser login to a server or service): an ``oauth_client``
      other than the hub's own, and a ``session_id``;
    - a single-user server's own token: note ``Server at /user/<name>/...``
      (``retrieved from spawner ...`` for one a spawner brought back);
    - tokens of the hub's configuration (``api_tokens``): note ``from config``.
    """
    if token.get("session_id"):
        return True
    if token.get("oauth_client") not in API_CLIENTS:
        return True
    note = token.get("note") or ""
    return note.startswith(HUB_NOTE_PREFIXES) or note in HUB_NOTES


def select_tokens(tokens, note=None, token_id=None, include_hub_made=False):
    """The tokens of ``tokens`` with that id, or that note, or all; oldest first.

    A token the hub made is never selected by its note (nor listed) unless
    ``include_hub_made``; one selected by its id always is.
    """
    if token_id is not None:
        return [token for token in tokens if token.get("id") == token_id]
    selected = [token for token in tokens if include_hub_made or not is_hub_made(token)]
    if note is not None:
        selected = [token for token in selected if token.get("note") == note]
    return sorted(selected, key=lambda token: token.get("created") or "")


def tokens_path(owner, token_id=None):
    if token_id is None:
        return quote_path("users", owner, "tokens")
    return quote_path("users", owner, "tokens", token_id)


def read_tokens(client, owner, token_id=None):
    """The token ``token_id`` of ``owner`` (a list of one, or none), or every token of ``owner``.

    Listing makes the hub delete the expired ones. A user who does not exist raises the hub's 404.
    """
    if token_id:
        model = client.get(tokens_path(owner, token_id), missing_ok=True)
        return [model] if model else []
    answer = client.get(tokens_path(owner))
    return list((answer or {}).get("api_tokens") or [])


def token_owner(module):
    """The user whose tokens the task manages: O(user), else the user of a password sign-in, else the token's owner."""
    if module.params.get("user"):
        return module.params["user"]
    if module.password_user:
        return module.password_user
    me = module.client.whoami()
    if me.get("kind", "user") != "user":
        module.fail_json(
            msg="the token belongs to %s %s, and the hub's API manages only users' tokens: set user "
            "to the user whose tokens to manage" % (me.get("kind"), me.get("name"))
        )
    return me["name"]
