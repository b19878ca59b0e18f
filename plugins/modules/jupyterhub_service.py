#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_service
short_description: Add or remove a JupyterHub service at runtime
version_added: 1.0.0
description:
  - Adds an external service to a running hub (C(POST /services/{name})), or removes one added that way
    (C(DELETE /services/{name})). Needs the C(admin:services) scope (JupyterHub 5.0 or later).
  - Services defined in C(c.JupyterHub.services) cannot be changed or removed through the API. The hub refuses with
    C(405), which the module reports.
  - The hub has no call to update a runtime service. When a service exists with other settings than requested, the
    module warns, and deletes and re-creates it only with O(recreate=true).
  - Only the settings the hub shows are compared (O(url), O(admin), O(display), O(info)). The service's token and OAuth
    settings are never shown back, so they are sent at creation only.
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
options:
  name:
    description:
      - The name of the service.
    type: str
    required: true
  state:
    description:
      - V(present) adds the service when it does not exist. V(absent) removes it. A missing service is not an error.
    type: str
    choices: [present, absent]
    default: present
  url:
    description:
      - The URL of the service's web server. The hub proxies it at C(/services/<name>/).
      - The hub answers only once this URL answers, so add a service when its server is up (or raise O(timeout)).
    type: str
  admin:
    description:
      - Whether the service gets the admin role. The token of the task must hold every admin scope to grant it.
    type: bool
  display:
    description:
      - Whether the service is listed on the hub's home page.
    type: bool
  info:
    description:
      - Free-form information the hub shows with the service.
    type: dict
  service_token:
    description:
      - An API token for the service to authenticate with. Sent at creation only, and never returned.
    type: str
  oauth_client_id:
    description:
      - The OAuth client id of the service, for logging users in to it. Sent at creation only.
    type: str
  oauth_redirect_uri:
    description:
      - The OAuth redirect URI of the service. Sent at creation only.
    type: str
  oauth_client_allowed_scopes:
    description:
      - The scopes the service may ask for when it logs a user in. Sent at creation only.
    type: list
    elements: str
  oauth_no_confirm:
    description:
      - Whether users skip the page that confirms the service's access. Sent at creation only.
    type: bool
  recreate:
    description:
      - When the service exists with other settings, delete it and add it again with these.
      - Tokens the hub issued to the service are lost with it.
    type: bool
    default: false
notes:
  - Managed services (with a C(command)) cannot be added at runtime. Define them in C(c.JupyterHub.services).
  - A service added at runtime lasts until it is removed. It is kept across restarts of the hub.
seealso:
  - module: jupyterhub.hub.jupyterhub_service_info
"""

EXAMPLES = r"""
- name: Add a grading service behind the hub's proxy
  jupyterhub.hub.jupyterhub_service:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    name: grader
    url: http://10.0.0.5:9000
    display: true
    info: {team: teaching}
    service_token: "{{ vault_grader_token }}"
  delegate_to: localhost

- name: Change its URL (the hub has no update call, so it is re-created)
  jupyterhub.hub.jupyterhub_service:
    name: grader
    url: http://10.0.0.6:9000
    service_token: "{{ vault_grader_token }}"
    recreate: true
  delegate_to: localhost

- name: Remove it
  jupyterhub.hub.jupyterhub_service:
    name: grader
    state: absent
  delegate_to: localhost
"""

RETURN = r"""
service:
  description:
    - The service after the task, as the hub models it. In check mode, the predicted service.
    - V(null) with O(state=absent).
  returned: always
  type: dict
  sample:
    kind: service
    name: grader
    admin: false
    url: http://10.0.0.5:9000
    prefix: /services/grader/
    display: true
    info: {team: teaching}
    roles: []
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /services/grader"]
diff:
  description: With C(--diff), the settings the hub shows (url, admin, display, info) before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {}
    after: {name: grader, url: "http://10.0.0.5:9000", admin: false, display: true, info: {team: teaching}}
"""

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import RUNTIME_SERVICES_VERSION, quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.services import SENT_ONLY, SHOWN, plan_service, summarize_service


def run(module):
    params = module.params
    name = params["name"]
    # before the read too: JupyterHub 4 answers 500 for a service it does not have
    module.client.require_version(RUNTIME_SERVICES_VERSION, "managing a service through the API")
    current = module.client.get(quote_path("services", name), missing_ok=True)
    settings = dict((key, params[key]) for key in SHOWN if params[key] is not None)
    settings.update((hub_key, params[option]) for option, hub_key in SENT_ONLY.items() if params[option] is not None)
    plan, after, differing = plan_service(name, current, params["state"], settings, recreate=params["recreate"])
    if differing and not params["recreate"]:
        module.warn(
            "service %s exists with another %s; the hub cannot update a service: set recreate=true to delete and add it "
            "again (its tokens are lost)" % (name, ", ".join(differing))
        )
    answers = module.apply(plan)
    if plan and answers[-1]:
        after = answers[-1]  # the hub's model of the service it created
    module.finish(plan, before=summarize_service(current), after=summarize_service(after), service=after)


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", choices=["present", "absent"], default="present"),
            url=dict(type="str"),
            admin=dict(type="bool"),
            display=dict(type="bool"),
            info=dict(type="dict"),
            service_token=dict(type="str", no_log=True),
            oauth_client_id=dict(type="str"),
            oauth_redirect_uri=dict(type="str"),
            oauth_client_allowed_scopes=dict(type="list", elements="str"),
            oauth_no_confirm=dict(type="bool"),
            recreate=dict(type="bool", default=False),
        ),
    )
    module.run(run)


if __name__ == "__main__":
    main()
