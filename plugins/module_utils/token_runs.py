# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many tokens in one task, through a JupyterHubModule: shared by jupyterhub_token and jupyterhub_token_info.

Reading the tokens of many users (a 403 names the scope needed), creating or
rotating the tokens of O(tokens), and revoking a list of tokens within a limit.
The planning is in tokens.py, as pure functions; this is the reading, checking
and applying around it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import call_strings, duplicates, name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import (
    READ_SCOPE_HINT,
    created_tokens,
    is_hub_made,
    metadata,
    over_limit,
    plan_revocations,
    plan_tokens,
    read_tokens_of,
    select_tokens,
    summarize,
)


def guard(module, read, hint=READ_SCOPE_HINT):
    """``read()``; a 403 fails the task naming the scope needed (the hub says which, the hint where to get it)."""
    try:
        return read()
    except JupyterHubError as err:
        if err.status == 403:
            module.fail_from_error(err, hint=hint)
        raise


def read_tokens_for(module, owners):
    """({owner: tokens}, [owners the hub does not know]), several at a time; a 403 fails naming the scope."""
    return guard(module, lambda: read_tokens_of(module.client, owners))


def create_many(module, entries):
    """O(tokens) with state=present: tokens of several owners, each created unless one with its note exists (and
    rotated when due), in one plan."""
    for entry in entries:
        check_note(module, entry["note"])
        check_expiry(module, entry.get("expires_in"), "tokens[].expires_in")
    repeated = duplicates("%s/%s" % (entry["user"], entry["note"]) for entry in entries)
    if repeated:
        module.fail_json(msg="tokens names these owner/note pairs more than once: %s" % name_list(repeated))
    owners = list(dict.fromkeys(entry["user"] for entry in entries))
    tokens_of = {}
    if module.can_read:
        tokens_of, unknown = read_tokens_for(module, owners)
        if unknown:
            module.missing_dependency("unknown user(s) %s: create them first with jupyterhub.hub.jupyterhub_user." % name_list(unknown))
    plan, planned, warnings = plan_tokens(entries, tokens_of)
    for warning in warnings:
        module.warn(warning)

    # a failure part-way still returns the secrets of the tokens created before it
    def keep(answers):
        tokens, secrets = created_tokens(planned, answers)
        return dict(token_secrets=secrets, tokens=tokens)

    answers = module.apply(plan, keep=keep)
    tokens, secrets = created_tokens(planned, answers)
    before = [token for entry in entries for token in select_tokens(tokens_of.get(entry["user"]) or [], note=entry["note"])]
    module.finish(plan, before=summarize(before), after=summarize([token["token_model"] for token in tokens]), tokens=tokens,
                  token_secrets=secrets)


def revoke_many(module, entries):
    """O(tokens) with state=absent: revoke the tokens named (by id, or by note) in one run, within O(revoke_max)."""
    owners = list(dict.fromkeys(entry["user"] for entry in entries))
    tokens_of, gone = read_tokens_for(module, owners) if module.can_read and owners else ({}, [])
    me = module.client.whoami() if any(tokens_of.values()) and module.authenticated else {}
    # GET /user names the caller's token from JupyterHub 5.0 on; before, only the caller's own tokens can hold it
    own_user = me.get("name") if me and "token_id" not in me and me.get("kind") == "user" else None
    plan, revoked, kept = plan_revocations(entries, tokens_of, me.get("token_id"), own_user)
    message = over_limit(revoked, module.params["revoke_max"])
    if message:
        module.fail_json(msg=message, plan=call_strings(plan), revoked=[], kept=kept)
    for token in kept:
        module.warn("token %s of %s was not revoked: %s" % (token["id"], token["user"], token["reason"]))
    module.apply(plan)
    kept_models = _kept_models(tokens_of, kept)
    module.finish(plan, before=summarize(revoked + kept_models), after=summarize(kept_models),
                  revoked=[metadata(token) for token in revoked], kept=kept, users_gone=gone)


def _kept_models(tokens_of, kept):
    ids = set((token["user"], token["id"]) for token in kept)
    return [token for owner, tokens in tokens_of.items() for token in tokens if (owner, token.get("id")) in ids]


def check_expiry(module, expires_in, option):
    if expires_in is not None and expires_in <= 0:
        module.fail_json(msg="%s must be a positive number of seconds (unset or null for no expiry), not %s" % (option, expires_in))


def check_note(module, note):
    if not note.strip():
        module.fail_json(msg="note cannot be empty: it identifies the token")
    if is_hub_made({"note": note}):
        module.fail_json(msg="note %r is a note the hub gives its own tokens: choose another one" % note)
