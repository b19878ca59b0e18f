#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: jupyterhub_activity
short_description: Record activity of a JupyterHub user and their servers
version_added: 1.0.0
description:
  - Tells the hub that a user, and optionally some of the user's servers, were active at a given time
    (C(POST /users/{name}/activity)), as single-user servers do themselves.
  - An idle culler, such as C(jupyterhub-idle-culler), decides from this activity which servers to stop. Recording
    activity keeps a server from being culled, for example while a batch job runs in it without a browser.
  - The hub only moves activity forward. The task reports a change only when O(last_activity) is later than the
    activity the hub has recorded for the user or one of the O(servers).
author:
  - JupyterHub Ansible collection contributors (@jupyterhub)
extends_documentation_fragment:
  - jupyterhub.hub.connection
  - jupyterhub.hub.attributes
  - jupyterhub.hub.attributes.state_changing
  - jupyterhub.hub.user_names
options:
  name:
    description:
      - The user.
    type: str
    required: true
    aliases: [user]
  last_activity:
    description:
      - When the activity happened, as an ISO 8601 timestamp, for example V(2026-11-22T09:30:00Z) or
        V(2026-11-22T10:30:00+01:00). A timestamp without a time zone is UTC, as for the hub.
      - Unset, now (the clock of the node that runs the module, in UTC).
      - The hub refuses timestamps more than 59 minutes in the future with C(400 Bad Request).
    type: str
  servers:
    description:
      - Names of the user's servers that were active too, V("") for the default server.
      - Each must be a server of the user, running or not. The task fails before any change otherwise.
      - Unset or V([]), only the user's activity is recorded.
    type: list
    elements: str
    default: []
notes:
  - Needs the C(users:activity) scope to record, and C(read:users:activity) and C(read:servers) to compare with the
    activity recorded so far.
seealso:
  - module: jupyterhub.hub.jupyterhub_user_info
"""

EXAMPLES = r"""
- name: Keep ada's default server from being culled while her job runs
  jupyterhub.hub.jupyterhub_activity:
    api_url: http://127.0.0.1:8000/hub/api
    api_token: "{{ jupyterhub_api_token }}"
    name: ada
    servers: [""]
  delegate_to: localhost

- name: Record activity at a given time, for a named server
  jupyterhub.hub.jupyterhub_activity:
    name: ada
    servers: [gpu]
    last_activity: "2026-11-22T09:30:00Z"
  delegate_to: localhost
"""

RETURN = r"""
activity:
  description:
    - The recorded activity of the user and of the O(servers) after the task, as ISO 8601 timestamps in UTC
      (V(null) for none yet). In check mode, the predicted activity.
  returned: always
  type: dict
  sample:
    name: ada
    last_activity: "2026-11-22T09:30:00.000000Z"
    servers: {"": "2026-11-22T09:30:00.000000Z"}
last_activity:
  description: The timestamp the task recorded, or would record, in UTC.
  returned: always
  type: str
  sample: "2026-11-22T09:30:00.000000Z"
plan:
  description: The API calls the task made, or would make in check mode, as C(METHOD path).
  returned: always
  type: list
  elements: str
  sample: ["POST /users/ada/activity"]
diff:
  description: With C(--diff), the recorded activity before and after.
  returned: when diff mode is on
  type: dict
  sample:
    before: {name: ada, last_activity: "2026-11-22T08:00:00Z", servers: {"": null}}
    after: {name: ada, last_activity: "2026-11-22T09:30:00.000000Z", servers: {"": "2026-11-22T09:30:00.000000Z"}}
"""

import datetime

from ansible_collections.jupyterhub.hub.plugins.module_utils.module import JupyterHubModule
from ansible_collections.jupyterhub.hub.plugins.module_utils.activity import plan_activity, summarize_activity
from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.servers import WITH_STOPPED_SERVERS
from ansible_collections.jupyterhub.hub.plugins.module_utils.times import UTC, format_timestamp, parse_timestamp


def run(module):
    params = module.params
    name = params["name"]
    servers = list(dict.fromkeys(params["servers"]))
    try:
        when = parse_timestamp(params["last_activity"]) if params["last_activity"] else datetime.datetime.now(UTC)
    except ValueError as err:
        module.fail_json(msg="last_activity: %s" % err)

    user = module.client.get(quote_path("users", name), params=WITH_STOPPED_SERVERS, missing_ok=True)
    if user is None:
        module.fail_json(msg="%s is not a user of the hub. Nothing was changed." % name)
    unknown = [server for server in servers if server not in (user.get("servers") or {})]
    if unknown:
        module.fail_json(
            msg="%s has no server named %s (its servers: %s). Nothing was changed."
            % (name, ", ".join(repr(server) for server in unknown), ", ".join(repr(server) for server in sorted(user.get("servers") or {})) or "none"),
            unknown_servers=unknown,
        )

    plan, after = plan_activity(name, user, when, servers)
    module.apply(plan)
    module.finish(plan, before=summarize_activity(user, servers), after=after, activity=after, last_activity=format_timestamp(when))


def main():
    module = JupyterHubModule(
        argument_spec=dict(
            name=dict(type="str", required=True, aliases=["user"]),
            last_activity=dict(type="str"),
            servers=dict(type="list", elements="str", default=[]),
        ),
        user_name_options=("name",),
    )
    module.run(run)


if __name__ == "__main__":
    main()
