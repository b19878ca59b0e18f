# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the share modules share: the scopes of a share, the version gate, and the reading of an owner's listings."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.shares import read_owner_listing, require_shares, share_scopes
from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_share, jupyterhub_share_code, jupyterhub_share_info
from ansible_collections.jupyterhub.hub.tests.unit.helpers import ACCESS, ACTIVITY, API, HUB_ROOT, run_module


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
