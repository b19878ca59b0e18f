# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_token: the planning logic as plain functions, and whole runs against a mocked hub
(password sign-in and sign-out, the secret only in ``token``)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import json

import pytest

from ansible_collections.jupyterhub.hub.tests.unit.helpers import patch_module_args

from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import is_hub_made, select_tokens
from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_token
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import plan_token, predict_token, summarize
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls

API = "http://hub.test/hub/api"
ADMIN_TOKEN = "admin-token-0123456789abcdef"
PASSWORD = "correct-horse-battery"
SECRET = "new-secret-fedcba9876543210"
SIGN_IN_SECRET = "sign-in-secret-5555aaaa"


def token(id_, note, created="2026-11-22T10:00:00.000000Z", **fields):
    model = {
        "id": id_,
        "kind": "api_token",
        "user": "alice",
        "note": note,
        "scopes": ["read:users!user=alice"],
        "created": created,
        "expires_at": None,
        "last_activity": None,
        "oauth_client": "JupyterHub",
        "session_id": None,
    }
    model.update(fields)
    return model


# -- which tokens the hub made ---------------------------------------------------------


@pytest.mark.parametrize(
    "model, hub_made",
    [
        (token("a1", "ci"), False),
        (token("a2", "Requested via api by service ansible"), False),
        (token("a3", "Server at /user/alice/"), True),
        (token("a4", "Server at /user/alice/lab1/"), True),
        (token("a5", "retrieved from spawner lab1"), True),
        (token("a6", "from config"), True),
        (token("a7", "", oauth_client="Server at /user/alice/", session_id="0f3c"), True),
        (token("a8", "", oauth_client="JupyterHub service grader"), True),
        (token("a9", "browser", session_id="0f3c"), True),
        ({"id": "a10", "note": "no oauth_client field (older hub)"}, False),
    ],
)
def test_hub_made_tokens_are_recognised(model, hub_made):
    assert is_hub_made(model) is hub_made


def test_select_by_note_skips_hub_made_tokens_and_sorts_oldest_first():
    tokens = [
        token("a3", "ci", created="2026-11-22T12:00:00.000000Z"),
        token("a1", "ci", created="2026-11-22T10:00:00.000000Z"),
        token("a2", "other"),
        token("a4", "ci", created="2026-11-22T13:00:00.000000Z", oauth_client="Server at /user/alice/", session_id="x"),
    ]
    assert [t["id"] for t in select_tokens(tokens, note="ci")] == ["a1", "a3"]
    assert [t["id"] for t in select_tokens(tokens)] == ["a1", "a2", "a3"]
    assert [t["id"] for t in select_tokens(tokens, include_hub_made=True)] == ["a1", "a2", "a3", "a4"]


def test_select_by_id_takes_any_token():
    tokens = [token("a1", "ci"), token("a4", "Server at /user/alice/")]
    assert select_tokens(tokens, token_id="a4") == [tokens[1]]
    assert select_tokens(tokens, token_id="a9") == []


# -- plan_token ----------------------------------------------------------------------


def test_no_token_with_the_note_creates_one():
    plan, revoked, created = plan_token("alice", [], "present", note="ci", scopes=["read:users!user"], expires_in=3600)
    assert calls(plan) == [("POST", "/users/alice/tokens", {"note": "ci", "expires_in": 3600, "scopes": ["read:users!user"]})]
    assert revoked == []
    assert created["note"] == "ci"
    assert created["id"] is None
    assert "token" not in created


def test_unset_scopes_and_expiry_send_the_hub_defaults():
    plan, dummy, created = plan_token("alice", [], "present", note="ci")
    # null, not 0, means no expiry; no scopes key means the hub's default token role
    assert calls(plan) == [("POST", "/users/alice/tokens", {"note": "ci", "expires_in": None})]
    assert created["scopes"] is None
    assert created["expires_at"] is None


def test_an_existing_token_with_the_note_is_kept():
    existing = [token("a1", "ci")]
    plan, revoked, created = plan_token("alice", existing, "present", note="ci", scopes=["servers!user"])
    assert plan == []
    assert revoked == []
    assert created is None


def test_force_creates_first_then_revokes_every_token_with_the_note():
    existing = [token("a1", "ci"), token("a2", "ci")]
    plan, revoked, created = plan_token("alice", existing, "present", note="ci", force=True)
    assert calls(plan) == [
        ("POST", "/users/alice/tokens", {"note": "ci", "expires_in": None}),
        ("DELETE", "/users/alice/tokens/a1", None),
        ("DELETE", "/users/alice/tokens/a2", None),
    ]
    assert revoked == existing
    assert plan[1].done_statuses == (404,)  # a parallel run revoked it already
    assert created["note"] == "ci"


def test_the_callers_own_token_is_revoked_last():
    existing = [token("a1", "ci"), token("a2", "ci"), token("a3", "ci")]
    plan, revoked, dummy = plan_token("alice", existing, "present", note="ci", force=True, own_token_id="a1")
    assert [c.path for c in plan[1:]] == ["/users/alice/tokens/a2", "/users/alice/tokens/a3", "/users/alice/tokens/a1"]
    assert [t["id"] for t in revoked] == ["a2", "a3", "a1"]


def test_absent_revokes_every_match_and_nothing_when_none():
    existing = [token("a1", "ci"), token("a2", "ci")]
    plan, revoked, created = plan_token("alice", existing, "absent", note="ci")
    assert calls(plan) == [("DELETE", "/users/alice/tokens/a1", None), ("DELETE", "/users/alice/tokens/a2", None)]
    assert created is None
    assert plan_token("alice", [], "absent", note="ci") == ([], [], None)


def test_owner_names_are_quoted():
    plan, dummy, dummy2 = plan_token("a b@c.d", [token("a1", "ci")], "absent", note="ci")
    assert plan[0].path == "/users/a%20b%40c.d/tokens/a1"


def test_predicted_expiry():
    now = datetime.datetime(2026, 11, 22, 10, 0, 0, tzinfo=datetime.timezone.utc)
    assert predict_token("alice", "ci", None, 3600, now)["expires_at"] == "2026-11-22T11:00:00.000000Z"


def test_summary_is_metadata_only():
    model = dict(token("a1", "ci"), token=SECRET)
    assert summarize([model]) == {"tokens": [{"id": "a1", "user": "alice", "note": "ci", "scopes": ["read:users!user=alice"], "expires_at": None}]}


# -- whole runs against a mocked hub ---------------------------------------------------


@pytest.fixture(autouse=True)
def fresh_warnings(monkeypatch):
    """ansible-core keeps a module's warnings in a global (a list before 2.19, a dict since): start each run without
    those of the last."""
    from ansible.module_utils.common import warnings

    if hasattr(warnings, "_global_warnings"):
        monkeypatch.setattr(warnings, "_global_warnings", type(warnings._global_warnings)())


def warnings_of(result):
    """The warnings' text, whatever form this ansible-core gives them."""
    return json.dumps(result.get("warnings", []))


def run_module(capsys, check_mode=False, diff=True, **params):
    args = dict(api_url=API, _ansible_check_mode=check_mode, _ansible_diff=diff)
    args.update(params)
    with patch_module_args(args):
        with pytest.raises(SystemExit):
            jupyterhub_token.main()
    out = capsys.readouterr().out
    return json.loads(out), out


def authorization(call):
    return call.request.headers.get("Authorization")


def test_creation_returns_the_secret_only_in_token(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "other")]})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a2", "ci"), token=SECRET))

    result, out = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci")

    assert result["changed"] is True
    assert result["token"] == SECRET
    assert result["token_model"]["id"] == "a2"
    assert "warnings" not in result
    assert out.count(SECRET) == 1  # not in diff, plan, token_model or warnings
    assert ADMIN_TOKEN not in out


def test_check_mode_predicts_and_returns_no_secret(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})

    result, dummy = run_module(capsys, check_mode=True, api_token=ADMIN_TOKEN, user="alice", note="ci")

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens"]
    assert "token" not in result
    assert result["diff"]["after"]["tokens"][0]["note"] == "ci"


def test_password_mode_signs_in_reads_and_signs_out(rsps, capsys):
    sign_in = rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci"), token("a7", "jupyterhub.hub temporary sign-in")]})
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)

    result, out = run_module(capsys, auth_username="alice", auth_password=PASSWORD, note="ci")

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
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a8", "ci"), token=SECRET))
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)

    result, out = run_module(capsys, auth_username="alice", auth_password=PASSWORD, note="ci")

    assert result["changed"] is True
    assert result["token"] == SECRET
    assert authorization(rsps.calls[2]) == "token " + SIGN_IN_SECRET
    assert sign_out.call_count == 1
    assert SIGN_IN_SECRET not in out


def test_password_mode_signs_out_after_a_failure(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "Not assigning requested scopes admin:users"})
    sign_out = rsps.delete(API + "/users/alice/tokens/a7", status=204)

    result, dummy = run_module(capsys, auth_username="alice", auth_password=PASSWORD, note="ci", scopes=["admin:users"])

    assert result["failed"] is True
    assert result["msg"] == "POST /users/alice/tokens: 400 Bad Request: Not assigning requested scopes admin:users"
    assert sign_out.call_count == 1


def test_sign_in_asks_for_the_hubs_shorter_maximum(rsps, capsys):
    # token_expires_in_max_seconds = 60 on the hub: 300 s is refused, the hub's maximum is not
    refused = rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "token expires_in: 300 must not exceed 60"})
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci")]})
    rsps.delete(API + "/users/alice/tokens/a7", status=204)
    # responses serves registered answers of one URL in order: the refusal first, then the token
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a7", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))

    result, dummy = run_module(capsys, auth_username="alice", auth_password=PASSWORD, note="ci")

    assert result["changed"] is False
    bodies = [json.loads(call.request.body) for call in rsps.calls if call.request.method == "POST"]
    assert [body["expires_in"] for body in bodies] == [300, 60]
    assert refused.call_count == 1


def test_sign_in_refused_for_its_expiry_says_why(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "token expires_in: 300 must not exceed 60"})
    rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "token expires_in: 60 must not exceed 30"})

    result, dummy = run_module(capsys, auth_username="alice", auth_password=PASSWORD, note="ci")

    assert result["failed"] is True
    assert result["msg"] == (
        "cannot sign in as alice with auth_username and auth_password (for a temporary token of 60 seconds with the scopes "
        "tokens!user=alice): POST /users/alice/tokens: 400 Bad Request: token expires_in: 60 must not exceed 30"
    )


def test_a_wrong_password_is_a_clear_failure(rsps, capsys):
    rsps.post(API + "/users/alice/tokens", status=403, json={"status": 403, "message": None})

    result, out = run_module(capsys, auth_username="alice", auth_password=PASSWORD, note="ci")

    assert result["failed"] is True
    assert result["status"] == 403
    assert result["msg"].startswith("cannot sign in as alice with auth_username and auth_password")
    assert "POST /users/alice/tokens: 403 Forbidden" in result["msg"]
    assert "the user name or password is wrong" in result["msg"]
    assert "the hub has no user alice yet" in result["msg"]
    assert PASSWORD not in out


def test_password_mode_in_check_mode_sends_nothing_and_warns(rsps, capsys):
    result, dummy = run_module(capsys, check_mode=True, auth_username="alice", auth_password=PASSWORD, note="ci")

    assert len(rsps.calls) == 0
    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens"]
    assert "check mode cannot sign in" in warnings_of(result)


def test_rotating_the_callers_own_token_warns(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "user", "name": "alice", "token_id": "a1"})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=204)

    result, out = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", force=True)

    assert result["plan"] == ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a1"]
    assert [t["id"] for t in result["revoked"]] == ["a1"]
    assert "the token this task used (a1)" in warnings_of(result)
    assert out.count(SECRET) == 1


def test_a_service_token_needs_user(rsps, capsys):
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible"})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, note="ci")

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
    args = dict(api_token=ADMIN_TOKEN, user="alice")
    args.update(params)
    result, dummy = run_module(capsys, **args)

    assert result["failed"] is True
    assert message in result["msg"]
    assert len(rsps.calls) == 0


def test_an_admin_signing_in_for_another_user_may_also_revoke_its_sign_in_token(rsps, capsys):
    sign_in_model = dict(token("a7", "jupyterhub.hub temporary sign-in", user="hubadmin"), token=SIGN_IN_SECRET)
    sign_in = rsps.post(API + "/users/hubadmin/tokens", status=201, json=sign_in_model)
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci")]})
    sign_out = rsps.delete(API + "/users/hubadmin/tokens/a7", status=204)

    result, dummy = run_module(capsys, auth_username="hubadmin", auth_password=PASSWORD, user="alice", note="ci")

    assert result["owner"] == "alice"
    assert json.loads(sign_in.calls[0].request.body)["scopes"] == ["tokens!user=alice", "tokens!user=hubadmin"]
    assert sign_out.call_count == 1


# -- many tokens, several owners, one run ------------------------------------------------------


def test_many_tokens_read_each_owner_once_and_create_only_the_missing(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "grading")]})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": []})
    created = rsps.post(API + "/users/bob/tokens", status=201, json=dict(token("b1", "grading", user="bob"), token=SECRET))
    entries = [
        {"user": "alice", "note": "grading"},
        {"user": "bob", "note": "grading", "scopes": ["read:users"]},
        {"user": "alice", "note": "grading-2"},
    ]
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a2", "grading-2"), token="second-secret-0000"))

    result, out = run_module(capsys, api_token=ADMIN_TOKEN, tokens=entries)

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

    result, dummy = run_module(capsys, check_mode=True, api_token=ADMIN_TOKEN, tokens=[{"user": "alice", "note": "grading"}])

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens"]
    assert result["token_secrets"] == {}
    assert result["tokens"][0]["created"] is True


def test_a_scope_the_owner_lacks_says_how_to_grant_it(rsps, capsys):
    rsps.get(API + "/users/svc-grader/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/svc-grader/tokens", status=400,
              json={"status": 400, "message": "Not assigning requested scopes admin:users, not held by User svc-grader"})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=[{"user": "svc-grader", "note": "grading", "scopes": ["admin:users"]}])

    assert result["failed"] is True
    assert "not held by User svc-grader" in result["msg"]
    assert "c.JupyterHub.load_roles" in result["msg"]
    assert result["failure"]["message"] == "Not assigning requested scopes admin:users, not held by User svc-grader"


def test_the_same_owner_and_note_twice_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=[{"user": "alice", "note": "x"}, {"user": "alice", "note": "x"}])

    assert result["failed"] is True
    assert result["msg"] == "tokens names these owner/note pairs more than once: alice/x"


def test_many_tokens_failing_part_way_still_return_the_secrets_made_before(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": []})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a1", "grading"), token=SECRET))
    rsps.post(API + "/users/bob/tokens", status=400, json={"status": 400, "message": "token expires_in: 9999 must not exceed 60"})

    entries = [{"user": "alice", "note": "grading"}, {"user": "bob", "note": "grading", "expires_in": 9999}]
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=entries)

    assert result["failed"] is True
    assert result["token_secrets"] == {"alice/grading": SECRET}
    assert result["done"] == ["POST /users/alice/tokens"] and result["not_done"] == ["POST /users/bob/tokens"]


def test_a_rotation_failing_at_the_revocation_still_returns_the_new_secret(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=403, json={"status": 403, "message": "no"})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", force=True)

    assert result["failed"] is True
    assert result["token"] == SECRET


def test_many_tokens_with_a_password_sign_in_for_every_owner(rsps, capsys):
    sign_in = rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("s1", "jupyterhub.hub temporary sign-in"), token=SIGN_IN_SECRET))
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": [dict(token("b1", "grading"), user="bob")]})
    rsps.delete(API + "/users/alice/tokens/s1", status=204)

    result, dummy = run_module(capsys, auth_username="alice", auth_password=PASSWORD, tokens=[{"user": "bob", "note": "grading"}])

    assert result["changed"] is False
    assert json.loads(sign_in.calls[0].request.body)["scopes"] == ["tokens!user=alice", "tokens!user=bob"]


def test_many_tokens_in_check_mode_with_a_password_read_nothing(rsps, capsys):
    result, dummy = run_module(capsys, check_mode=True, auth_username="alice", auth_password=PASSWORD, tokens=[{"user": "bob", "note": "grading"}])

    assert len(rsps.calls) == 0
    assert result["plan"] == ["POST /users/bob/tokens"]


# -- roles, rotate_before, bulk revocation (1.1.0) ------------------------------------------------------------


def in_days(days):
    stamp = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=days)
    return stamp.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def test_roles_are_sent_and_an_unknown_role_says_where_roles_come_from(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    created = rsps.post(API + "/users/alice/tokens", status=400, json={"status": 400, "message": "No such role: grader"})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", roles=["grader"])

    assert json.loads(created.calls[0].request.body) == {"note": "ci", "expires_in": None, "roles": ["grader"]}
    assert result["failed"] is True
    assert result["msg"].startswith("POST /users/alice/tokens: 400")
    assert "No such role: grader" in result["msg"] and "load_roles" in result["msg"]


def test_roles_and_scopes_together_fail_before_any_call(rsps, capsys):
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", roles=["user"], scopes=["read:users"])
    assert result["failed"] is True and "mutually exclusive" in result["msg"]


def test_rotate_before_needs_expires_in(rsps, capsys):
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", rotate_before="7d")
    assert result["failed"] is True and "expires_in" in result["msg"]


@pytest.mark.parametrize("tokens", [False, True], ids=["token", "tokens"])
def test_rotate_before_not_shorter_than_the_lifetime_fails_before_any_call(rsps, capsys, tokens):
    entry = dict(user="alice", note="ci", expires_in=3600, rotate_before="7d")
    params = dict(tokens=[entry]) if tokens else entry
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, **params)
    assert result["failed"] is True
    assert "rotate_before=7d is not shorter than expires_in=3600 seconds: every new token would be due at once" in result["msg"]
    assert len(rsps.calls) == 0


def test_a_bad_rotate_before_fails_before_any_call(rsps, capsys):
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", rotate_before="weekly", expires_in=60)
    assert result["failed"] is True and result["msg"].startswith("rotate_before: 'weekly' is not a duration")


def test_a_due_token_is_rotated_new_first(rsps, capsys):
    old = token("a1", "ci", expires_at=in_days(2))
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [old]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    created = rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a2", "ci", expires_at=in_days(30)), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=204)

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

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
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci", expires_at=in_days(20))]})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is False and result["plan"] == [] and result["rotated"] is None
    assert "token" not in result


def test_a_rotation_in_check_mode_is_predicted(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci", expires_at=in_days(2))]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})

    result, dummy = run_module(capsys, check_mode=True, api_token=ADMIN_TOKEN, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/alice/tokens", "DELETE /users/alice/tokens/a1"]
    assert result["rotated"]["id"] == "a1" and "token" not in result
    assert result["diff"]["after"]["tokens"][0]["id"] is None


def test_a_token_that_never_expires_is_not_rotated_and_warns(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci")]})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["changed"] is False and result["rotated"] is None
    assert "never expires" in warnings_of(result)


def test_a_rotation_failing_at_the_revocation_says_what_was_done(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci", expires_at=in_days(1))]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    rsps.post(API + "/users/alice/tokens", status=201, json=dict(token("a2", "ci"), token=SECRET))
    rsps.delete(API + "/users/alice/tokens/a1", status=500, json={"status": 500, "message": "database is locked"})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, user="alice", note="ci", expires_in=30 * 86400, rotate_before="7d")

    assert result["failed"] is True and result["changed"] is True
    assert result["token"] == SECRET and result["token_model"]["id"] == "a2"
    assert result["rotated"]["id"] == "a1"
    assert result["done"] == ["POST /users/alice/tokens"] and result["not_done"] == ["DELETE /users/alice/tokens/a1"]


def test_many_tokens_rotate_only_the_due_ones(rsps, capsys):
    rsps.get(API + "/users/svc-a/tokens", json={"api_tokens": [token("a1", "svc", user="svc-a", expires_at=in_days(1))]})
    rsps.get(API + "/users/svc-b/tokens", json={"api_tokens": [token("b1", "svc", user="svc-b", expires_at=in_days(25))]})
    rsps.post(API + "/users/svc-a/tokens", status=201, json=dict(token("a2", "svc", user="svc-a"), token=SECRET))
    rsps.delete(API + "/users/svc-a/tokens/a1", status=204)
    entries = [dict(user=name, note="svc", expires_in=30 * 86400, rotate_before="7d") for name in ("svc-a", "svc-b")]

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=entries)

    assert result["changed"] is True
    assert result["plan"] == ["POST /users/svc-a/tokens", "DELETE /users/svc-a/tokens/a1"]
    assert result["token_secrets"] == {"svc-a/svc": SECRET}
    assert result["tokens"][0]["rotated"]["id"] == "a1" and result["tokens"][1]["rotated"] is None
    assert SECRET not in json.dumps(result["tokens"]) + json.dumps(result["diff"])


def test_many_tokens_with_an_unknown_key_fail_before_any_call(rsps, capsys):
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=[{"user": "alice", "note": "ci", "scope": ["x"]}])
    assert result["failed"] is True and result["msg"].startswith("tokens: tokens[0]: ") and "scope" in result["msg"]


def stale_list():
    """What jupyterhub_token_info returns: models with every metadata key."""
    return [token("a1", "ci", last_activity="2026-01-01T00:00:00.000000Z"), dict(token("b1", "old", user="bob")),
            dict(token("c1", "ci", user="carol")), dict(token("s1", "awx", user="svc"))]


def test_revoking_a_token_info_list_in_check_mode(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci"), token("a2", "keep")]})
    rsps.get(API + "/users/bob/tokens", json={"api_tokens": []})  # b1 is gone already
    rsps.get(API + "/users/carol/tokens", status=404, json={"status": 404, "message": "No such user: carol"})
    rsps.get(API + "/users/svc/tokens", json={"api_tokens": [token("s1", "awx", user="svc")]})
    rsps.get(API + "/", json={"version": "6.1.1"})
    rsps.get(API + "/user", json={"kind": "user", "name": "svc", "token_id": "s1"})

    result, dummy = run_module(capsys, check_mode=True, api_token=ADMIN_TOKEN, tokens=stale_list(), state="absent")

    assert result["changed"] is True
    assert result["plan"] == ["DELETE /users/alice/tokens/a1"]
    assert [t["id"] for t in result["revoked"]] == ["a1"]
    assert [t["id"] for t in result["kept"]] == ["s1"] and "authenticates with" in warnings_of(result)
    assert result["users_gone"] == ["carol"]
    assert [t["id"] for t in result["diff"]["before"]["tokens"]] == ["a1", "s1"]
    assert [t["id"] for t in result["diff"]["after"]["tokens"]] == ["s1"]


def test_revoking_a_list_for_real_and_again(rsps, capsys):
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": [token("a1", "ci")]})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})
    deleted = rsps.delete(API + "/users/alice/tokens/a1", status=204)

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=stale_list()[:1], state="absent")

    assert result["changed"] is True and deleted.call_count == 1
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": []})
    again, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=stale_list()[:1], state="absent")
    assert again["changed"] is False and again["plan"] == [] and again["revoked"] == []


def test_an_empty_list_revokes_nothing(rsps, capsys):
    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=[], state="absent")
    assert result["changed"] is False and result["plan"] == [] and len(rsps.calls) == 0


def test_a_bulk_revocation_over_the_limit_revokes_nothing(rsps, capsys):
    listed = [token("a%d" % number, "ci") for number in range(3)]
    rsps.get(API + "/users/alice/tokens", json={"api_tokens": listed})
    rsps.get(API + "/user", json={"kind": "service", "name": "ansible", "token_id": None})

    result, dummy = run_module(capsys, api_token=ADMIN_TOKEN, tokens=listed, state="absent", revoke_max=2)

    assert result["failed"] is True
    assert result["msg"].startswith("the task would revoke 3 tokens, more than revoke_max=2")
    assert not [call for call in rsps.calls if call.request.method == "DELETE"]
