# jupyterhub.hub: set-up, demo and tests. Everything a test needs is installed from here.
#   make demo   start a local hub, run examples/demo.yml twice (changed, then ok), stop the hub
#   make test   unit tests, sanity, ansible-lint, integration tests against every hub version below
#   make benchmark   time the onboarding run against a plain requests script and a uri loop (not part of make test)

# The JupyterHub versions the integration tests run against: the one place they are pinned.
HUB_VERSIONS := 6.1.1 5.5.4
DEMO_HUB := $(firstword $(HUB_VERSIONS))

PYTHON ?= python3.11
PYTHON_VERSION := 3.11
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
BUILD := $(CURDIR)/build
COLLECTION := $(BUILD)/ansible_collections/jupyterhub/hub
# Integration targets to run (all by default), e.g. make integration TARGETS=jupyterhub_user
TARGETS ?=

export ANSIBLE_COLLECTIONS_PATH := $(BUILD)
# build/ is git-ignored: without this, ansible-test would take the copy's file list from
# the enclosing repository, find nothing, skip every sanity test and still pass.
export ANSIBLE_TEST_CONTENT_ROOT := $(COLLECTION)
export PATH := $(BIN):$(PATH)

.PHONY: docs benchmark help demo test units sanity lint integration changelog-lint docs-check build stage venv hubs clean

help:
	@sed -n 's/^#   //p' Makefile

venv: $(VENV)/.installed
$(VENV)/.installed: tests/requirements-dev.txt requirements.txt tests/utils/get_pip.py
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt -r tests/requirements-dev.txt
	tests/utils/setup-ansible-test.sh $(BIN)/python
	touch $@

hubs:
	@for version in $(HUB_VERSIONS); do tests/hub/install.sh $$version; done
	@tests/hub/install.sh proxy

stage:
	@tests/utils/stage-collection.sh >/dev/null

demo: venv stage
	@tests/hub/install.sh $(DEMO_HUB)
	@tests/hub/install.sh proxy
	$(BIN)/python tests/hub/hubctl.py run --version $(DEMO_HUB) -- sh -c '\
		echo "== first run: changes the hub" && ansible-playbook -i localhost, examples/demo.yml && \
		echo "== second run: nothing left to change" && ansible-playbook -i localhost, examples/demo.yml | tee $(BUILD)/demo-second-run.log && \
		grep -Eq "changed=0 .*failed=0" $(BUILD)/demo-second-run.log'

test: venv hubs stage
	@$(MAKE) --no-print-directory units sanity lint changelog-lint build docs integration
	@echo "make test: all passed"

units: venv stage
	cd $(COLLECTION) && $(BIN)/python -m pytest -p no:cacheprovider -o pythonpath=$(BUILD) tests/unit -q

sanity: venv stage
	cd $(COLLECTION) && ansible-test sanity --python $(PYTHON_VERSION) --color no

lint: venv stage
	cd $(COLLECTION) && ansible-lint

changelog-lint: venv stage
	cd $(COLLECTION) && antsibull-changelog lint

# The module reference as a site (build/docsite/build/html), and a lint of every doc's markup and references.
docs: venv stage
	cd $(COLLECTION) && antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs=all .
	tests/utils/build-docsite.sh

build: venv stage
	cd $(COLLECTION) && ansible-galaxy collection build --force --output-path $(BUILD)
	ansible-doc jupyterhub.hub.jupyterhub_info >/dev/null

integration: venv hubs stage
	@for version in $(HUB_VERSIONS); do \
		echo "== integration tests against JupyterHub $$version"; \
		$(BIN)/python tests/hub/hubctl.py run --version $$version \
			--config-out $(COLLECTION)/tests/integration/integration_config.yml -- \
			sh -c 'cd $(COLLECTION) && ansible-test integration --python $(PYTHON_VERSION) --color no $(TARGETS)' \
			|| exit 1; \
	done

benchmark: venv stage
	@tests/hub/install.sh $(DEMO_HUB)
	@tests/hub/install.sh proxy
	$(BIN)/python tests/hub/hubctl.py run --version $(DEMO_HUB) -- $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(BUILD) tests/output .pytest_cache

distclean: clean
	rm -rf $(VENV) .hubs
