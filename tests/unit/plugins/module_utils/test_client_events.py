# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Unit tests of the client's clone (one client per thread) and read_events (a spawn's progress stream)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests
import responses

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubCheckModeError, JupyterHubError
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, TOKEN

PROGRESS = "/users/alice/server/progress"


# -- clone ------------------------------------------------------------------------


def test_clone_keeps_the_settings_with_a_session_of_its_own(make_client):
    def sleep(seconds):
        return None

    client = make_client(validate_certs=False, timeout=7, retries=2, max_retry_wait=100, sleep=sleep)
    client._version = "6.1.1"

    other = client.clone()

    assert other.session is not client.session
    assert (other.api_url, other.api_token, other.timeout, other.retries, other.max_retry_wait) == (API, TOKEN, 7, 2, 100)
    assert other.session.verify is False
    assert other._sleep is sleep
    assert other.version == "6.1.1"  # no second GET /


def test_clone_with_overrides(make_client):
    other = make_client(retries=3, max_retry_wait=300).clone(retries=50, max_retry_wait=12)

    assert (other.retries, other.max_retry_wait) == (50, 12)


def test_clone_stays_in_check_mode(make_client):
    other = make_client(check_mode=True).clone()

    with pytest.raises(JupyterHubCheckModeError):
        other.post("/users/alice/server")


def test_clone_sends_the_token(rsps, make_client):
    rsps.get(API + "/user", json={"name": "ansible"}, match=[responses.matchers.header_matcher({"Authorization": "token " + TOKEN})])

    assert make_client().clone().get("/user") == {"name": "ansible"}


# -- read_events -------------------------------------------------------------------


def stream(*lines):
    return "".join(line + "\n" for line in lines)


def test_read_events_until_failed(rsps, make_client):
    body = stream(
        "",
        'data: {"progress": 10, "message": "starting"}',
        "",
        'data: {"progress": 100, "failed": true, "message": "Spawn failed: refused"}',
        "",
        'data: {"progress": 100, "message": "never read"}',
    )
    rsps.get(API + PROGRESS, body=body, content_type="text/event-stream")

    events = make_client().read_events(PROGRESS)

    assert events == [{"progress": 10, "message": "starting"}, {"progress": 100, "failed": True, "message": "Spawn failed: refused"}]
    assert rsps.calls[0].request.headers["Accept"] == "text/event-stream"
    assert rsps.calls[0].request.headers["Authorization"] == "token " + TOKEN


def test_read_events_until_ready(rsps, make_client):
    rsps.get(API + PROGRESS, body=stream('data: {"progress": 100, "ready": true, "url": "/user/alice/"}', ""))

    assert make_client().read_events(PROGRESS) == [{"progress": 100, "ready": True, "url": "/user/alice/"}]


def test_read_events_skips_keepalives_and_garbage(rsps, make_client):
    rsps.get(API + PROGRESS, body=stream("", "", "data: not json", ": comment", 'data: {"progress": 50}'))

    assert make_client().read_events(PROGRESS) == [{"progress": 50}]


def test_read_events_stops_after_max_time(rsps, make_client):
    body = stream('data: {"progress": 10}', 'data: {"progress": 20}', 'data: {"progress": 30}')
    rsps.get(API + PROGRESS, body=body)
    times = iter([0, 1, 6, 100])  # start, after the first event, after the second: past max_time 5

    events = make_client().read_events(PROGRESS, max_time=5, clock=lambda: next(times))

    assert events == [{"progress": 10}, {"progress": 20}]


def test_read_events_error_status_is_the_hubs_message(rsps, make_client):
    rsps.get(API + PROGRESS, status=400, json={"status": 400, "message": "alice is not starting..."})

    with pytest.raises(JupyterHubError) as caught:
        make_client().read_events(PROGRESS)
    assert caught.value.status == 400
    assert str(caught.value) == "GET %s: 400 Bad Request: alice is not starting..." % PROGRESS


def test_read_events_without_connection_is_a_clear_error(rsps, make_client):
    rsps.get(API + PROGRESS, body=requests.exceptions.ConnectionError("refused"))

    with pytest.raises(JupyterHubError) as caught:
        make_client().read_events(PROGRESS)
    assert caught.value.status is None
    assert "cannot connect to JupyterHub at %s" % API in str(caught.value)
