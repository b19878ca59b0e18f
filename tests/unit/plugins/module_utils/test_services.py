# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""module_utils/services.py, the planning of jupyterhub_service: current service + settings -> calls (the module through
main() in test_jupyterhub_service.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.module_utils.services import plan_service, summarize_service
from ansible_collections.jupyterhub.hub.tests.unit.helpers import calls, service_model


def test_a_missing_service_is_added_with_every_setting():
    settings = {"url": "http://10.0.0.5:9000", "api_token": "s3cret", "oauth_no_confirm": True}
    plan, after, differing = plan_service("grader", None, "present", settings)
    assert calls(plan) == [("POST", "/services/grader", settings)]
    assert plan[0].done_statuses == (409,)
    assert str(plan[0]) == "POST /services/grader"  # the token is in the body only
    assert after["url"] == "http://10.0.0.5:9000"
    assert "api_token" not in after
    assert differing == []


def test_an_existing_service_with_the_same_shown_settings_is_left_alone():
    plan, after, differing = plan_service("grader", service_model(), "present", {"url": "http://10.0.0.5:9000", "api_token": "s3cret"})
    assert plan == []
    assert after == service_model()
    assert differing == []


def test_other_settings_are_reported_and_changed_only_with_recreate():
    current = service_model()
    settings = {"url": "http://10.0.0.6:9000", "display": True}
    plan, after, differing = plan_service("grader", current, "present", settings)
    assert plan == []
    assert differing == ["url"]
    assert after == current

    plan, after, differing = plan_service("grader", current, "present", settings, recreate=True)
    assert calls(plan) == [("DELETE", "/services/grader", None), ("POST", "/services/grader", settings)]
    assert plan[1].done_statuses == ()  # after our own delete, a 409 would be an error
    assert after["url"] == "http://10.0.0.6:9000"


def test_absent():
    plan, after, dummy = plan_service("grader", service_model(), "absent", {})
    assert calls(plan) == [("DELETE", "/services/grader", None)]
    assert plan[0].done_statuses == (404,)
    assert after is None
    assert plan_service("grader", None, "absent", {})[0] == []


def test_summarize_shows_only_what_the_hub_shows():
    assert summarize_service(service_model(pid=0, prefix="/services/grader/")) == {
        "name": "grader", "url": "http://10.0.0.5:9000", "admin": False, "display": True, "info": {}
    }
    assert summarize_service(None) == {}
