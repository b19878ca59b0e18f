# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/shares.py, what the share modules share: the scopes of a share, the version gate, the reading of an owner's
listings, and the planning of jupyterhub_share (current shares + options -> calls) and of jupyterhub_share_code (valid
codes + options -> calls) (the modules through main() in test_jupyterhub_share.py and test_jupyterhub_share_code.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import (
    find_share,
    plan_revoke_all,
    plan_share,
    plan_share_codes,
    read_owner_listing,
    require_shares,
    share_scopes,
    summarize_code,
    summarize_share,
    without_secret,
)
from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share, jupyterhub_share_code, jupyterhub_share_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import (ACCESS, ACTIVITY, API, HUB_ROOT, SHARE_CODE_SECRET, calls, new_share_code_model, run_module,
                                                                   share_code_model, share_model)


# -- scopes -------------------------------------------------------------------------


def test_scopes_are_restricted_to_the_server_and_sorted():
    assert share_scopes(["read:users:activity", "access:servers"], "ada", "") == [ACCESS, ACTIVITY]
    assert share_scopes(["access:servers!server=ada/lab"], "ada", "lab") == ["access:servers!server=ada/lab"]
    assert share_scopes(["access:servers", "access:servers!server=ada/"], "ada", "") == [ACCESS]


@pytest.mark.parametrize("scope", ["access:servers!user=ada", "access:servers!server=bob/", "access:servers!server=ada/lab"])
def test_a_scope_filtered_to_something_else_is_refused(scope):
    with pytest.raises(JupyterHubError, match="only !server=ada/"):
        share_scopes([scope], "ada", "")


# -- the version gate ---------------------------------------------------------------------


def test_a_4x_hub_has_no_shares(rsps, client):
    rsps.get(API + "/", json={"version": "4.1.6"})
    with pytest.raises(JupyterHubError) as raised:
        require_shares(client)
    assert str(raised.value) == "shares need JupyterHub 5.0 or later; the hub at %s runs 4.1.6. Nothing was changed." % API


def test_a_5x_hub_has_shares(rsps, client):
    rsps.get(API + "/", json={"version": "5.0.0b1"})
    require_shares(client)


# -- an owner's listings ----------------------------------------------------------------------


def test_the_listing_is_read_to_its_last_page(rsps, client):
    rsps.get(API + "/share-codes/ada/lab?offset=0&limit=200", json={"items": [{"id": "sc_1"}], "_pagination": {"next": {"offset": 1}}})
    rsps.get(API + "/share-codes/ada/lab?offset=1&limit=200", json={"items": [{"id": "sc_2"}], "_pagination": {"next": None}})
    assert read_owner_listing(client, "share-codes", "ada", "lab") == [{"id": "sc_1"}, {"id": "sc_2"}]


@pytest.mark.parametrize(
    "server_name, path, message, hint",
    [
        (None, "/shares/ghost", "Not Found", "ghost is not a user of the hub"),
        ("", "/shares/ghost/", "No such server: ghost/", "ghost is not a user of the hub"),
        (
            "lab",
            "/shares/ghost/lab",
            "No such server: ghost/lab",
            "ghost must be a user of the hub with a server named lab: a named server exists once it has been started "
            "(or, on JupyterHub 6, created) and until it is removed",
        ),
    ],
)
def test_the_hubs_bare_404_says_what_is_missing(rsps, client, server_name, path, message, hint):
    rsps.get(API + path, status=404, json={"status": 404, "message": message})
    rsps.get(API + "/", json=HUB_ROOT)  # GET / proves api_url before a 404 is believed

    with pytest.raises(JupyterHubError) as raised:
        read_owner_listing(client, "shares", "ghost", server_name)

    err = raised.value
    assert str(err) == "GET %s: 404 Not Found: %s (%s)" % (path, message, hint)
    assert (err.status, err.method, err.path, err.url) == (404, "GET", path, API + path)
    # the failure a playbook rescues on keeps the hub's own message
    assert err.to_failure() == {"method": "GET", "path": path, "status": 404, "message": message}


def test_other_errors_pass_unchanged(rsps, client):
    rsps.get(API + "/shares/ada/", status=403, json={"status": 403, "message": "Action is not authorized"})
    with pytest.raises(JupyterHubError) as raised:
        read_owner_listing(client, "shares", "ada", "")
    assert str(raised.value) == "GET /shares/ada/: 403 Forbidden: Action is not authorized"
    assert raised.value.hint is None


# -- shares with a user or group -------------------------------------------------------------


def test_find_share_by_kind_and_name():
    shares = [share_model("user", "physics"), share_model("group", "physics"), share_model("user", "grace")]
    assert find_share(shares, "group", "physics") is shares[1]
    assert find_share(shares, "user", "grace") is shares[2]
    assert find_share(shares, "group", "grace") is None


def test_new_share_with_the_hubs_default_scope():
    plan, after = plan_share("ada", "", "group", "physics", None, "present")
    assert calls(plan) == [("POST", "/shares/ada/", {"group": "physics"})]
    assert 500 in plan[0].error_hints  # an unknown scope name is a bare 500 on the hub
    assert after["scopes"] == [ACCESS]
    assert after["group"] == {"name": "physics"} and after["user"] is None
    assert summarize_share(after) == {"server": "ada/", "group": "physics", "scopes": [ACCESS]}


def test_new_share_with_scopes():
    plan, after = plan_share("ada", "lab", "user", "grace", None, "present", scopes=["read:users:activity!server=ada/lab"])
    assert calls(plan) == [("POST", "/shares/ada/lab", {"user": "grace", "scopes": ["read:users:activity!server=ada/lab"]})]
    assert summarize_share(after) == {"server": "ada/lab", "user": "grace", "scopes": ["read:users:activity!server=ada/lab"]}


def test_existing_share_without_scopes_is_left_alone():
    current = share_model(scopes=[ACTIVITY])
    assert plan_share("ada", "", "group", "physics", current, "present") == ([], current)


def test_same_scopes_is_no_change():
    current = share_model(scopes=[ACCESS, ACTIVITY])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY, ACCESS])
    assert plan == []
    assert after is current


def test_exact_scopes_add_first_then_revoke():
    current = share_model(scopes=[ACCESS])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY])
    assert calls(plan) == [
        ("POST", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]}),
        ("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACCESS]}),
    ]
    assert after["scopes"] == [ACTIVITY]


def test_append_only_adds():
    current = share_model(scopes=[ACCESS])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY], append=True)
    assert calls(plan) == [("POST", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]})]
    assert after["scopes"] == [ACCESS, ACTIVITY]


def test_append_of_scopes_already_there_is_no_change():
    current = share_model(scopes=[ACCESS, ACTIVITY])
    assert plan_share("ada", "", "group", "physics", current, "present", scopes=[ACCESS], append=True)[0] == []


def test_absent_revokes_the_whole_share():
    plan, after = plan_share("ada", "", "user", "grace", share_model("user", "grace"), "absent")
    assert calls(plan) == [("PATCH", "/shares/ada/", {"user": "grace"})]
    assert after is None
    assert summarize_share(after) == {}


def test_absent_without_a_share_is_no_change():
    assert plan_share("ada", "", "user", "grace", None, "absent") == ([], None)
    assert plan_share("ada", "", "user", "grace", None, "absent", scopes=[ACCESS]) == ([], None)


def test_absent_with_scopes_revokes_only_those():
    current = share_model(scopes=[ACCESS, ACTIVITY])
    plan, after = plan_share("ada", "", "group", "physics", current, "absent", scopes=[ACTIVITY, "other!server=ada/"])
    assert calls(plan) == [("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]})]
    assert after["scopes"] == [ACCESS]


def test_absent_with_every_scope_deletes_the_share():
    plan, after = plan_share("ada", "", "group", "physics", share_model(scopes=[ACCESS]), "absent", scopes=[ACCESS])
    assert calls(plan) == [("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACCESS]})]
    assert after is None


def test_absent_with_scopes_the_share_has_not_is_no_change():
    current = share_model(scopes=[ACCESS])
    assert plan_share("ada", "", "group", "physics", current, "absent", scopes=[ACTIVITY]) == ([], current)


def test_share_names_are_quoted():
    plan, dummy = plan_share("a b@c", "x/y", "user", "grace", None, "present")
    assert plan[0].path == "/shares/a%20b%40c/x%2Fy"


def test_revoke_all():
    assert calls(plan_revoke_all("ada", "", [share_model(), share_model("user", "grace")])) == [("DELETE", "/shares/ada/", None)]
    assert plan_revoke_all("ada", "", []) == []


# -- share codes ----------------------------------------------------------------------------


def test_new_code_when_none_has_these_scopes():
    plan, after = plan_share_codes("ada", "", [share_code_model(scopes=[ACTIVITY])], "present", expires_in=3600)
    assert calls(plan) == [("POST", "/share-codes/ada/", {"expires_in": 3600})]
    assert 500 in plan[0].error_hints  # an unknown scope name is a bare 500 on the hub
    assert after[-1] == {"id": None, "scopes": [ACCESS], "expires_at": None}
    assert len(after) == 2


def test_a_valid_code_with_the_same_scopes_is_no_change():
    codes = [share_code_model(scopes=[ACTIVITY])]
    assert plan_share_codes("ada", "", codes, "present", scopes=[ACTIVITY]) == ([], codes)


def test_new_code_with_scopes():
    plan, dummy = plan_share_codes("ada", "", [], "present", scopes=[ACTIVITY])
    assert calls(plan) == [("POST", "/share-codes/ada/", {"scopes": [ACTIVITY]})]


def test_absent_revokes_every_code_in_one_call():
    plan, after = plan_share_codes("ada", "", [share_code_model("sc_1"), share_code_model("sc_2")], "absent")
    assert calls(plan) == [("DELETE", "/share-codes/ada/", None)]
    assert after == []
    assert plan_share_codes("ada", "", [], "absent") == ([], [])


def test_absent_with_scopes_revokes_the_codes_with_those_scopes_by_id():
    codes = [share_code_model("sc_1", [ACCESS]), share_code_model("sc_2", [ACTIVITY]), share_code_model("sc_3", [ACCESS])]
    plan, after = plan_share_codes("ada", "", codes, "absent", scopes=[ACCESS])
    assert calls(plan) == [("DELETE", "/share-codes/ada/?id=sc_1", None), ("DELETE", "/share-codes/ada/?id=sc_3", None)]
    assert all(call.done_statuses == (404,) for call in plan)
    assert after == [codes[1]]


def test_share_code_names_are_quoted():
    plan, dummy = plan_share_codes("a b@c", "x/y", [], "present")
    assert plan[0].path == "/share-codes/a%20b%40c/x%2Fy"


def test_neither_a_summary_nor_a_listed_code_holds_the_code():
    assert SHARE_CODE_SECRET not in repr(summarize_code(new_share_code_model()))
    assert SHARE_CODE_SECRET not in repr(without_secret(new_share_code_model()))
    assert without_secret(new_share_code_model())["id"] == "sc_9"


# -- the share modules against a 4.x hub (only GET / answers): require_shares before any other call -------------


@pytest.mark.parametrize(
    "module, args",
    [
        (jupyterhub_share, {"owner": "ada", "group": "physics"}),
        (jupyterhub_share_code, {"owner": "ada"}),
        (jupyterhub_share_info, {"user": "grace"}),
    ],
)
def test_shares_on_a_4x_hub_fail_saying_they_need_5(module, args, rsps, capsys):
    rsps.get(API + "/", json={"version": "4.1.6"})  # any other call fails the test

    result, dummy = run_module(module, capsys, **args)

    assert result["failed"] is True
    assert result["msg"] == "shares need JupyterHub 5.0 or later; the hub at %s runs 4.1.6. Nothing was changed." % API
    assert result["failure"] == {"method": None, "path": None, "status": None, "message": None}
