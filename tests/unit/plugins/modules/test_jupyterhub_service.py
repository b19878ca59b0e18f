# -*- coding: utf-8 -*-
# Copyright: (c) 2026, jupyterhub.hub contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""jupyterhub_service through main(), on a mocked hub: a service added with the hub's answer as the result, check mode,
--diff, other settings only warned about unless recreate, removal, a 4.x hub, and the hub's refusal (the planning is
in test_services.py)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.jupyterhub.hub.plugins.modules import jupyterhub_service
from ansible_collections.jupyterhub.hub.tests.unit.helpers import API, HUB_ROOT, assert_refused, run_module, service_model, warnings_of, writes

SERVICE_TOKEN = "grader-s3cret-service-token"
SETTINGS = dict(url="http://10.0.0.5:9000", display=True, info={"team": "teaching"})
SHOWN = {"name": "grader", "url": "http://10.0.0.5:9000", "admin": False, "display": True, "info": {"team": "teaching"}}
# The hub's model of the service as added: the prefix only the hub's answer has.
ADDED = service_model(info={"team": "teaching"}, prefix="/services/grader/")


def mock_hub(rsps, current=None):
    """A 6.x hub with ``current`` as grader (None: no such service)."""
    rsps.get(API + "/", json=HUB_ROOT)
    if current is None:
        rsps.get(API + "/services/grader", status=404, json={"status": 404, "message": "No such service: grader"})
    else:
        rsps.get(API + "/services/grader", json=current)


def test_a_new_service_is_added_with_the_hubs_answer_as_the_result(rsps, capsys):
    mock_hub(rsps)
    rsps.post(API + "/services/grader", status=201, json=ADDED)

    result, out = run_module(jupyterhub_service, capsys, diff=True, name="grader", service_token=SERVICE_TOKEN, oauth_no_confirm=True, **SETTINGS)

    assert result["changed"] is True
    assert result["plan"] == ["POST /services/grader"]
    assert writes(rsps) == [("POST", "/services/grader", dict(SETTINGS, api_token=SERVICE_TOKEN, oauth_no_confirm=True))]
    assert result["service"] == ADDED
    assert result["diff"] == {"before": {}, "after": SHOWN}
    assert SERVICE_TOKEN not in out


def test_check_mode_sends_nothing_and_predicts_the_service(rsps, capsys):
    mock_hub(rsps)

    result, out = run_module(jupyterhub_service, capsys, check_mode=True, diff=True, name="grader", service_token=SERVICE_TOKEN, **SETTINGS)

    assert result["changed"] is True
    assert result["plan"] == ["POST /services/grader"]
    assert writes(rsps) == []
    assert result["service"] == dict(kind="service", name="grader", admin=False, roles=[], **SETTINGS)  # no prefix: predicted
    assert result["diff"]["after"] == SHOWN
    assert SERVICE_TOKEN not in out


def test_other_settings_are_only_warned_about_without_recreate(rsps, capsys):
    mock_hub(rsps, ADDED)

    result, dummy = run_module(jupyterhub_service, capsys, diff=True, name="grader", url="http://10.0.0.6:9000")

    assert result["changed"] is False and result["plan"] == []
    assert writes(rsps) == []
    assert result["service"] == ADDED
    assert "service grader exists with another url; the hub cannot update a service: set recreate=true" in warnings_of(result)


def test_recreate_deletes_and_adds_it_again(rsps, capsys):
    mock_hub(rsps, ADDED)
    rsps.delete(API + "/services/grader", status=204, body="")
    rsps.post(API + "/services/grader", status=201, json=dict(ADDED, url="http://10.0.0.6:9000"))

    result, dummy = run_module(jupyterhub_service, capsys, diff=True, name="grader", url="http://10.0.0.6:9000", recreate=True)

    assert result["changed"] is True
    assert result["plan"] == ["DELETE /services/grader", "POST /services/grader"]
    assert writes(rsps) == [("DELETE", "/services/grader", None), ("POST", "/services/grader", {"url": "http://10.0.0.6:9000"})]
    assert result["service"]["url"] == "http://10.0.0.6:9000"
    assert result["diff"] == {"before": SHOWN, "after": dict(SHOWN, url="http://10.0.0.6:9000")}


def test_a_service_as_asked_is_no_change(rsps, capsys):
    mock_hub(rsps, ADDED)

    result, dummy = run_module(jupyterhub_service, capsys, name="grader", service_token=SERVICE_TOKEN, **SETTINGS)

    assert result["changed"] is False and result["plan"] == []
    assert result["service"] == ADDED and warnings_of(result) == "[]"


def test_absent_removes_it(rsps, capsys):
    mock_hub(rsps, ADDED)
    rsps.delete(API + "/services/grader", status=204, body="")

    result, dummy = run_module(jupyterhub_service, capsys, diff=True, name="grader", state="absent")

    assert result["changed"] is True
    assert writes(rsps) == [("DELETE", "/services/grader", None)]
    assert result["service"] is None
    assert result["diff"] == {"before": SHOWN, "after": {}}


def test_absent_of_a_missing_service_is_no_change(rsps, capsys):
    mock_hub(rsps)

    result, dummy = run_module(jupyterhub_service, capsys, name="grader", state="absent")

    assert result["changed"] is False and result["plan"] == [] and result["service"] is None


def test_a_4x_hub_fails_before_reading_the_service(rsps, capsys):
    # JupyterHub 4 answers 500 for a service it does not have: it is not asked
    rsps.get(API + "/", json={"version": "4.1.6"})

    result, dummy = run_module(jupyterhub_service, capsys, name="grader", **SETTINGS)

    assert result["failed"] is True
    assert result["msg"] == "managing a service through the API needs JupyterHub 5.0 or later; the hub at %s runs 4.1.6. Nothing was changed." % API
    assert len(rsps.calls) == 1


def test_a_service_of_the_hubs_configuration_cannot_be_removed_a_clean_failure(rsps, capsys):
    mock_hub(rsps, service_model())
    message = "Service grader is not modifiable at runtime"
    rsps.delete(API + "/services/grader", status=405, json={"status": 405, "message": message})

    result, out = run_module(jupyterhub_service, capsys, name="grader", state="absent")

    assert_refused(result, out, "DELETE", "/services/grader", 405, message)
    assert result["changed"] is False
    assert result["done"] == [] and result["not_done"] == ["DELETE /services/grader"]
