# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API tokens, shared by jupyterhub_token and jupyterhub_token_info.

Which tokens the hub made itself, how tokens are selected by note or id, whose
tokens a task manages, and the plans that create and revoke them. The secret of
a token is in the hub's answer to its creation only: split_secret takes it out
of the model, so that no model, plan or diff holds it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.times import format_timestamp

# The hub refuses a token with scopes its owner does not hold, and no API call grants them.
SCOPES_HINT = (
    "a token can only have scopes its owner holds, and no API call grants them: give the owner a role with these "
    "scopes in the hub's configuration (c.JupyterHub.load_roles), or ask for fewer"
)
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


def plan_token(owner, matched, state, note=None, scopes=None, expires_in=None, force=False, own_token_id=None, now=None):
    """The calls that make the tokens ``matched`` (those with the note, or the id) match the options.

    Returns (plan, revoked, created): the calls, the tokens they revoke, and the
    predicted model of the token they create (or None). A new token is created
    before any old one is revoked, and the caller's own token (``own_token_id``)
    is revoked last. Pure: no I/O, so it is unit-tested directly.
    """
    plan = []
    created = None
    if state == "present" and (force or not matched):
        body = {"note": note, "expires_in": expires_in}
        if scopes is not None:
            body["scopes"] = list(scopes)
        plan.append(Call("POST", tokens_path(owner), body, error_hints={400: ("not held by", SCOPES_HINT)}))
        created = predict_token(owner, note, scopes, expires_in, now)
    revoked = []
    if state == "absent" or force:
        revoked = sorted(matched, key=lambda token: token.get("id") == own_token_id)
        plan.extend(Call("DELETE", tokens_path(owner, token["id"]), done_statuses=(404,)) for token in revoked)
    return plan, revoked, created


def predict_token(owner, note, scopes, expires_in, now=None):
    """The model of a token the hub would create: no id and no secret yet."""
    expires_at = None
    if expires_in:
        now = now or datetime.datetime.now(datetime.timezone.utc)
        expires_at = format_timestamp(now + datetime.timedelta(seconds=expires_in))
    return {
        "id": None,
        "kind": "api_token",
        "user": owner,
        "note": note,
        "scopes": list(scopes) if scopes is not None else None,
        "expires_at": expires_at,
        "created": None,
        "last_activity": None,
    }


def summarize(tokens):
    """What the diff shows of tokens: metadata, never a secret."""
    return {
        "tokens": [
            {
                "id": token.get("id"),
                "user": token.get("user"),
                "note": token.get("note"),
                "scopes": sorted(token["scopes"]) if token.get("scopes") is not None else None,
                "expires_at": token.get("expires_at"),
            }
            for token in tokens
        ]
    }


def plan_tokens(entries, tokens_of, now=None):
    """Many tokens, for several owners, in one plan: each entry (user, note, scopes, expires_in) is created unless a
    token with its note exists. ``tokens_of``: {owner: the owner's tokens}. Returns (plan, [(entry, kept token or None,
    index of its POST in the plan or None, predicted model)])."""
    plan, planned = [], []
    for entry in entries:
        matched = select_tokens(tokens_of.get(entry["user"]) or [], note=entry["note"])
        calls, dummy, created = plan_token(entry["user"], matched, "present", note=entry["note"], scopes=entry.get("scopes"),
                                           expires_in=entry.get("expires_in"), now=now)
        planned.append((entry, matched[-1] if matched else None, len(plan) if calls else None, created))
        plan.extend(calls)
    return plan, planned


def split_secret(answer):
    """(the token model, its secret) of the hub's answer to a creation: the secret is only ever in that answer."""
    model = dict(answer)
    return model, model.pop("token", None)


def new_secret(plan, answers):
    """(the model of the token the plan of plan_token created, {"token": secret}), or (None, {}) if none was."""
    for call, answer in zip(plan, answers):
        if call.method == "POST" and answer:
            model, secret = split_secret(answer)
            return model, dict(token=secret)
    return None, {}


def created_tokens(planned, answers):
    """([{user, note, created, token_model}], {"user/note": secret}) once the plan of plan_tokens is applied."""
    tokens, secrets = [], {}
    for entry, kept, index, predicted in planned:
        model = kept or predicted
        if index is not None and answers[index]:
            model, secrets["%s/%s" % (entry["user"], entry["note"])] = split_secret(answers[index])
        tokens.append(dict(user=entry["user"], note=entry["note"], created=index is not None, token_model=model))
    return tokens, secrets
