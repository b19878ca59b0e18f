# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/tokens.py: the tokens the hub made, plan_token, rotation, the filters of jupyterhub_token_info, bulk revocation and the one reader of tokens."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import responses

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.tokens import (
    CREATION_HINTS,
    created_tokens,
    expires_within,
    filter_tokens,
    is_hub_made,
    lost_secret_warning,
    over_limit,
    plan_revocations,
    plan_token,
    plan_tokens,
    predict_token,
    read_tokens,
    rotation,
    secret_files_of,
    select_tokens,
    summarize_tokens,
    unused_for,
    with_secret_files,
)
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, DAY, HUB_ROOT, NOW, FakeClient, calls, stamp, token_model


# -- which tokens the hub made ---------------------------------------------------------


@pytest.mark.parametrize(
    "model, hub_made",
    [
        (token_model("a1", "ci"), False),
        (token_model("a2", "Requested via api by service ansible"), False),
        (token_model("a3", "Server at /user/alice/"), True),
        (token_model("a4", "Server at /user/alice/lab1/"), True),
        (token_model("a5", "retrieved from spawner lab1"), True),
        (token_model("a6", "from config"), True),
        (token_model("a7", "", oauth_client="Server at /user/alice/", session_id="0f3c"), True),
        (token_model("a8", "", oauth_client="JupyterHub service grader"), True),
        (token_model("a9", "browser", session_id="0f3c"), True),
        ({"id": "a10", "note": "no oauth_client field (older hub)"}, False),
    ],
)
def test_hub_made_tokens_are_recognised(model, hub_made):
    assert is_hub_made(model) is hub_made


def test_select_by_note_skips_hub_made_tokens_and_sorts_oldest_first():
    tokens = [
        token_model("a3", "ci", created=-2),
        token_model("a1", "ci", created=-3),
        token_model("a2", "other", created=-3),
        token_model("a4", "ci", created=-1, oauth_client="Server at /user/alice/", session_id="x"),
    ]
    assert [t["id"] for t in select_tokens(tokens, note="ci")] == ["a1", "a3"]
    assert [t["id"] for t in select_tokens(tokens)] == ["a1", "a2", "a3"]
    assert [t["id"] for t in select_tokens(tokens, include_hub_made=True)] == ["a1", "a2", "a3", "a4"]


def test_select_by_id_takes_any_token():
    tokens = [token_model("a1", "ci"), token_model("a4", "Server at /user/alice/")]
    assert select_tokens(tokens, token_id="a4") == [tokens[1]]
    assert select_tokens(tokens, token_id="a9") == []


# -- plan_token: one token of one owner ----------------------------------------------------------------------


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
    existing = [token_model("a1", "ci")]
    plan, revoked, created = plan_token("alice", existing, "present", note="ci", scopes=["servers!user"])
    assert plan == []
    assert revoked == []
    assert created is None


def test_force_creates_first_then_revokes_every_token_with_the_note():
    existing = [token_model("a1", "ci"), token_model("a2", "ci")]
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
    existing = [token_model("a1", "ci"), token_model("a2", "ci"), token_model("a3", "ci")]
    plan, revoked, dummy = plan_token("alice", existing, "present", note="ci", force=True, own_token_id="a1")
    assert [c.path for c in plan[1:]] == ["/users/alice/tokens/a2", "/users/alice/tokens/a3", "/users/alice/tokens/a1"]
    assert [t["id"] for t in revoked] == ["a2", "a3", "a1"]


def test_absent_revokes_every_match_and_nothing_when_none():
    existing = [token_model("a1", "ci"), token_model("a2", "ci")]
    plan, revoked, created = plan_token("alice", existing, "absent", note="ci")
    assert calls(plan) == [("DELETE", "/users/alice/tokens/a1", None), ("DELETE", "/users/alice/tokens/a2", None)]
    assert created is None
    assert plan_token("alice", [], "absent", note="ci") == ([], [], None)


def test_owner_names_are_quoted():
    plan, dummy, dummy2 = plan_token("a b@c.d", [token_model("a1", "ci")], "absent", note="ci")
    assert plan[0].path == "/users/a%20b%40c.d/tokens/a1"


def test_predicted_expiry():
    assert predict_token("alice", "ci", None, 3600, NOW)["expires_at"] == "2026-12-01T13:00:00.000000Z"


def test_summary_is_metadata_only():
    model = dict(token_model("a1", "ci"), token="s3cret")
    assert summarize_tokens([model]) == {"tokens": [{"id": "a1", "user": "alice", "note": "ci", "scopes": ["read:users!user=alice"], "expires_at": None}]}


# -- rotation --------------------------------------------------------------------------------------------------


def test_a_token_expiring_within_rotate_before_is_due():
    rotated, warning = rotation([token_model("a1", expires=3)], "7d", NOW)
    assert warning is None
    assert rotated["id"] == "a1" and rotated["user"] == "alice" and rotated["note"] == "ci"
    assert rotated["reason"] == "expires at %s, within rotate_before=7d" % stamp(3)
    assert "token" not in rotated and "scopes" not in rotated


def test_a_token_expiring_later_is_not_due():
    assert rotation([token_model("a1", expires=8)], "7d", NOW) == (None, None)


def test_an_expired_token_is_due():
    rotated, dummy = rotation([token_model("a1", expires=-1)], "1h", NOW)
    assert rotated["reason"] == "expired at %s" % stamp(-1)


def test_only_the_newest_token_with_the_note_decides():
    older, newer = token_model("a1", created=-30, expires=1), token_model("a2", created=-2, expires=60)
    assert rotation([older, newer], "7d", NOW) == (None, None)


def test_a_token_that_never_expires_is_never_due_and_warns():
    rotated, warning = rotation([token_model("a1")], "7d", NOW)
    assert rotated is None
    assert "a1" in warning and "never expires" in warning and "force=true" in warning


def test_no_token_or_no_rotate_before_is_no_rotation():
    assert rotation([], "7d", NOW) == (None, None)
    assert rotation([token_model("a1", expires=1)], None, NOW) == (None, None)


def test_a_due_token_is_rotated_new_first_with_the_same_note_roles_and_the_new_lifetime():
    entries = [
        {"user": "alice", "note": "ci", "roles": ["user"], "expires_in": 30 * DAY, "rotate_before": "7d"},
        {"user": "bob", "note": "ci", "expires_in": 30 * DAY, "rotate_before": "7d"},
    ]
    tokens_of = {"alice": [token_model("a1", expires=2)], "bob": [token_model("b1", user="bob", expires=20)]}

    plan, planned, warnings = plan_tokens(entries, tokens_of, now=NOW)

    assert calls(plan) == [
        ("POST", "/users/alice/tokens", {"note": "ci", "expires_in": 30 * DAY, "roles": ["user"]}),
        ("DELETE", "/users/alice/tokens/a1", None),
    ]
    assert warnings == []
    assert planned[0]["rotated"]["id"] == "a1" and planned[0]["kept"] is None and planned[0]["index"] == 0
    assert planned[1]["rotated"] is None and planned[1]["kept"]["id"] == "b1" and planned[1]["index"] is None
    tokens, secrets = created_tokens(planned, [dict(token_model("a2", expires=30), token="s3cret"), None])
    assert secrets == {"alice/ci": "s3cret"}
    assert tokens[0]["created"] is True and tokens[0]["rotated"]["id"] == "a1"
    assert [t["id"] for t in tokens[0]["revoked"]] == ["a1"]
    assert tokens[0]["token_model"]["id"] == "a2" and "token" not in tokens[0]["token_model"]
    assert tokens[1] == dict(user="bob", note="ci", created=False, rotated=None, revoked=[], token_model=tokens_of["bob"][0])


def test_many_tokens_warn_for_those_that_never_expire():
    entries = [{"user": "alice", "note": "ci", "expires_in": DAY, "rotate_before": "1h"}]
    plan, dummy, warnings = plan_tokens(entries, {"alice": [token_model("a1")]}, now=NOW)
    assert plan == [] and len(warnings) == 1 and "never expires" in warnings[0]


def test_roles_are_sent_on_creation_with_hints_for_the_hubs_refusals():
    plan, dummy, created = plan_token("alice", [], "present", note="ci", roles=["grader"])
    assert calls(plan) == [("POST", "/users/alice/tokens", {"note": "ci", "expires_in": None, "roles": ["grader"]})]
    assert created["note"] == "ci"
    call = plan[0]
    assert "load_roles" in call.hint_for(JupyterHubError(status=400, message="No such role: grader"))
    assert "scopes" in call.hint_for(JupyterHubError(status=400, message="Not assigning requested scopes x, not held by User alice"))
    assert call.hint_for(JupyterHubError(status=400, message="something else")) is None
    assert plan[0].error_hints is CREATION_HINTS


# -- the filters of jupyterhub_token_info ------------------------------------------------------------------------


@pytest.mark.parametrize("model, days, expected", [
    (token_model("a1", created=-100, used=-91), 90, True),
    (token_model("a1", created=-100, used=-89), 90, False),
    (token_model("a1", created=-91), 90, True),  # never used: counts from its creation
    (token_model("a1", created=-1), 90, False),
    ({"id": "a1"}, 90, False),  # no dates at all: nothing to go on
])
def test_unused_for(model, days, expected):
    assert unused_for(model, days * DAY, NOW) is expected


@pytest.mark.parametrize("model, days, expected", [
    (token_model("a1", expires=6), 7, True),
    (token_model("a1", expires=8), 7, False),
    (token_model("a1", expires=-1), 7, True),
    (token_model("a1"), 7, False),  # no expiry never matches
    (token_model("a1"), 100000, False),
])
def test_expires_within(model, days, expected):
    assert expires_within(model, days * DAY, NOW) is expected


def test_both_filters_must_match():
    tokens = [token_model("a1", used=-100, expires=3), token_model("a2", used=-100), token_model("a3", used=-1, expires=3)]
    assert [t["id"] for t in filter_tokens(tokens, unused=90 * DAY, expiring=7 * DAY, now=NOW)] == ["a1"]
    assert [t["id"] for t in filter_tokens(tokens, unused=90 * DAY, now=NOW)] == ["a1", "a2"]
    assert [t["id"] for t in filter_tokens(tokens, expiring=7 * DAY, now=NOW)] == ["a1", "a3"]
    assert filter_tokens(tokens, now=NOW) == tokens


# -- the entries of O(tokens) --------------------------------------------------------------------------------------


def test_the_secret_of_an_entry_with_a_secret_file_is_in_no_result():
    entries = [
        {"user": "alice", "note": "ci", "secret_file": "/s/alice-ci"},
        {"user": "bob", "note": "ci", "secret_file": "/s/bob-ci"},
        {"user": "carol", "note": "ci"},
        {"user": "dave", "note": "ci", "secret_file": "/s/dave-ci"},
    ]
    tokens_of = {"alice": [], "bob": [], "carol": [], "dave": [token_model("d1", user="dave")]}
    plan, planned, dummy = plan_tokens(entries, tokens_of, now=NOW)
    assert secret_files_of(planned) == {0: ("alice", "/s/alice-ci"), 1: ("bob", "/s/bob-ci")}  # dave's token is kept

    answers = [dict(token_model("a1"), token="alice-secret"), dict(token_model("b1", user="bob"), token="bob-secret"),
               dict(token_model("c1", user="carol"), token="carol-secret")]
    tokens, secrets = created_tokens(planned, answers, written={0})

    assert secrets == {"carol/ci": "carol-secret"}
    assert [(t.get("secret_file"), t.get("secret_written")) for t in tokens] == [
        ("/s/alice-ci", True), ("/s/bob-ci", False), (None, None), ("/s/dave-ci", False)]
    assert "secret_file" not in tokens[2]
    assert "alice-secret" not in repr(tokens) and "bob-secret" not in repr(tokens)


def test_the_diff_shows_secret_files_only_when_there_are_any():
    summary = summarize_tokens([token_model("a1")])
    assert with_secret_files(summary, {}) == summary
    assert with_secret_files(summary, {"/s/a": "(no file)"}) == dict(summary, secret_files={"/s/a": "(no file)"})


def test_a_kept_token_without_its_file_warns_how_to_get_a_new_secret():
    one = lost_secret_warning(token_model("a1"), "/s/a")
    assert one.startswith("token a1 (note 'ci' of alice) is kept, but its secret_file /s/a does not exist")
    assert "cannot be read again" in one and "force=true" in one
    many = lost_secret_warning(token_model("a1"), "/s/a", many=True)
    assert "force=true" in many and "revoke it (state=absent)" in many


# -- bulk revocation -----------------------------------------------------------------------------------------------


def test_revocations_skip_what_is_gone_and_the_callers_own_token():
    entries = [
        dict(user="alice", id="a1", note="ci"),
        dict(user="alice", id="a9", note="ci"),  # gone already
        dict(user="alice", id="a1", note="ci"),  # twice in the list
        dict(user="bob", id="b1", note=None),  # the task's own token
        dict(user="carol", id="c1", note="x"),  # the owner is gone
        dict(user="dave", id=None, note="old"),  # by note: every token with it, not the hub's own
    ]
    tokens_of = {
        "alice": [token_model("a1"), token_model("a2")],
        "bob": [token_model("b1", user="bob")],
        "dave": [token_model("d1", "old", user="dave"), token_model("d2", "old", user="dave", session_id="s"), token_model("d3", "new", user="dave")],
    }

    plan, revoked, kept = plan_revocations(entries, tokens_of, own_token_id="b1")

    assert [str(call) for call in plan] == ["DELETE /users/alice/tokens/a1", "DELETE /users/dave/tokens/d1"]
    assert all(call.done_statuses == (404,) for call in plan)
    assert [t["id"] for t in revoked] == ["a1", "d1"]
    assert kept == [dict(id="b1", user="bob", note="ci", created=stamp(-30), expires_at=None, last_activity=None,
                         reason="the token this task authenticates with")]


def test_the_limit_counts_what_would_really_be_revoked():
    revoked = [token_model("a%d" % number) for number in range(11)]
    assert over_limit(revoked[:10], 10) is None
    message = over_limit(revoked, 10)
    assert message.startswith("the task would revoke 11 tokens, more than revoke_max=10: alice/a0, ")
    assert "Nothing was revoked" in message and "and 1 more" in message


# -- many users' tokens, several at a time ---------------------------------------------------------------------------


def test_many_users_are_read_with_a_deleted_one_skipped(client):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(API + "/", json=HUB_ROOT)
        for name in ("u1", "u2", "u4"):
            rsps.get(API + "/users/%s/tokens" % name, json={"api_tokens": [token_model("a-" + name, user=name)]})
        rsps.get(API + "/users/u3/tokens", status=404, json={"status": 404, "message": "No such user: u3"})

        found, gone = read_tokens(client, ["u1", "u2", "u3", "u4", "u1"])

    assert gone == ["u3"]
    assert dict((name, [t["id"] for t in tokens]) for name, tokens in found.items()) == {"u1": ["a-u1"], "u2": ["a-u2"], "u4": ["a-u4"]}


def test_a_missing_scope_raises_the_hubs_403(client):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.get(API + "/users/u1/tokens", json={"api_tokens": []})
        rsps.get(API + "/users/u2/tokens", status=403,
                 json={"status": 403, "message": "Action is not authorized with current scopes; requires any of [read:tokens]"})
        with pytest.raises(JupyterHubError) as raised:
            read_tokens(client, ["u1", "u2"])
    assert raised.value.status == 403 and "read:tokens" in str(raised.value)


def test_one_user_is_read_with_the_tasks_own_client():
    client = FakeClient(answers={"/users/alice/tokens": {"api_tokens": [token_model("a1")]}})

    found, gone = read_tokens(client, ["alice"])
    assert gone == [] and [t["id"] for t in found["alice"]] == ["a1"]
    assert client.made == []  # no clone for one read


def test_before_5_0_the_callers_own_tokens_are_kept():
    entries = [dict(user="bob", id="b1", note=None), dict(user="alice", id="a1", note=None), dict(user="carol", id="c1", note=None)]
    tokens_of = {"alice": [token_model("a1")], "bob": [token_model("b1", user="bob")], "carol": [token_model("c1", user="carol")]}

    plan, revoked, kept = plan_revocations(entries, tokens_of, own_user="bob")

    assert [str(call) for call in plan] == ["DELETE /users/alice/tokens/a1", "DELETE /users/carol/tokens/c1"]
    assert [t["id"] for t in revoked] == ["a1", "c1"]
    assert [(t["user"], t["id"]) for t in kept] == [("bob", "b1")]
    assert "does not say which token is in use" in kept[0]["reason"]


def test_tokens_the_hub_made_are_kept_even_when_listed():
    server_token = dict(token_model("s1", user="alice"), note="Server at /user/alice/")
    entries = [dict(user="alice", id="s1", note=None), dict(user="alice", id="a1", note=None)]

    plan, revoked, kept = plan_revocations(entries, {"alice": [server_token, token_model("a1", user="alice")]})

    assert [str(call) for call in plan] == ["DELETE /users/alice/tokens/a1"]
    assert [t["id"] for t in kept] == ["s1"] and "made by the hub itself" in kept[0]["reason"]
