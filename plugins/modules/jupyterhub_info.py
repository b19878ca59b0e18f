#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_info
short_description: Read a JupyterHub's version, configuration summary and who the token belongs to
version_added: 1.0.0
description:
  - Reads the hub's version (C(GET /), which needs no token).
  - With an O(api_token), also reads who the token belongs to and the scopes it holds (C(GET /user)),
    the hub's configuration summary (C(GET /info)) when the token has the C(read:hub) scope,
    and the hub's services (C(GET /services)) when it has the C(list:services) scope.
  - Use it to check that O(api_url) and O(api_token) work before other tasks, or to branch on the hub's version.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.info_module
options: {}
notes:
  - This module replaces the removed C(/authorizations/token/{token}) and C(/authorizations/cookie/...)
    endpoints of the REST API. RV(whoami) tells what a token is and what it may do.
"""

EXAMPLES = r"""
- name: Check the hub answers and the token works
  jupyterhub.hub.jupyterhub_info:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
  delegate_to: localhost
  register: hub

- name: Show the hub's version and who we are
  ansible.builtin.debug:
    msg: "JupyterHub {{ hub.version }}, token of {{ hub.whoami.kind }} {{ hub.whoami.name }}"

- name: Only the version, without any token
  jupyterhub.hub.jupyterhub_info:
    api_url: https://hub.example.org/hub/api
  delegate_to: localhost
  register: hub_version

- name: Use the connection settings from the environment (JUPYTERHUB_API_URL, JUPYTERHUB_API_TOKEN)
  jupyterhub.hub.jupyterhub_info:
  delegate_to: localhost
"""

RETURN = r"""
version:
  description: The hub's version.
  returned: always
  type: str
  sample: "6.1.1"
version_info:
  description: The hub's version as a list of three integers, handy for comparisons.
  returned: always
  type: list
  elements: int
  sample: [6, 1, 1]
whoami:
  description:
    - The user or service the token belongs to (C(GET /user)), with the scopes the token holds.
    - V(null) when no O(api_token) is given.
  returned: always
  type: dict
  sample:
    kind: service
    name: ansible
    roles: [admin]
    scopes: ["admin:users", "admin:groups"]
info:
  description:
    - The hub's configuration summary from C(GET /info), with the Python and hub versions and the authenticator and spawner classes.
    - V(null) when no O(api_token) is given or the token lacks the C(read:hub) scope.
  returned: always
  type: dict
  sample:
    version: "6.1.1"
    python: "3.11.7"
    sys_executable: /usr/bin/python3
    authenticator:
      class: jupyterhub.auth.DummyAuthenticator
      version: "6.1.1"
    spawner:
      class: jupyterhub.spawner.SimpleLocalProcessSpawner
      version: "6.1.1"
services:
  description:
    - The hub's services the token may list, sorted by name, as M(jupyterhub.hub.jupyterhub_service_info) returns them.
    - V(null) when no O(api_token) is given or the token lacks the C(list:services) scope.
  returned: always
  type: list
  elements: dict
  sample:
    - kind: service
      name: idle-culler
      admin: false
      roles: [idle-culler]
      url: ""
      prefix: ""
      command: [python3, -m, jupyterhub_idle_culler]
      pid: 1234
      info: {}
      display: true
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule


def run(module):
    client = module.client
    whoami = info = services = None
    if module.authenticated:
        whoami = client.whoami()
        if _may_read_hub(whoami.get("scopes")):
            info = client.get("/info")
        if _may_list_services(whoami.get("scopes")):
            services = client.list_services()
    module.finish(
        [],
        version=client.version,
        version_info=list(client.version_info),
        whoami=whoami,
        info=info,
        services=services,
    )


def _may_read_hub(scopes):
    # Hubs before 2.0 do not list scopes; asking then is the only way to know.
    return scopes is None or "read:hub" in scopes


def _may_list_services(scopes):
    # Also a filtered list:services!service=x: the hub then lists those services only.
    return any(scope == "list:services" or scope.startswith("list:services!") for scope in scopes or [])


def main():
    module = JupyterHubModule(token_required=False)
    module.run(run)


if __name__ == "__main__":
    main()
