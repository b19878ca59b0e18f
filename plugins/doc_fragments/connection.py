# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    DOCUMENTATION = r"""
options:
  api_url:
    description:
      - The root of the hub's REST API, for example C(http://127.0.0.1:8000/hub/api).
      - A hub with C(c.JupyterHub.base_url = "/jh/") has its API at C(http://host/jh/hub/api).
      - If not set, the value of the E(JUPYTERHUB_API_URL) environment variable is used
        (the variable JupyterHub itself gives to its services).
    type: str
    required: true
  api_token:
    description:
      - An API token of a user or service, sent in the C(Authorization) header of every call.
      - The scopes of the token decide what the module may read and change.
      - If not set, the value of the E(JUPYTERHUB_API_TOKEN) environment variable is used.
      - Never logged or returned.
    type: str
  validate_certs:
    description:
      - Whether to verify the hub's TLS certificate. Set to V(false) only for test hubs.
    type: bool
    default: true
  ca_path:
    description:
      - A CA bundle (PEM file) to verify the hub's certificate with, instead of the system's CAs.
    type: path
  timeout:
    description:
      - Seconds to wait for each answer of the hub.
    type: float
    default: 30
  retries:
    description:
      - How many times to retry a call that failed for a passing reason.
      - Connection errors and C(502)/C(503)/C(504) answers are retried for idempotent
        calls (GET, PUT, DELETE) only; C(429 Too Many Requests) is retried for any call,
        after the delay the hub asks for in C(Retry-After).
      - Waits grow from half a second, and their total is bounded.
    type: int
    default: 3
requirements:
  - requests >= 2.28 on the node that runs the module (usually the controller)
notes:
  - The modules talk to the hub over HTTP from wherever they run. Run them on the controller
    (C(delegate_to=localhost) or C(connection=local)), or on any host that can reach O(api_url).
  - All options of this group can be set once for a play with
    C(module_defaults) and the action group C(group/jupyterhub.hub.jupyterhub).
  - Supported hubs are JupyterHub 5.x and 6.x; 4.1 is best effort.
  - A failed task returns C(failure), a dictionary with the call that failed (C(method) and C(path)) and the hub's
    answer (C(status), the HTTP status, and C(message), the hub's own message). C(status) and C(message) are null when
    no answer of the hub came (no connection, a timeout, an O(api_url) that is not the API root), and all four are
    null when the task failed before any call (a wrong option). A playbook can C(rescue) or use C(failed_when) on
    them, for example C(failed_when=result.failure.status not in [404, 409]). The top-level C(status) holds the
    same HTTP status.
"""
