# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The planning logic of jupyterhub_share, as plain functions: current shares + options -> calls."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import responses

from ansible.module_utils.testing import patch_module_args

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share, jupyterhub_share_info
from ansible_collections.jupyterhub.hub.plugins.modules.jupyterhub_share import (
    find_share,
    plan_revoke_all,
    plan_share,
    plan_share_codes,
    share_scopes,
    summarize_code,
    summarize_share,
)
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls

ACCESS = "access:servers!server=ada/"
ACTIVITY = "read:users:activity!server=ada/"


def share(kind="group", name="physics", scopes=(ACCESS,), owner="ada", server=""):
    return {
        "kind": kind,
        "user": {"name": name} if kind == "user" else None,
        "group": {"name": name} if kind == "group" else None,
        "scopes": list(scopes),
        "server": {"user": {"name": owner}, "name": server, "url": "/user/%s/%s" % (owner, server), "ready": False},
        "created_at": "2026-11-22T10:40:22.185792Z",
    }


def code(code_id="sc_1", scopes=(ACCESS,)):
    return {"id": code_id, "scopes": list(scopes), "expires_at": "2026-11-23T10:40:37Z", "exchange_count": 0}



# -- scopes -------------------------------------------------------------------------


def test_scopes_are_restricted_to_the_server_and_sorted():
    assert share_scopes(["read:users:activity", "access:servers"], "ada", "") == [ACCESS, ACTIVITY]
    assert share_scopes(["access:servers!server=ada/lab"], "ada", "lab") == ["access:servers!server=ada/lab"]
    assert share_scopes(["access:servers", "access:servers!server=ada/"], "ada", "") == [ACCESS]


@pytest.mark.parametrize("scope", ["access:servers!user=ada", "access:servers!server=bob/", "access:servers!server=ada/lab"])
def test_a_scope_filtered_to_something_else_is_refused(scope):
    with pytest.raises(ValueError, match="only !server=ada/"):
        share_scopes([scope], "ada", "")


def test_find_share_by_kind_and_name():
    shares = [share("user", "physics"), share("group", "physics"), share("user", "grace")]
    assert find_share(shares, "group", "physics") is shares[1]
    assert find_share(shares, "user", "grace") is shares[2]
    assert find_share(shares, "group", "grace") is None


# -- shares with a user or group ------------------------------------------------------


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
    current = share(scopes=[ACTIVITY])
    assert plan_share("ada", "", "group", "physics", current, "present") == ([], current)


def test_same_scopes_is_no_change():
    current = share(scopes=[ACCESS, ACTIVITY])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY, ACCESS])
    assert plan == []
    assert after is current


def test_exact_scopes_add_first_then_revoke():
    current = share(scopes=[ACCESS])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY])
    assert calls(plan) == [
        ("POST", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]}),
        ("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACCESS]}),
    ]
    assert after["scopes"] == [ACTIVITY]


def test_append_only_adds():
    current = share(scopes=[ACCESS])
    plan, after = plan_share("ada", "", "group", "physics", current, "present", scopes=[ACTIVITY], append=True)
    assert calls(plan) == [("POST", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]})]
    assert after["scopes"] == [ACCESS, ACTIVITY]


def test_append_of_scopes_already_there_is_no_change():
    current = share(scopes=[ACCESS, ACTIVITY])
    assert plan_share("ada", "", "group", "physics", current, "present", scopes=[ACCESS], append=True)[0] == []


def test_absent_revokes_the_whole_share():
    plan, after = plan_share("ada", "", "user", "grace", share("user", "grace"), "absent")
    assert calls(plan) == [("PATCH", "/shares/ada/", {"user": "grace"})]
    assert after is None
    assert summarize_share(after) == {}


def test_absent_without_a_share_is_no_change():
    assert plan_share("ada", "", "user", "grace", None, "absent") == ([], None)
    assert plan_share("ada", "", "user", "grace", None, "absent", scopes=[ACCESS]) == ([], None)


def test_absent_with_scopes_revokes_only_those():
    current = share(scopes=[ACCESS, ACTIVITY])
    plan, after = plan_share("ada", "", "group", "physics", current, "absent", scopes=[ACTIVITY, "other!server=ada/"])
    assert calls(plan) == [("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACTIVITY]})]
    assert after["scopes"] == [ACCESS]


def test_absent_with_every_scope_deletes_the_share():
    plan, after = plan_share("ada", "", "group", "physics", share(scopes=[ACCESS]), "absent", scopes=[ACCESS])
    assert calls(plan) == [("PATCH", "/shares/ada/", {"group": "physics", "scopes": [ACCESS]})]
    assert after is None


def test_absent_with_scopes_the_share_has_not_is_no_change():
    current = share(scopes=[ACCESS])
    assert plan_share("ada", "", "group", "physics", current, "absent", scopes=[ACTIVITY]) == ([], current)


def test_names_are_quoted():
    plan, dummy = plan_share("a b@c", "x/y", "user", "grace", None, "present")
    assert plan[0].path == "/shares/a%20b%40c/x%2Fy"


def test_revoke_all():
    assert calls(plan_revoke_all("ada", "", [share(), share("user", "grace")])) == [("DELETE", "/shares/ada/", None)]
    assert plan_revoke_all("ada", "", []) == []


# -- share codes ----------------------------------------------------------------------


def test_new_code_when_none_has_these_scopes():
    plan, after = plan_share_codes("ada", "", [code(scopes=[ACTIVITY])], "present", expires_in=3600)
    assert calls(plan) == [("POST", "/share-codes/ada/", {"expires_in": 3600})]
    assert after[-1] == {"id": None, "scopes": [ACCESS], "expires_at": None}
    assert len(after) == 2


def test_a_valid_code_with_the_same_scopes_is_no_change():
    codes = [code(scopes=[ACTIVITY])]
    assert plan_share_codes("ada", "", codes, "present", scopes=[ACTIVITY]) == ([], codes)


def test_new_code_with_scopes():
    plan, dummy = plan_share_codes("ada", "", [], "present", scopes=[ACTIVITY])
    assert calls(plan) == [("POST", "/share-codes/ada/", {"scopes": [ACTIVITY]})]


def test_absent_revokes_every_code_in_one_call():
    plan, after = plan_share_codes("ada", "", [code("sc_1"), code("sc_2")], "absent")
    assert calls(plan) == [("DELETE", "/share-codes/ada/", None)]
    assert after == []
    assert plan_share_codes("ada", "", [], "absent") == ([], [])


def test_absent_with_scopes_revokes_the_codes_with_those_scopes_by_id():
    codes = [code("sc_1", [ACCESS]), code("sc_2", [ACTIVITY]), code("sc_3", [ACCESS])]
    plan, after = plan_share_codes("ada", "", codes, "absent", scopes=[ACCESS])
    assert calls(plan) == [("DELETE", "/share-codes/ada/?id=sc_1", None), ("DELETE", "/share-codes/ada/?id=sc_3", None)]
    assert all(call.done_statuses == (404,) for call in plan)
    assert after == [codes[1]]


def test_a_code_summary_never_holds_the_code():
    secret = dict(code(), code="s3cret", accept_url="/hub/accept-share?code=s3cret")
    assert "s3cret" not in repr(summarize_code(secret))


# -- the modules against a 4.x hub (only GET / answers) ------------------------------------

API = "http://hub.test/hub/api"


@pytest.mark.parametrize(
    "module, args",
    [
        (jupyterhub_share, {"owner": "ada", "group": "physics"}),
        (jupyterhub_share, {"owner": "ada", "share_code": True}),
        (jupyterhub_share_info, {"user": "grace"}),
    ],
)
def test_shares_on_a_4x_hub_fail_saying_they_need_5(module, args, capsys, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_API_URL", raising=False)
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    with responses.RequestsMock() as hub:  # any other call than GET / fails the test
        hub.get(API + "/", json={"version": "4.1.6"})
        with patch_module_args(dict(args, api_url=API, api_token="0123456789abcdef-secret-token")):
            with pytest.raises(SystemExit):
                module.main()
    result = json.loads(capsys.readouterr().out)
    assert result["failed"] is True
    assert result["msg"] == "shares need JupyterHub 5.0 or later; the hub at %s runs 4.1.6" % API
