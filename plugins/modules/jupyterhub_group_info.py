#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_group_info
short_description: Read JupyterHub groups with their members and properties
version_added: 1.0.0
description:
  - Reads groups as the hub models them, with their members, properties and roles.
  - Without O(name), reads every group of the hub, following the API's pagination to the end.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.info_module
options:
  name:
    description:
      - The group name, or a list of group names, to read. Names that do not exist are listed in RV(missing).
      - Unset reads every group.
    type: list
    elements: str
    aliases: [names, group, groups]
"""

EXAMPLES = r"""
- name: Read every group
  jupyterhub.hub.jupyterhub_group_info:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
  delegate_to: localhost
  register: all_groups

- name: Members of the physics course
  jupyterhub.hub.jupyterhub_group_info:
    name: physics-101
  delegate_to: localhost
  register: physics

- name: Show them
  ansible.builtin.debug:
    msg: "{{ physics.groups[0].users }}"
"""

RETURN = r"""
groups:
  description: The groups found, as the hub models them (the fields depend on the token's scopes).
  returned: always
  type: list
  elements: dict
  sample:
    - kind: group
      name: physics-101
      users: [ada, grace]
      properties: {profile: gpu}
      roles: []
missing:
  description: The names of O(name) that are not groups of the hub.
  returned: always
  type: list
  elements: str
  sample: [physics-100]
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule


def run(module):
    names = module.params["name"]
    missing = []
    if names:
        groups, missing = module.client.find("groups", names)
    else:
        groups = module.client.paginate("/groups")
    module.finish([], groups=groups, missing=missing)


def main():
    module = JupyterHubModule(
        argument_spec=dict(name=dict(type="list", elements="str", aliases=["names", "group", "groups"])),
    )
    module.run(run)


if __name__ == "__main__":
    main()
