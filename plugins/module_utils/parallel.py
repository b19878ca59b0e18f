# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Many calls of one task at once: a small pool of threads, each with a client (and HTTP session) of its own.

Knows nothing of Ansible, nor of a resource. A requests.Session is not safe to share
between threads, so each thread clones the task's client once (per set of
overrides) and keeps its keep-alive connection for every call it sends: a
thousand reads cost a thousand requests on a few connections, not a thousand
connections. Used for server starts and stops (server_runner.py) and for reading
the tokens of many users (tokens.py).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading

from concurrent.futures import ThreadPoolExecutor

from ansible_collections.jupyterhub.hub.plugins.module_utils.errors import JupyterHubError

# Calls in flight at once. The hub answers API calls one at a time on its event loop;
# a few threads keep it busy while each waits for its answer, more only add contention.
MAX_PARALLEL_CALLS = 10


def send_each(client, items, send, max_parallel=MAX_PARALLEL_CALLS, overrides=None):
    """[(answer, None) or (None, JupyterHubError)] of ``send(a_client, item)`` for each of ``items``, in order.

    ``send`` runs in up to ``max_parallel`` threads, each with clones of ``client``
    of its own: ``client.clone(**overrides(item))``, made once per thread and per
    distinct overrides (a start may wait out more 429s than a stop). Every clone's
    session is closed at the end. A JupyterHubError is returned, not raised; any
    other exception is raised once every call has ended.
    """
    items = list(items)
    if not items:
        return []
    local = threading.local()
    made = []
    lock = threading.Lock()

    def client_for(item):
        options = dict(overrides(item)) if overrides else {}
        key = tuple(sorted(options.items()))
        clients = getattr(local, "clients", None)
        if clients is None:
            clients = local.clients = {}
        if key not in clients:
            clients[key] = client.clone(**options)
            with lock:
                made.append(clients[key])
        return clients[key]

    def send_one(item):
        try:
            return send(client_for(item), item), None
        except JupyterHubError as err:
            return None, err

    try:
        if len(items) == 1:
            return [send_one(items[0])]
        with ThreadPoolExecutor(max_workers=min(max_parallel, len(items))) as pool:
            return list(pool.map(send_one, items))
    finally:
        for other in made:
            other.session.close()
