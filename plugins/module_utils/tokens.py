# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""API tokens: which ones the hub made itself, how they are selected, read, rotated, created and revoked.

Pure: nothing of Ansible; token_runner.py is its Ansible side, shared by
jupyterhub_token and jupyterhub_token_info. The secret of a token is in the
hub's answer to its creation only: split_secret takes it out of the model, so
that no model, plan or diff holds it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.names import name_list
from ansible_collections.jupyterhub.hub.plugins.module_utils.parallel import send_each
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call
from ansible_collections.jupyterhub.hub.plugins.module_utils.times import format_timestamp, parse_duration, parse_timestamp

# The hub refuses a token with scopes its owner does not hold, and no API call grants them.
SCOPES_HINT = (
    "a token can only have scopes its owner holds, and no API call grants them: give the owner a role with these "
    "scopes in the hub's configuration (c.JupyterHub.load_roles), or ask for fewer"
)
# Roles are turned into scopes when the token is made; the hub knows only the roles of its configuration.
ROLES_HINT = (
    "roles names roles of the hub's configuration (c.JupyterHub.load_roles, or the built-in user, admin, server and "
    "token roles), and no API call creates one"
)
CREATION_HINTS = {400: [("not held by", SCOPES_HINT), ("No such role", ROLES_HINT)]}
# What reading tokens needs, for a 403.
READ_SCOPE_HINT = (
    "reading the tokens of a user needs the read:tokens scope on that user (the admin role has it, for every user)"
)
LIST_SCOPE_HINT = "listing every user needs the list:users scope (the admin role has it)"
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


def plan_token(owner, matched, state, note=None, scopes=None, expires_in=None, force=False, own_token_id=None, now=None, roles=None):
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
        if roles is not None:
            body["roles"] = list(roles)
        plan.append(Call("POST", tokens_path(owner), body, error_hints=CREATION_HINTS))
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


def summarize_tokens(tokens):
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
    """Many tokens, for several owners, in one plan: each entry (user, note, scopes, roles, expires_in, rotate_before,
    secret_file) is created unless a token with its note exists, and rotated when that token is due (see rotation).

    ``tokens_of``: {owner: the owner's tokens}. Returns (plan, planned, warnings): ``planned`` has, for each entry,
    {entry, kept: the token kept or None, index: of its POST in the plan or None, predicted: the model of the new token,
    rotated: see rotation, revoked: the tokens it revokes}.
    """
    now = now or _now()
    plan, planned, warnings = [], [], []
    for entry in entries:
        matched = select_tokens(tokens_of.get(entry["user"]) or [], note=entry["note"])
        rotated, warning = rotation(matched, entry.get("rotate_before"), now)
        if warning:
            warnings.append(warning)
        calls, revoked, created = plan_token(entry["user"], matched, "present", note=entry["note"], scopes=entry.get("scopes"),
                                             roles=entry.get("roles"), expires_in=entry.get("expires_in"),
                                             force=rotated is not None, now=now)
        kept = matched[-1] if matched and rotated is None else None
        planned.append(dict(entry=entry, kept=kept, index=len(plan) if created else None, predicted=created, rotated=rotated,
                            revoked=revoked))
        plan.extend(calls)
    return plan, planned, warnings


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


def created_tokens(planned, answers, written=()):
    """([{user, note, created, rotated, revoked, token_model}], {"user/note": secret}) once the plan of plan_tokens is
    applied (or predicted: answers of None).

    An entry with a ``secret_file`` has its secret in that file, never in the secrets: its token says
    ``secret_file`` and ``secret_written``, whether the index of its creation is in ``written`` (the
    creations whose secret was written, or in check mode would be).
    """
    tokens, secrets = [], {}
    for item in planned:
        entry, index = item["entry"], item["index"]
        model = item["kept"] or item["predicted"]
        if index is not None and answers[index]:
            model, secret = split_secret(answers[index])
            if entry.get("secret_file") is None:
                secrets["%s/%s" % (entry["user"], entry["note"])] = secret
        token = dict(user=entry["user"], note=entry["note"], created=index is not None, rotated=item["rotated"],
                     revoked=[metadata(token) for token in item["revoked"]], token_model=model)
        if entry.get("secret_file") is not None:
            token.update(secret_file=entry["secret_file"], secret_written=index in written)
        tokens.append(token)
    return tokens, secrets


def secret_files_of(planned):
    """{index of a creation in the plan of plan_tokens: (owner, secret_file)} for the entries with a secret_file."""
    return dict((item["index"], (item["entry"]["user"], item["entry"]["secret_file"])) for item in planned
                if item["index"] is not None and item["entry"].get("secret_file") is not None)


def with_secret_files(summary, shown):
    """The diff ``summary`` (see summarize_tokens) with what it shows of the secret files, {path: shown}, if there are any."""
    return dict(summary, secret_files=dict(shown)) if shown else summary


def lost_secret_warning(token, path, many=False):
    """The warning for a token kept while its secret_file is missing: its secret cannot be read again."""
    if many:
        remedy = ("rotate it once (jupyterhub_token with its user, note and secret_file, and force=true), or revoke it "
                  "(state=absent) and the next run creates a new one and writes its secret")
    else:
        remedy = "run the task once with force=true: it rotates the token and writes the new secret to the file"
    return (
        "token %s (note %r of %s) is kept, but its secret_file %s does not exist, and the hub shows a token's secret "
        "only when it creates the token, so it cannot be read again. To get a new secret in the file, %s."
        % (token.get("id"), token.get("note"), token.get("user"), path, remedy)
    )


# -- time: rotation and the filters of jupyterhub_token_info ------------------------------------------------


def _now():
    return datetime.datetime.now(datetime.timezone.utc)


def rotation_problem(rotate_before, expires_in):
    """Why ``rotate_before`` cannot work with ``expires_in`` (a sentence), or None.

    A new token must live longer than ``rotate_before``, or it is due again at once and every run rotates it.
    """
    try:
        seconds = parse_duration(rotate_before)
    except ValueError as err:
        return "rotate_before: %s" % err
    if expires_in is None:
        return "rotate_before needs expires_in, the lifetime of the new token"
    if seconds >= expires_in:
        return ("rotate_before=%s is not shorter than expires_in=%s seconds: every new token would be due at once, "
                "and every run would rotate it" % (rotate_before, expires_in))
    return None


def rotation(matched, rotate_before, now=None):
    """Whether the token kept for a note is due for rotation: (what is rotated and why, or None; a warning or None).

    ``matched``: the tokens with the note, oldest first (select_tokens); the newest is the one kept.
    ``rotate_before``: a duration (parse_duration). The kept token is due when it expires within that
    duration (or has expired: the hub deletes expired tokens when it lists them, so such a one is
    seldom seen). A token that never expires is never due: the warning says so. Pure.
    """
    if rotate_before is None or not matched:
        return None, None
    seconds = parse_duration(rotate_before)
    token = matched[-1]
    if not token.get("expires_at"):
        return None, (
            "token %s (note %r of %s) never expires, so rotate_before never rotates it: rotate it once with force=true "
            "and an expires_in" % (token.get("id"), token.get("note"), token.get("user"))
        )
    now = now or _now()
    expires_at = parse_timestamp(token["expires_at"])
    if expires_at <= now:
        reason = "expired at %s" % token["expires_at"]
    elif expires_at <= now + datetime.timedelta(seconds=seconds):
        reason = "expires at %s, within rotate_before=%s" % (token["expires_at"], rotate_before)
    else:
        return None, None
    return dict(metadata(token), reason=reason), None


def expires_within(token, seconds, now):
    """Whether ``token`` expires within ``seconds`` of ``now`` (or has expired). A token without expiry never does."""
    if not token.get("expires_at"):
        return False
    return parse_timestamp(token["expires_at"]) <= now + datetime.timedelta(seconds=seconds)


def unused_for(token, seconds, now):
    """Whether ``token`` was last used more than ``seconds`` before ``now``; a token never used counts from its creation."""
    stamp = token.get("last_activity") or token.get("created")
    if not stamp:
        return False
    return parse_timestamp(stamp) < now - datetime.timedelta(seconds=seconds)


def filter_tokens(tokens, unused=None, expiring=None, now=None):
    """The tokens that match every filter given: ``unused`` (seconds unused, see unused_for) and ``expiring``
    (seconds, see expires_within). Pure."""
    now = now or _now()
    if unused is not None:
        tokens = [token for token in tokens if unused_for(token, unused, now)]
    if expiring is not None:
        tokens = [token for token in tokens if expires_within(token, expiring, now)]
    return list(tokens)


def metadata(token):
    """What a result says of a token it names: who, which, and when; never a secret."""
    return dict((key, token.get(key)) for key in ("id", "user", "note", "created", "expires_at", "last_activity"))


# -- reading ---------------------------------------------------------------------------------------------------


def read_tokens(client, owners, token_id=None, hint=READ_SCOPE_HINT, max_parallel=None):
    """({owner: the owner's tokens}, [owners the hub does not know]): the one reader of tokens, one GET per owner.

    With ``token_id`` (one owner), the owner's list holds that token, or nothing if the
    token or its owner does not exist. Listing makes the hub delete the expired tokens.
    Many owners are read from a small pool of threads (module_utils/parallel.py), each
    with a session of its own; one is read with ``client`` itself. A user deleted since
    the caller named it (404) is in the second list; any other failure raises the first
    one's JupyterHubError, in the order of ``owners``, a 403 with ``hint`` (which scope
    the token needs, and where to get it).
    """
    owners = list(dict.fromkeys(owners))
    if token_id is not None:
        if len(owners) != 1:
            raise JupyterHubError("token_id needs one user, not %d" % len(owners))
        results = [_read(client, owners[0], token_id)]
    elif len(owners) == 1:
        results = [_read(client, owners[0])]
    else:
        options = {} if max_parallel is None else dict(max_parallel=max_parallel)
        results = send_each(client, owners, _list_tokens, **options)
    found, missing = {}, []
    for owner, (tokens, err) in zip(owners, results):
        if err is not None and err.status == 404:
            missing.append(owner)
        elif err is not None:
            raise err.with_hint(hint) if err.status == 403 and hint else err
        else:
            found[owner] = tokens
    return found, missing


def read_owner_names(client):
    """Every user name of the hub (the owners of all_users), with the paginated listing; a 403 names list:users."""
    try:
        return [user["name"] for user in client.paginate("/users")]
    except JupyterHubError as err:
        raise err.with_hint(LIST_SCOPE_HINT) if err.status == 403 else err


def _list_tokens(client, owner):
    answer = client.get(tokens_path(owner))
    return list((answer or {}).get("api_tokens") or [])


def _read(client, owner, token_id=None):
    try:
        if token_id is None:
            return _list_tokens(client, owner), None
        model = client.get(tokens_path(owner, token_id), missing_ok=True)
        return [model] if model else [], None
    except JupyterHubError as err:
        return None, err


# -- revoking the entries of O(tokens) -------------------------------------------------------------------------


def plan_revocations(entries, tokens_of, own_token_id=None, own_user=None):
    """What revoking the tokens of ``entries`` (checked, state=absent) takes: (plan, revoked, kept).

    ``tokens_of``: {owner: the owner's tokens}; an owner missing from it is gone, and
    so are its tokens. An entry names a token by ``id`` (any token, as with O(token_id)),
    else every token with its ``note`` that the hub did not make. A token already gone
    is no call, each token is revoked once, and these are kept (in ``kept``, with
    the reason): the caller's own token (``own_token_id``); on a hub before 5.0,
    which does not say which token the caller uses, every token of ``own_user``
    (the caller, if a user); and the tokens the hub made itself (a server's, an
    OAuth client's), whose revocation would cut a running server off. Pure.
    """
    plan, revoked, kept, seen = [], [], [], set()
    for entry in entries:
        tokens = tokens_of.get(entry["user"]) or []
        if entry.get("id"):
            matched = select_tokens(tokens, token_id=entry["id"])
        else:
            matched = select_tokens(tokens, note=entry["note"])
        for token in matched:
            key = (entry["user"], token["id"])
            if key in seen:
                continue
            seen.add(key)
            reason = _reason_to_keep(token, entry["user"], own_token_id, own_user)
            if reason:
                kept.append(dict(metadata(token), user=token.get("user") or entry["user"], reason=reason))
                continue
            plan.append(Call("DELETE", tokens_path(entry["user"], token["id"]), done_statuses=(404,)))
            revoked.append(dict(token, user=token.get("user") or entry["user"]))
    return plan, revoked, kept


def _reason_to_keep(token, owner, own_token_id, own_user):
    if own_token_id is not None and token["id"] == own_token_id:
        return "the token this task authenticates with"
    if own_user is not None and owner == own_user:
        return "a token of the user this task authenticates as, on a hub (before JupyterHub 5.0) that does not say which token is in use"
    if is_hub_made(token):
        return "made by the hub itself (for a server or an OAuth client): revoke it by token_id if you mean it"
    return None


def over_limit(revoked, limit):
    """The message of a bulk revocation over ``limit`` tokens, or None."""
    if limit is None or len(revoked) <= limit:
        return None
    return (
        "the task would revoke %d tokens, more than revoke_max=%d: %s. Nothing was revoked. Check the list, or raise revoke_max."
        % (len(revoked), limit, name_list("%s/%s" % (token.get("user"), token.get("id")) for token in revoked))
    )
