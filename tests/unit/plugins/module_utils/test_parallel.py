# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/parallel.py: send_each, many calls from a small pool of threads, each with clients of its own."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
import time

import pytest

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError
from ansible_collections.jupyterhub.hub.plugins.module_utils.parallel import send_each
from ansible_collections.jupyterhub.hub.tests.unit.helpers import FakeClient, InFlight


def test_send_each_keeps_one_client_per_thread_and_closes_them():
    client = FakeClient()

    def send(clone, item):
        if item == 3:
            raise JupyterHubError("no", status=403)
        return (item, clone.overrides)

    results = send_each(client, range(40), send, max_parallel=4, overrides=lambda item: {"retries": 9} if item % 2 else {})

    assert [answer for answer, err in results][:3] == [(0, {}), (1, {"retries": 9}), (2, {})]
    assert results[3][0] is None and results[3][1].status == 403
    assert 2 <= len(client.made) <= 2 * 4  # one per thread and set of overrides, not one per call
    assert [clone.session.closes for clone in client.made] == [1] * len(client.made)
    assert client.session.closes == 0  # the task's own client is not a clone: it stays open
    assert send_each(FakeClient(), [], send) == []


def test_one_call_is_sent_from_this_thread_with_a_clone():
    client = FakeClient()
    threads = []

    def send(clone, item):
        threads.append(threading.current_thread())
        return clone is not client

    assert send_each(client, ["a"], send) == [(True, None)]
    assert threads == [threading.current_thread()]
    assert [clone.session.closes for clone in client.made] == [1]


def test_no_more_calls_in_flight_than_max_parallel():
    in_flight = InFlight()

    def send(clone, item):
        with in_flight:
            return item

    assert send_each(FakeClient(), range(20), send, max_parallel=3) == [(item, None) for item in range(20)]
    assert 1 <= in_flight.most <= 3


def test_another_error_is_raised_once_every_call_has_ended_and_the_clients_are_closed():
    client = FakeClient()
    started, ended = [], []

    def send(clone, item):
        started.append(item)
        if item == 0:
            raise KeyError("bug")
        time.sleep(0.005)
        ended.append(item)

    with pytest.raises(KeyError):
        send_each(client, range(6), send, max_parallel=3)
    assert 0 in started and sorted(ended) == sorted(item for item in started if item != 0)  # no call still in flight
    assert client.made and [clone.session.closes for clone in client.made] == [1] * len(client.made)
