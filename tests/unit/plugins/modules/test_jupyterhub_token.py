# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_token through main(), on a mocked hub: password sign-in and sign-out, the secret only in ``token`` or
in its secret_file, rotation and bulk revocation (the planning is in test_tokens.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os

import pytest

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_token
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN, file_mode, file_text, from_now, run_module, token_model, warnings_of

PASSWORD = "correct-horse-battery"
SECRET = "new-secret-fedcba9876543210"
SIGN_IN_SECRET = "sign-in-secret-5555aaaa"
# A task that signs in as alice with a password instead of an api_token.
SIGN_IN = dict(api_token=None, auth_username="alice", auth_password=PASSWORD)


def authorization(call):
    return call.request.headers.get("Authorization")


def test_creation_returns_the_secret_only_in_token(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "other")]})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))

    result, out = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci")

    assert result["changed"] is True
    assert result["token"] == SECRET
    assert result["token_model"]["id"] == "a2"
    assert "warnings" not in result
    assert out.count(SECRET) == 1  # not in diff, plan, token_model or warnings
    assert TOKEN not in out


def test_check_mode_predicts_and_returns_no_secret(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, user="alice", note="ci")

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens"]
    assert "token" not in result
    assert result["diff"]["after"]["tokens"][0]["note"] == "ci"


def test_password_mode_signs_in_reads_and_signs_out(rsps, capsys):
    sign_in = rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci"), token_model("a7", "jupyterhub.hub temporary sign-in")]})
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)

    result, out = run_module(jupyterhub_token, capsys, diff=True, note="ci", **SIGN_IN)

    assert result["changed"] is False
    assert result["plan"] == []
    assert "token" not in result
    assert result["token_model"]["id"] == "a1"
    body = json.loads(sign_in.calls[0].request.body)
    assert body["auth"] == {"username": "alice", "password": PASSWORD}
    assert body["scopes"] == ["tokens!user=alice"]
    assert body["expires_in"] == 300
    assert authorization(sign_in.calls[0]) is None
    assert authorization(rsps.calls[1]) == "token " + SIGN_IN_SECRET
    assert sign_out.call_count == 1
    assert PASSWORD not in out and SIGN_IN_SECRET not in out


def test_password_mode_creates_with_the_sign_in_token(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a8", "ci"), token=SECRET))
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)

    result, out = run_module(jupyterhub_token, capsys, diff=True, note="ci", **SIGN_IN)

    assert result["changed"] is True
    assert result["token"] == SECRET
    assert authorization(rsps.calls[2]) == "token " + SIGN_IN_SECRET
    assert sign_out.call_count == 1
    assert SIGN_IN_SECRET not in out


def test_password_mode_signs_out_after_a_failure(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "Not assigning requested scopes admin:users"})
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, note="ci", scopes=["admin:users"], **SIGN_IN)

    assert result["failed"] is True
    assert result["msg"] == "POST /users/alice/tokens: 400 Bad Request: Not assigning requested scopes admin:users"
    assert sign_out.call_count == 1


def test_sign_in_asks_for_the_hubs_shorter_maximum(rsps, capsys):
    # token_expires_in_max_seconds = 60 on the hub: 300 s is refused, the hub's maximum is not
    refused = rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "token expires_in: 300 must not exceed 60"})
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    rsps.delete(API + "/users/alice/tokens/a7", status=204)
    # responses serves registered answers of one URL in order: the refusal first, then the token
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, note="ci", **SIGN_IN)

    assert result["changed"] is False
    bodies = [json.loads(call.request.body) for call in rsps.calls if call.request.method == "POST"]
    assert [body["expires_in"] for body in bodies] == [300, 60]
    assert refused.call_count == 1


def test_sign_in_refused_for_its_expiry_says_why(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "token expires_in: 300 must not exceed 60"})
    rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "token expires_in: 60 must not exceed 30"})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, note="ci", **SIGN_IN)

    assert result["failed"] is True
    assert result["msg"] == (
        "cannot sign in as alice with auth_username and auth_password (for a temporary token of 60 seconds with the scopes "
        "tokens!user=alice): POST /users/alice/tokens: 400 Bad Request: token expires_in: 60 must not exceed 30"
    )


def test_a_wrong_password_is_a_clear_failure(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=403, json={"status": 403, "message": None})

    result, out = run_module(jupyterhub_token, capsys, diff=True, note="ci", **SIGN_IN)

    assert result["failed"] is True
    assert result["status"] == 403
    assert result["msg"].startswith("cannot sign in as alice with auth_username and auth_password")
    assert "POST /users/alice/tokens: 403 Forbidden" in result["msg"]
    assert "the user name or password is wrong" in result["msg"]
    assert "the hub has no user alice yet" in result["msg"]
    assert PASSWORD not in out


def test_password_mode_in_check_mode_sends_nothing_and_warns(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, note="ci", **SIGN_IN)

    assert len(rsps.calls) == 0
    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens"]
    assert "check mode cannot sign in" in warnings_of(result)


def test_rotating_the_callers_own_token_warns(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "user", "name": "alice", "token_id": "a1"})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=204)

    result, out = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", force=True)

    assert result["plan"] == ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a1"]
    assert [t["id"] for t in result["revoked"]] == ["a1"]
    assert "the token this task used (a1)" in warnings_of(result)
    assert out.count(SECRET) == 1


def test_a_service_token_needs_user(rsps, capsys):
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, note="ci")

    assert result["failed"] is True
    assert "service ansible" in result["msg"]


@pytest.mark.parametrize(
    "params, message",
    [
        (dict(note="Server at /user/alice/"), "the hub gives its own tokens"),
        (dict(note=" "), "note cannot be empty"),
        (dict(note="ci", expires_in=0), "expires_in must be a positive number"),
        (dict(token_id="a1"), "state is present but any of the following are missing: note, tokens"),
        (dict(note="ci", api_token=None), "api_token is required"),
    ],
)
def test_bad_options_fail_before_any_call(rsps, capsys, params, message):
    args = dict(user="alice")
    args.update(params)
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, **args)

    assert result["failed"] is True
    assert message in result["msg"]
    assert len(rsps.calls) == 0


def test_an_admin_signing_in_for_another_user_may_also_revoke_its_sign_in_token(rsps, capsys):
    sign_in_model = dict(token_model("a7", "jupyterhub.hub temporary sign-in", user="hubadmin"), token=SIGN_IN_SECRET)
    sign_in = rsps.post(API + "/users/hubadmin/tokens", status=201, json=sign_in_model)
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    sign_out = rsps.delete(API + "/users/hubadmin/tokens/a7", status=204)

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, api_token=None, auth_username="hubadmin", auth_password=PASSWORD, user="alice", note="ci")

    assert result["owner"] == "alice"
    assert json.loads(sign_in.calls[0].request.body)["scopes"] == ["tokens!user=alice", "tokens!user=hubadmin"]
    assert sign_out.call_count == 1


# -- many tokens, several owners, one run ------------------------------------------------------


def test_many_tokens_read_each_owner_once_and_create_only_the_missing(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "grading")]})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": []})
    created = rsps.post(API + "/users/bob/tokens", status=201, json=dict(token_model("b1", "grading", user="bob"), token=SECRET))
    entries = [
        {"user": "alice", "note": "grading"},
        {"user": "bob", "note": "grading", "scopes": ["read:users"]},
        {"user": "alice", "note": "grading-2"},
    ]
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "grading-2"), token="second-secret-0000"))

    result, out = run_module(jupyterhub_token, capsys, diff=True, tokens=entries)

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/bob/tokens", "POST /users/alice/tokens"]
    assert [(t["user"], t["note"], t["created"]) for t in result["tokens"]] == [
        ("alice", "grading", False), ("bob", "grading", True), ("alice", "grading-2", True)]
    assert result["token_secrets"] == {"bob/grading": SECRET, "alice/grading-2": "second-secret-0000"}
    assert json.loads(created.calls[0].request.body)["scopes"] == ["read:users"]
    assert "token" not in result["tokens"][1]["token_model"]
    assert SECRET not in json.dumps(result["diff"]) + json.dumps(result["tokens"])


def test_many_tokens_in_check_mode_predict_and_hold_no_secret(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, tokens=[{"user": "alice", "note": "grading"}])

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens"]
    assert result["token_secrets"] == {}
    assert result["tokens"][0]["created"] is True


def test_a_scope_the_owner_lacks_says_how_to_grant_it(rsps, capsys):
    rsps.get(API + "/users/svc-grader/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/svc-grader/tokens", status=400,
              json={"status": 400, "message": "Not assigning requested scopes admin:users, not held by User svc-grader"})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=[{"user": "svc-grader", "note": "grading", "scopes": ["admin:users"]}])

    assert result["failed"] is True
    assert "not held by User svc-grader" in result["msg"]
    assert "c.JupyterHub.load_roles" in result["msg"]
    assert result["failure"]["message"] == "Not assigning requested scopes admin:users, not held by User svc-grader"


def test_the_same_owner_and_note_twice_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=[{"user": "alice", "note": "x"}, {"user": "alice", "note": "x"}])

    assert result["failed"] is True
    assert result["msg"] == "tokens names these owner/note pairs more than once: alice/x"


def test_many_tokens_failing_part_way_still_return_the_secrets_made_before(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a1", "grading"), token=SECRET))
    rsps.post(API + "/users/bob/tokens", status=400, json={"status": 400, "message": "token expires_in: 9999 must not exceed 60"})

    entries = [{"user": "alice", "note": "grading"}, {"user": "bob", "note": "grading", "expires_in": 9999}]
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=entries)

    assert result["failed"] is True
    assert result["token_secrets"] == {"alice/grading": SECRET}
    assert result["done"] == ["POST /users/alice/tokens"] and result["not_done"] == ["POST /users/bob/tokens"]


def test_a_rotation_failing_at_the_revocation_still_returns_the_new_secret(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=403, json={"status": 403, "message": "no"})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", force=True)

    assert result["failed"] is True
    assert result["token"] == SECRET


def test_many_tokens_with_a_password_sign_in_for_every_owner(rsps, capsys):
    sign_in = rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("s1", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": [dict(token_model("b1", "grading"), user="bob")]})
    rsps.delete(API + "/users/alice/tokens/s1", status=204)

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=[{"user": "bob", "note": "grading"}], **SIGN_IN)

    assert result["changed"] is False
    assert json.loads(sign_in.calls[0].request.body)["scopes"] == ["tokens!user=alice", "tokens!user=bob"]


def test_many_tokens_in_check_mode_with_a_password_read_nothing(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, tokens=[{"user": "bob", "note": "grading"}], **SIGN_IN)

    assert len(rsps.calls) == 0
    assert result["plan"] == ["POST /users/bob/tokens"]


# -- roles, rotate_before, bulk revocation (1.1.0) ------------------------------------------------------------


def test_roles_are_sent_and_an_unknown_role_says_where_roles_come_from(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    created = rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "No such role: grader"})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", roles=["grader"])

    assert json.loads(created.calls[0].request.body) == {"note": "ci", "expires_in": None, "roles": ["grader"]}
    assert result["failed"] is True
    assert result["msg"].startswith("POST /users/alice/tokens: 400")
    assert "No such role: grader" in result["msg"] and "load_roles" in result["msg"]


def test_roles_and_scopes_together_fail_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", roles=["user"], scopes=["read:users"])
    assert result["failed"] is True and "mutually exclusive" in result["msg"]


def test_rotate_before_needs_expires_in(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", rotate_before="7d")
    assert result["failed"] is True and "expires_in" in result["msg"]


@pytest.mark.parametrize("tokens", [False, True], ids=["token", "tokens"])
def test_rotate_before_not_shorter_than_the_lifetime_fails_before_any_call(rsps, capsys, tokens):
    entry = dict(user="alice", note="ci", expires_in=3600, rotate_before="7d")
    params = dict(tokens=[entry]) if tokens else entry
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, **params)
    assert result["failed"] is True
    assert "rotate_before=7d is not shorter than expires_in=3600 seconds: every new token would be due at once" in result["msg"]
    assert len(rsps.calls) == 0


def test_a_bad_rotate_before_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", rotate_before="weekly", expires_in=60)
    assert result["failed"] is True and result["msg"].startswith("rotate_before: 'weekly' is not a duration")


def test_a_due_token_is_rotated_new_first(rsps, capsys):
    old = token_model("a1", "ci", expires_at=from_now(2))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [old]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    created = rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci", expires_at=from_now(30)), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=204)

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a1"]
    assert json.loads(created.calls[0].request.body)["expires_in"] == 30 * 86400
    assert result["token"] == SECRET
    assert result["rotated"]["id"] == "a1" and "within rotate_before=7d" in result["rotated"]["reason"]
    assert [t["id"] for t in result["revoked"]] == ["a1"]
    assert result["token_model"]["id"] == "a2"
    assert [t["id"] for t in result["diff"]["before"]["tokens"]] == ["a1"]
    assert [t["id"] for t in result["diff"]["after"]["tokens"]] == ["a2"]
    assert SECRET not in json.dumps(result["diff"]) + json.dumps(result["rotated"]) + json.dumps(result["plan"])


def test_a_token_not_due_is_kept(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci", expires_at=from_now(20))]})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is False and result["plan"] == [] and result["rotated"] is None
    assert "token" not in result


def test_a_rotation_in_check_mode_is_predicted(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci", expires_at=from_now(2))]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a1"]
    assert result["rotated"]["id"] == "a1" and "token" not in result
    assert result["diff"]["after"]["tokens"][0]["id"] is None


def test_a_token_that_never_expires_is_not_rotated_and_warns(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is False and result["rotated"] is None
    assert "never expires" in warnings_of(result)


def test_a_rotation_failing_at_the_revocation_says_what_was_done(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci", expires_at=from_now(1))]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=500, json={"status": 500, "message": "database is locked"})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["failed"] is True and result["changed"] is True
    assert result["token"] == SECRET and result["token_model"]["id"] == "a2"
    assert result["rotated"]["id"] == "a1"
    assert result["done"] == ["POST /users/alice/tokens"] and result["not_done"] == ["DELETE /users/alice/tokens/a1"]


def test_many_tokens_rotate_only_the_due_ones(rsps, capsys):
    rsps.get(API + "/users/svc-a/tokens", json={"api_tokens": [token_model("a1", "svc", user="svc-a", expires_at=from_now(1))]})
    rsps.get(API + "/users/svc-b/tokens", json={"api_tokens": [token_model("b1", "svc", user="svc-b", expires_at=from_now(25))]})
    rsps.post(API + "/users/svc-a/tokens", status=201, json=dict(token_model("a2", "svc", user="svc-a"), token=SECRET))
    rsps.delete(API + "/users/svc-a/tokens/a1", status=204)
    entries = [dict(user=name, note="svc", expires_in=30 * 86400, rotate_before="7d") for name in ("svc-a", "svc-b")]

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=entries)

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/svc-a/tokens", "DELETE /users/svc-a/tokens/a1"]
    assert result["token_secrets"] == {"svc-a/svc": SECRET}
    assert result["tokens"][0]["rotated"]["id"] == "a1" and result["tokens"][1]["rotated"] is None
    assert SECRET not in json.dumps(result["tokens"]) + json.dumps(result["diff"])


def test_many_tokens_with_an_unknown_key_fail_before_any_call(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=[{"user": "alice", "note": "ci", "scope": ["x"]}])
    assert result["failed"] is True and result["msg"].startswith("tokens: tokens[0]: ") and "scope" in result["msg"]


def stale_list():
    """What jupyterhub_token_info returns: models with every metadata key."""
    return [token_model("a1", "ci", last_activity="2026-01-01T00:00:00.000000Z"), dict(token_model("b1", "old", user="bob")),
            dict(token_model("c1", "ci", user="carol")), dict(token_model("s1", "awx", user="svc"))]


def test_revoking_a_token_info_list_in_check_mode(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci"), token_model("a2", "keep")]})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": []})  # b1 is gone already
    rsps.get(API + "/users/carol/tokens", status=404, json={"status": 404, "message": "No such user: carol"})
    rsps.get(API + "/users/svc/tokens", json={"api_tokens": [token_model("s1", "awx", user="svc")]})
    rsps.get(API + "/", json={"version": "6.1.1"})
    rsps.get(API + "/user", json={"kind": "user", "name": "svc", "token_id": "s1"})

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, tokens=stale_list(), state="absent")

    assert result["changed"] is True
    assert result["plan"] == ["DELETE /users/alice/tokens/a1"]
    assert [t["id"] for t in result["revoked"]] == ["a1"]
    assert [t["id"] for t in result["kept"]] == ["s1"] and "authenticates with" in warnings_of(result)
    assert result["users_gone"] == ["carol"]
    assert [t["id"] for t in result["diff"]["before"]["tokens"]] == ["a1", "s1"]
    assert [t["id"] for t in result["diff"]["after"]["tokens"]] == ["s1"]


def test_revoking_a_list_for_real_and_again(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    deleted = rsps.delete(API + "/users/alice/tokens/a1", status=204)

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=stale_list()[:1], state="absent")

    assert result["changed"] is True and deleted.call_count == 1
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    again, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=stale_list()[:1], state="absent")
    assert again["changed"] is False and again["plan"] == [] and again["revoked"] == []


def test_an_empty_list_revokes_nothing(rsps, capsys):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=[], state="absent")
    assert result["changed"] is False and result["plan"] == [] and len(rsps.calls) == 0


def test_a_bulk_revocation_over_the_limit_revokes_nothing(rsps, capsys):
    listed = [token_model("a%d" % number, "ci") for number in range(3)]
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": listed})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=listed, state="absent", revoke_max=2)

    assert result["failed"] is True
    assert result["msg"].startswith("the task would revoke 3 tokens, more than revoke_max=2")
    assert not [call for call in rsps.calls if call.request.method == "DELETE"]


# -- secret_file: the secret written to a file, never in the result (1.2.0) -----------------------------------


def test_a_new_secret_goes_to_secret_file_and_nowhere_in_the_result(rsps, capsys, tmp_path):
    path = tmp_path / "grader.token"
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))

    result, out = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", secret_file=str(path))

    assert result["changed"] is True
    assert file_text(path) == SECRET and file_mode(path) == 0o600
    assert "token" not in result
    assert result["secret_file"] == str(path) and result["secret_written"] is True
    assert result["token_model"]["id"] == "a2"
    assert SECRET not in out  # not in the result, the diff, the plan or a warning
    assert result["diff"]["before"]["secret_files"] == {str(path): "(no file)"}
    assert result["diff"]["after"]["secret_files"] == {str(path): "(a new secret, not shown)"}
    assert "warnings" not in result


def test_a_kept_token_writes_nothing_and_leaves_the_file_alone(rsps, capsys, tmp_path):
    path = tmp_path / "grader.token"
    path.write_text("the-secret-written-before")
    os.chmod(str(path), 0o600)
    os.utime(str(path), (1000000000, 1000000000))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", secret_file=str(path))

    assert result["changed"] is False and result["plan"] == []
    assert result["secret_file"] == str(path) and result["secret_written"] is False
    assert os.stat(str(path)).st_mtime == 1000000000 and file_text(path) == "the-secret-written-before"
    assert result["diff"]["before"] == result["diff"]["after"]
    assert result["diff"]["after"]["secret_files"] == {str(path): "(a secret, not shown)"}
    assert "warnings" not in result


def test_a_kept_token_whose_file_is_missing_warns_how_to_get_a_new_secret(rsps, capsys, tmp_path):
    path = tmp_path / "grader.token"
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", secret_file=str(path))

    assert result.get("failed") is not True
    assert result["changed"] is False and result["secret_written"] is False
    assert not path.exists()
    warning = warnings_of(result)
    assert "token a1 (note 'ci' of alice) is kept, but its secret_file %s does not exist" % path in warning
    assert "cannot be read again" in warning and "force=true" in warning


def test_check_mode_writes_no_file_and_says_which_it_would_write(rsps, capsys, tmp_path):
    path = tmp_path / "grader.token"
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, user="alice", note="ci", secret_file=str(path))

    assert result["changed"] is True and result["plan"] == ["POST /users/alice/tokens"]
    assert not path.exists() and os.listdir(str(tmp_path)) == []
    assert result["secret_file"] == str(path) and result["secret_written"] is True  # would be written
    assert result["diff"]["before"]["secret_files"] == {str(path): "(no file)"}
    assert result["diff"]["after"]["secret_files"] == {str(path): "(a new secret, not shown)"}


def test_a_rotation_writes_the_new_secret_before_it_revokes_the_old_token(rsps, capsys, tmp_path):
    path = tmp_path / "grader.token"
    path.write_text("old-secret")
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))
    in_file_at_revocation = []

    def revoke(request):
        in_file_at_revocation.append(file_text(path))
        return 204, {}, ""

    rsps.add_callback("DELETE", API + "/users/alice/tokens/a1", callback=revoke)

    result, out = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", force=True, secret_file=str(path))

    assert in_file_at_revocation == [SECRET]
    assert result["plan"] == ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a1"]
    assert result["secret_written"] is True and "token" not in result
    assert file_text(path) == SECRET and file_mode(path) == 0o600
    assert [t["id"] for t in result["diff"]["after"]["tokens"]] == ["a2"]
    assert result["diff"]["before"]["secret_files"] == {str(path): "(a secret, not shown)"}
    assert SECRET not in out


def test_a_rotation_failing_at_the_revocation_has_written_the_new_secret_and_says_so_readably(rsps, capsys, tmp_path):
    path = tmp_path / "grader.token"
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci", expires_at=from_now(1))]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=500, json={"status": 500, "message": "database is locked"})

    result, out = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d", secret_file=str(path))

    assert result["failed"] is True and result["changed"] is True
    assert result["msg"] == "DELETE /users/alice/tokens/a1: 500 Internal Server Error: database is locked"
    assert file_text(path) == SECRET
    assert "token" not in result and SECRET not in out
    assert result["secret_file"] == str(path) and result["secret_written"] is True
    assert result["token_model"]["id"] == "a2" and result["rotated"]["id"] == "a1"
    assert result["done"] == ["POST /users/alice/tokens"] and result["not_done"] == ["DELETE /users/alice/tokens/a1"]


def test_a_secret_that_cannot_be_written_revokes_the_new_token_and_keeps_the_old(rsps, capsys, tmp_path, monkeypatch):
    from ansible_collections.jupyterhub.hub.plugins.module_utils import token_runner
    from ansible_collections.jupyterhub.hub.plugins.module_utils.secret_files import SecretFileError

    path = tmp_path / "grader.token"
    path.write_text("old-secret")

    def full_disk(target, secret):
        raise SecretFileError("cannot write secret_file %s: No space left on device" % target)

    monkeypatch.setattr(token_runner, "write_secret", full_disk)
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token_model("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))
    taken_back = rsps.delete(API + "/users/alice/tokens/a2", status=204)

    result, out = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", force=True, secret_file=str(path))

    assert result["failed"] is True
    assert result["msg"].startswith("token a2 (note 'ci' of alice) was created, but cannot write secret_file %s: No space left" % path)
    assert "It was revoked again" in result["msg"] and "no older token was revoked" in result["msg"]
    assert taken_back.call_count == 1  # and the old token a1 was not revoked: rsps fails on an unregistered DELETE
    assert result["not_done"] == ["DELETE /users/alice/tokens/a1"]
    assert result["secret_written"] is False
    assert file_text(path) == "old-secret"
    assert SECRET not in out


@pytest.mark.parametrize("check_mode", [False, True], ids=["run", "check"])
def test_a_secret_file_in_a_missing_directory_fails_before_any_call(rsps, capsys, tmp_path, check_mode):
    path = tmp_path / "secrets" / "grader.token"

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=check_mode, diff=True, user="alice", note="ci", secret_file=str(path))

    assert result["failed"] is True
    assert result["msg"] == (
        "the directory of secret_file %s does not exist: create %s first (for example with ansible.builtin.file, "
        "state=directory, mode=0700). Nothing was changed." % (path, tmp_path / "secrets")
    )
    assert len(rsps.calls) == 0
    assert not (tmp_path / "secrets").exists()


def test_secret_file_with_state_absent_fails_before_any_call(rsps, capsys, tmp_path):
    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci", state="absent", secret_file=str(tmp_path / "x"))
    assert result["failed"] is True and result["msg"].startswith("secret_file is for state=present")
    assert len(rsps.calls) == 0


def test_without_secret_file_the_result_is_as_before(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token_model("a2", "ci"), token=SECRET))

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, user="alice", note="ci")

    assert result["token"] == SECRET
    assert "secret_file" not in result and "secret_written" not in result
    assert set(result["diff"]["before"]) == set(result["diff"]["after"]) == {"tokens"}


def test_many_tokens_write_each_secret_to_its_own_file(rsps, capsys, tmp_path):
    grading, backup = tmp_path / "grading.token", tmp_path / "backup.token"
    rsps.get(API + "/users/svc-a/tokens", json={"api_tokens": []})
    rsps.get(API + "/users/svc-b/tokens", json={"api_tokens": []})
    rsps.get(API + "/users/svc-c/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/svc-a/tokens", status=201, json=dict(token_model("a1", "grading", user="svc-a"), token=SECRET))
    rsps.post(API + "/users/svc-b/tokens", status=201, json=dict(token_model("b1", "backup", user="svc-b"), token="backup-secret-0000"))
    rsps.post(API + "/users/svc-c/tokens", status=201, json=dict(token_model("c1", "plain", user="svc-c"), token="plain-secret-1111"))
    entries = [
        {"user": "svc-a", "note": "grading", "secret_file": str(grading)},
        {"user": "svc-b", "note": "backup", "secret_file": str(backup)},
        {"user": "svc-c", "note": "plain"},
    ]

    result, out = run_module(jupyterhub_token, capsys, diff=True, tokens=entries)

    assert file_text(grading) == SECRET and file_text(backup) == "backup-secret-0000"
    assert file_mode(grading) == file_mode(backup) == 0o600
    assert result["token_secrets"] == {"svc-c/plain": "plain-secret-1111"}  # the one without a file, as before
    assert SECRET not in out and "backup-secret-0000" not in out
    assert [(t["user"], t.get("secret_file"), t.get("secret_written")) for t in result["tokens"]] == [
        ("svc-a", str(grading), True), ("svc-b", str(backup), True), ("svc-c", None, None)]
    assert "secret_file" not in result["tokens"][2]
    assert result["diff"]["after"]["secret_files"] == {str(grading): "(a new secret, not shown)", str(backup): "(a new secret, not shown)"}


def test_many_tokens_in_check_mode_write_nothing(rsps, capsys, tmp_path):
    path = tmp_path / "grading.token"
    rsps.get(API + "/users/svc-a/tokens", json={"api_tokens": []})

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, tokens=[{"user": "svc-a", "note": "grading", "secret_file": str(path)}])

    assert result["changed"] is True and not path.exists()
    assert result["tokens"][0]["secret_written"] is True and result["token_secrets"] == {}


def test_many_tokens_keep_a_token_and_its_file_and_warn_for_a_missing_one(rsps, capsys, tmp_path):
    kept_file, missing_file = tmp_path / "a.token", tmp_path / "b.token"
    kept_file.write_text("written-before")
    os.utime(str(kept_file), (1000000000, 1000000000))
    rsps.get(API + "/users/svc-a/tokens", json={"api_tokens": [token_model("a1", "svc", user="svc-a")]})
    rsps.get(API + "/users/svc-b/tokens", json={"api_tokens": [token_model("b1", "svc", user="svc-b")]})
    entries = [{"user": "svc-a", "note": "svc", "secret_file": str(kept_file)}, {"user": "svc-b", "note": "svc", "secret_file": str(missing_file)}]

    result, dummy = run_module(jupyterhub_token, capsys, diff=True, tokens=entries)

    assert result["changed"] is False
    assert [t["secret_written"] for t in result["tokens"]] == [False, False]
    assert os.stat(str(kept_file)).st_mtime == 1000000000 and not missing_file.exists()
    warning = warnings_of(result)
    assert "token b1 (note 'svc' of svc-b) is kept, but its secret_file %s does not exist" % missing_file in warning
    assert "token a1" not in warning
    assert "force=true" in warning and "revoke it" in warning


def test_many_tokens_failing_part_way_have_written_the_secrets_made_before(rsps, capsys, tmp_path):
    path = tmp_path / "a.token"
    rsps.get(API + "/users/svc-a/tokens", json={"api_tokens": []})
    rsps.get(API + "/users/svc-b/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/svc-a/tokens", status=201, json=dict(token_model("a1", "svc", user="svc-a"), token=SECRET))
    rsps.post(API + "/users/svc-b/tokens", status=400, json={"status": 400, "message": "token expires_in: 9999 must not exceed 60"})
    entries = [{"user": "svc-a", "note": "svc", "secret_file": str(path)}, {"user": "svc-b", "note": "svc", "expires_in": 9999,
                                                                            "secret_file": str(tmp_path / "b.token")}]

    result, out = run_module(jupyterhub_token, capsys, diff=True, tokens=entries)

    assert result["failed"] is True
    assert result["msg"] == "POST /users/svc-b/tokens: 400 Bad Request: token expires_in: 9999 must not exceed 60"
    assert file_text(path) == SECRET and not (tmp_path / "b.token").exists()
    assert [t["secret_written"] for t in result["tokens"]] == [True, False]
    assert result["token_secrets"] == {} and SECRET not in out


@pytest.mark.parametrize(
    "entries, message",
    [
        ([{"user": "a", "note": "x", "secret_file": "{dir}/missing/a"}], "tokens[0] (a/x): the directory of secret_file {dir}/missing/a does not exist"),
        ([{"user": "a", "note": "x", "secret_file": "{dir}/a"}, {"user": "b", "note": "x", "secret_file": "{dir}//a"}],
         "tokens[].secret_file names these files for more than one token: {dir}/a"),
        ([{"user": "a", "note": "x", "secret_file": "relative.token"}], "secret_file relative.token is not an absolute path"),
        # the argument spec's type path takes anything as a string: the check still refuses it
        ([{"user": "a", "note": "x", "secret_file": ["not", "a", "path"]}], "is not an absolute path"),
    ],
    ids=["missing-directory", "one-file-twice", "relative", "not-a-string"],
)
def test_many_tokens_with_a_bad_secret_file_fail_before_any_call(rsps, capsys, tmp_path, entries, message):
    for entry in entries:
        if isinstance(entry["secret_file"], str):
            entry["secret_file"] = entry["secret_file"].format(dir=tmp_path)

    result, dummy = run_module(jupyterhub_token, capsys, check_mode=True, diff=True, tokens=entries)

    assert result["failed"] is True
    assert message.format(dir=tmp_path) in result["msg"]
    assert len(rsps.calls) == 0
