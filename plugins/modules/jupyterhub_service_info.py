#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_service_info
short_description: Read the services of a JupyterHub
version_added: 1.0.0
description:
  - Reads the services of a hub, as the hub models them, with their roles, URL and command.
  - Without O(name), reads every service the token may list (C(GET /services)); with O(name), reads those services
    (C(GET /services/{name})).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.info_module
options:
  name:
    description:
      - The service name, or a list of service names, to read. Names that are not services of the hub are listed in
        RV(missing).
      - Unset reads every service the token may list.
    type: list
    elements: str
    aliases: [names, service, services]
notes:
  - Listing services needs the C(list:services) scope; reading one by name needs C(read:services) (or
    C(read:services:name), which shows only its name and admin flag). With a scope filtered to some services, for example
    C(list:services!service=ansible), only those are listed.
  - The fields of a service depend on the token's scopes. The service's API token is never part of them.
seealso:
  - module: jupyterhub.hub.jupyterhub_info
"""

EXAMPLES = r"""
- name: Read every service
  jupyterhub.hub.jupyterhub_service_info:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
  delegate_to: localhost
  register: hub_services

- name: Show their names
  ansible.builtin.debug:
    msg: "{{ hub_services.services | map(attribute='name') | list }}"

- name: Is the idle culler there?
  jupyterhub.hub.jupyterhub_service_info:
    name: idle-culler
  delegate_to: localhost
  register: culler

- name: Say so
  ansible.builtin.debug:
    msg: "{{ 'no idle culler' if culler.missing else 'idle culler, pid ' ~ culler.services[0].pid }}"
"""

RETURN = r"""
services:
  description:
    - The services found, sorted by name, as the hub models them (the fields depend on the token's scopes).
    - C(url) and C(prefix) are set for services with a web server behind the proxy; C(command) and C(pid) for services
      the hub runs itself.
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
      command: [python3, -m, jupyterhub_idle_culler, --timeout=3600]
      pid: 1234
      info: {}
      display: true
missing:
  description: The names of O(name) that are not services of the hub.
  returned: always
  type: list
  elements: str
  sample: [cull-idle]
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import RUNTIME_SERVICES_VERSION
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule


def run(module):
    names = module.params["name"]
    missing = []
    if names and module.client.version_info < RUNTIME_SERVICES_VERSION:
        # JupyterHub 4 answers 500 for a name it does not have: pick from the listing there
        listed = dict((service["name"], service) for service in module.client.list_services())
        services = [listed[name] for name in sorted(set(names)) if name in listed]
        missing = [name for name in names if name not in listed]
    elif names:
        services, missing = module.client.find("services", names)
        services = sorted(services, key=lambda service: service["name"])
    else:
        services = module.client.list_services()
    module.finish([], services=services, missing=missing)


def main():
    module = JupyterHubModule(
        argument_spec=dict(name=dict(type="list", elements="str", aliases=["names", "service", "services"])),
    )
    module.run(run)


if __name__ == "__main__":
    main()
