# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tokens in a task: the Ansible side of tokens.py, shared by jupyterhub_token and jupyterhub_token_info.

Checking the options and the entries of O(tokens), finding the owner, and applying
the plans of tokens.py through the JupyterHubModule: one token, or many created or
revoked in one run (within O(revoke_max)). A new secret goes to its O(secret_file)
as soon as the hub answers its creation, before any old token is revoked. Each
apply function returns what the module ends the task with (``module.finish(**it)``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError, SecretFileError
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import duplicates, name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import call_strings
from ansible_collections.jupyterhub.hub.plugins.module_utils.secret_files import SHOWN_NEW, check_target, shown, write_secret
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import (
    created_tokens,
    is_hub_made,
    lost_secret_warning,
    metadata,
    new_secret,
    over_limit,
    plan_revocations,
    plan_tokens,
    read_tokens,
    rotation_problem,
    secret_files_of,
    select_tokens,
    summarize_tokens,
    tokens_path,
    with_secret_files,
)


def apply_token_plan(module, owner, matched, rotated, plan, revoked, created, own_token_id=None):
    """Apply the plan of plan_token for one token; returns what the task ends with.

    The new secret is in RV(token), or, with O(secret_file), written to that file
    as soon as the hub answers its creation (before the old tokens are revoked)
    and in no result: RV(secret_file) says where, RV(secret_written) whether it was
    (in check mode: would be). A failure part-way still returns, or has written,
    the new secret, and what was rotated.
    """
    path = module.params.get("secret_file")
    files = dict((index, (owner, path)) for index, call in enumerate(plan) if call.method == "POST") if path else {}
    writer = SecretWriter(module, files)
    before_shown = {path: shown(path)} if path else {}
    if path and not files and matched and not os.path.exists(path):
        module.warn(lost_secret_warning(dict(matched[-1], user=matched[-1].get("user") or owner), path))

    def secret_of(answers):
        model, secret = new_secret(plan, answers)
        return model, dict(secret_file=path, secret_written=bool(writer.written)) if path else secret

    def keep(answers):
        model, secret = secret_of(answers)
        return dict(secret, token_model=model, rotated=rotated) if model is not None else {}

    answers = module.apply(plan, keep=keep, on_answer=writer)
    result = dict(owner=owner, revoked=revoked, token_model=None, rotated=rotated)
    model, secret = secret_of(answers)
    if model is not None:
        created = model
    result.update(secret)
    after = []
    if module.params["state"] == "present":
        gone = set(token.get("id") for token in revoked)
        after = [token for token in matched if token.get("id") not in gone] + ([created] if created else [])
        result["token_model"] = after[-1]
    if own_token_id and any(token.get("id") == own_token_id for token in revoked):
        module.warn("the token this task used (%s) is among the revoked tokens: following tasks need another token" % own_token_id)
    after_shown = dict((path, SHOWN_NEW if files else before_shown[path]) for path in before_shown)
    return dict(result, plan=plan, before=with_secret_files(summarize_tokens(matched), before_shown),
                after=with_secret_files(summarize_tokens(after), after_shown))


def create_tokens(module, entries):
    """O(tokens) with state=present: tokens of several owners, each created unless one with its note exists (and
    rotated when due), in one plan; returns what the task ends with. The secret of an entry with a secret_file goes
    to that file."""
    for entry in entries:
        check_note(module, entry["note"])
        check_expiry(module, entry.get("expires_in"), "tokens[].expires_in")
    repeated = duplicates("%s/%s" % (entry["user"], entry["note"]) for entry in entries)
    if repeated:
        module.fail_json(msg="tokens names these owner/note pairs more than once: %s" % name_list(repeated))
    check_secret_files(module, [("tokens[%d] (%s/%s)" % (number, entry["user"], entry["note"]), entry["secret_file"])
                                for number, entry in enumerate(entries) if entry.get("secret_file") is not None], "tokens[].secret_file")
    owners = list(dict.fromkeys(entry["user"] for entry in entries))
    tokens_of = {}
    if module.can_read:
        tokens_of, unknown = read_tokens(module.client, owners)
        if unknown:
            module.missing_dependency("unknown user(s) %s: create them first with jupyterhub.hub.jupyterhub_user." % name_list(unknown))
    plan, planned, warnings = plan_tokens(entries, tokens_of)
    for warning in warnings:
        module.warn(warning)
    files = secret_files_of(planned)
    before_shown = dict((entry["secret_file"], shown(entry["secret_file"])) for entry in entries if entry.get("secret_file") is not None)
    for item in planned:
        path = item["entry"].get("secret_file")
        if path is not None and item["kept"] is not None and not os.path.exists(path):
            module.warn(lost_secret_warning(dict(item["kept"], user=item["entry"]["user"]), path, many=True))
    writer = SecretWriter(module, files)

    # a failure part-way still returns the secrets of the tokens created before it (or has written them to their files)
    def keep(answers):
        tokens, secrets = created_tokens(planned, answers, writer.written)
        return dict(token_secrets=secrets, tokens=tokens)

    answers = module.apply(plan, keep=keep, on_answer=writer)
    tokens, secrets = created_tokens(planned, answers, writer.written)
    before = [token for entry in entries for token in select_tokens(tokens_of.get(entry["user"]) or [], note=entry["note"])]
    after_shown = dict(before_shown)
    after_shown.update((path, SHOWN_NEW) for dummy, path in files.values())
    return dict(plan=plan, before=with_secret_files(summarize_tokens(before), before_shown),
                after=with_secret_files(summarize_tokens([token["token_model"] for token in tokens]), after_shown),
                tokens=tokens, token_secrets=secrets)


class SecretWriter:
    """Writes the secret of each token a plan creates to its secret_file, as the hub answers the creation.

    Given to JupyterHubModule.apply as ``on_answer``. ``files``: {index of the creation
    in the plan: (owner, path)}. ``written``: the indexes whose secret was written, or
    in check mode (an answer of None, so no secret) would be. A secret that cannot be
    written fails the task before the next call: the new token is revoked again (no
    one could know its secret), so the old tokens with the note, which were not
    revoked, stay the ones in use.
    """

    def __init__(self, module, files):
        self.module = module
        self.files = files
        self.written = set()

    def __call__(self, index, answer):
        if index not in self.files:
            return None
        owner, path = self.files[index]
        if answer is None:
            self.written.add(index)
            return None
        try:
            write_secret(path, answer.get("token"))
        except SecretFileError as err:
            return self._take_back(owner, answer, err)
        self.written.add(index)
        return None

    def _take_back(self, owner, answer, err):
        msg = "token %s (note %r of %s) was created, but %s." % (answer.get("id"), answer.get("note"), owner, err)
        try:
            self.module.client.request("DELETE", tokens_path(owner, answer.get("id")))
        except JupyterHubError as undo_err:
            return msg + (" Revoking it again failed too (%s): revoke it with token_id=%s and state=absent. No older token "
                          "was revoked." % (undo_err, answer.get("id")))
        return msg + (" It was revoked again, since its secret is lost, and no older token was revoked: the task can "
                      "run again once the file can be written.")


def revoke_tokens(module, entries):
    """O(tokens) with state=absent: revoke the tokens named (by id, or by note) in one run, within O(revoke_max);
    returns what the task ends with."""
    owners = list(dict.fromkeys(entry["user"] for entry in entries))
    tokens_of, gone = read_tokens(module.client, owners) if module.can_read and owners else ({}, [])
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
    return dict(plan=plan, before=summarize_tokens(revoked + kept_models), after=summarize_tokens(kept_models),
                revoked=[metadata(token) for token in revoked], kept=kept, users_gone=gone)


def _kept_models(tokens_of, kept):
    ids = set((token["user"], token["id"]) for token in kept)
    return [token for owner, tokens in tokens_of.items() for token in tokens if (owner, token.get("id")) in ids]


def check_expiry(module, expires_in, option):
    if expires_in is not None and expires_in <= 0:
        module.fail_json(msg="%s must be a positive number of seconds (unset or null for no expiry), not %s" % (option, expires_in))


def check_secret_option(module):
    """O(secret_file): a file whose directory exists and can take it, with state=present. Before any call."""
    path = module.params.get("secret_file")
    if path is None:
        return
    if module.params["state"] != "present":
        module.fail_json(msg="secret_file is for state=present: it is where a new token's secret is written. Nothing was changed.")
    check_secret_files(module, [(None, path)], "secret_file")


def check_secret_files(module, paths, option):
    """Fail before any call, in check mode too, if a secret file cannot take a secret, or two tokens name one file.

    ``paths``: [(what names the token in a message, or None; path)].
    """
    problems = []
    for where, path in paths:
        problem = check_target(path)
        if problem:
            problems.append("%s: %s" % (where, problem) if where else problem)
    if problems:
        module.fail_json(msg="%s. Nothing was changed." % "; ".join(problems))
    repeated = duplicates(os.path.normpath(path) for dummy, path in paths)
    if repeated:
        module.fail_json(msg="%s names these files for more than one token: %s. Nothing was changed." % (option, name_list(repeated)))


def check_note(module, note):
    if not note.strip():
        module.fail_json(msg="note cannot be empty: it identifies the token")
    if is_hub_made({"note": note}):
        module.fail_json(msg="note %r is a note the hub gives its own tokens: choose another one" % note)


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


# state=present: the keys of a token to have (a key not here is refused, as a typo would be)
PRESENT_ENTRY_SPEC = dict(
    user=dict(type="str", required=True),
    note=dict(type="str", required=True),
    scopes=dict(type="list", elements="str"),
    roles=dict(type="list", elements="str"),
    expires_in=dict(type="int"),
    rotate_before=dict(type="str"),
    secret_file=dict(type="path"),
)


# state=absent: which token to revoke; every other key (the metadata jupyterhub_token_info returns) is ignored
ABSENT_ENTRY_SPEC = dict(
    user=dict(type="str", required=True),
    id=dict(type="str"),
    note=dict(type="str"),
)


def check_entries(entries, state):
    """(the entries of O(tokens) checked and converted to their types, [error messages]).

    With V(present) an entry has the keys of PRESENT_ENTRY_SPEC only. With V(absent) it has a
    ``user`` and an ``id`` or a ``note``, and may have any other key, so that the list
    jupyterhub_token_info returns can be passed as it is.
    """
    checked, errors = [], []
    spec = PRESENT_ENTRY_SPEC if state == "present" else ABSENT_ENTRY_SPEC
    for number, entry in enumerate(entries):
        where = "tokens[%d]" % number
        if not isinstance(entry, dict):
            errors.append("%s is not a dict: %r" % (where, entry))
            continue
        if state != "present":
            entry = dict((key, value) for key, value in entry.items() if key in spec)
        result = ArgumentSpecValidator(spec).validate(entry)
        if result.error_messages:
            errors.append("%s: %s" % (where, "; ".join(result.error_messages)))
            continue
        values = result.validated_parameters
        if state != "present" and not values.get("id") and not values.get("note"):
            errors.append("%s (user %s) has neither an id nor a note: which token is to be revoked?" % (where, values["user"]))
            continue
        if state == "present" and values.get("rotate_before") is not None:
            problem = rotation_problem(values["rotate_before"], values.get("expires_in"))
            if problem:
                errors.append("%s (%s/%s): %s" % (where, values["user"], values["note"], problem))
                continue
        if state == "present" and values.get("scopes") is not None and values.get("roles") is not None:
            errors.append("%s (%s/%s): scopes and roles are mutually exclusive (the hub takes one or the other)" % (where, values["user"], values["note"]))
            continue
        checked.append(values)
    return checked, errors
