# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Services added at runtime (JupyterHub 5.0+): the plans that add, change and remove them, and what a result shows
of one (never its api_token). Pure: nothing of Ansible, no I/O. Used by jupyterhub_service.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.client import quote_path
from ansible_collections.jupyterhub.hub.plugins.module_utils.plan import Call


# The settings the hub shows back, and so can be compared.
SHOWN = ("url", "admin", "display", "info")


# The option names of the settings sent at creation only, and their names in the hub's service model.
SENT_ONLY = {
    "service_token": "api_token",
    "oauth_client_id": "oauth_client_id",
    "oauth_redirect_uri": "oauth_redirect_uri",
    "oauth_client_allowed_scopes": "oauth_client_allowed_scopes",
    "oauth_no_confirm": "oauth_no_confirm",
}


def plan_service(name, current, state, settings, recreate=False):
    """The calls that make the service ``current`` (its model, or None) match ``settings``, the predicted service,
    and the shown settings that differ.

    ``settings``: the options that are set, under the hub's names. Pure: no I/O.
    """
    path = quote_path("services", name)
    if state == "absent":
        return ([Call("DELETE", path, done_statuses=(404,))] if current is not None else []), None, []
    differing = [key for key in SHOWN if key in settings and current is not None and current.get(key) != settings[key]]
    plan = []
    if current is not None and differing and recreate:
        plan.append(Call("DELETE", path))
    if current is None or (differing and recreate):
        plan.append(Call("POST", path, dict(settings), done_statuses=() if current is not None else (409,)))
        shown = dict((key, settings[key]) for key in SHOWN if key in settings)
        base = {"kind": "service", "name": name, "admin": False, "url": "", "display": True, "info": {}, "roles": []}
        return plan, dict(base, **shown), differing
    return plan, current, differing


def summarize_service(service):
    if service is None:
        return {}
    return dict([("name", service.get("name"))] + [(key, service.get(key)) for key in SHOWN])
