# jupyterhub.hub: set-up, demo and tests. Everything a test needs is installed from here.
#   make demo   start a local hub, onboard a class with the onboard role (changed, then ok), say what it proved
#   make demo-stop   stop the hub the demo left running
#   make test   unit tests, sanity, ansible-lint, integration tests against every hub version below
#   make benchmark   time the onboarding run against a plain requests script and a uri loop (not part of make test)

# The versions `make test` proves, each pinned here only.
# ansible-core: the oldest and the newest supported, each in a venv of its own (.venvs/core-V)
# on its controller Python; each runs the unit tests and sanity. The tool venv (.venv,
# tests/requirements-dev.txt) holds 2.19 for lint, docs, the build, the demo and the benchmark.
CORE_VERSIONS := 2.17.14 2.21.5
CORE_PYTHON_2.17.14 := 3.11
CORE_PYTHON_2.21.5 := 3.12
# The other Pythons of tests/config.yml, compiled and imported by the sanity run of one ansible-core each.
SANITY_ALSO_2.17.14 := 3.10
SANITY_ALSO_2.21.5 := 3.13
# JupyterHub: the whole integration suite runs against each HUB@CORE of HUB_RUNS (one
# ansible-core on each side of 2.19's data tagging), the smoke run against SMOKE_RUN.
HUB_RUNS := 6.1.1@2.21.5 5.5.4@2.17.14
SMOKE_RUN := 4.1.6@2.21.5
SMOKE_TARGETS := jupyterhub_info jupyterhub_user jupyterhub_user_info jupyterhub_group jupyterhub_roster jupyterhub_token jupyterhub_server jupyterhub_service_info role_onboard hub_version_gates usage_report term spawn_limit storage login jupyterhub_roster_info
hub_of = $(firstword $(subst @, ,$(1)))
core_of = $(lastword $(subst @, ,$(1)))
HUB_VERSIONS := $(foreach run,$(HUB_RUNS),$(call hub_of,$(run)))
SMOKE_HUB := $(call hub_of,$(SMOKE_RUN))
DEMO_HUB := $(firstword $(HUB_VERSIONS))
# Parts of `make test` that run side by side (2 cores: the hubs' tests mostly wait).
TEST_JOBS ?= 3

PYTHON ?= python3.11
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

.PHONY: docs benchmark help demo demo-stop demo-check ee-check galaxy-import test setup units sanity lint tools integration changelog-lint build stage venv venvs hubs clean distclean

help:
	@sed -n 's/^#   //p' Makefile

venv: $(VENV)/.installed
$(VENV)/.installed: tests/requirements-dev.txt requirements.txt tests/utils/get_pip.py
	tests/utils/make-venv.sh $(VENV) $(PYTHON) -r requirements.txt -r tests/requirements-dev.txt

# One venv per ansible-core version of CORE_VERSIONS, on that version's controller Python.
core_bin = $(CURDIR)/.venvs/core-$(1)/bin
# Then, once all are there and one at a time (it writes to ~/.ansible/test), ansible-test's
# offline set-up for each, and a check that every other Python the sanity runs need is there.
venvs: venv $(foreach core,$(CORE_VERSIONS),.venvs/core-$(core)/.installed)
	@tests/utils/setup-ansible-test.sh $(BIN)/python $(foreach core,$(CORE_VERSIONS),$(call core_bin,$(core))/python) >/dev/null
	@tests/utils/find-python.sh $(foreach core,$(CORE_VERSIONS),$(SANITY_ALSO_$(core))) >/dev/null
.venvs/core-%/.installed: tests/requirements-core.txt tests/utils/get_pip.py
	tests/utils/make-venv.sh $(@D) $(CORE_PYTHON_$*) ansible-core==$* -r tests/requirements-core.txt

# Galaxy's importer pins its own ansible-core and ansible-lint: a venv of its own.
.venvs/galaxy-importer/.installed: tests/requirements-galaxy-importer.txt
	tests/utils/make-venv.sh $(@D) 3.11 -r tests/requirements-galaxy-importer.txt

hubs: $(foreach hub,$(HUB_VERSIONS) $(SMOKE_HUB) node,.hubs/$(hub)/.installed)
.hubs/node/.installed:
	@tests/hub/install.sh proxy
# A hub venv older than install.sh gets what the script now installs (the script updates it in place).
.hubs/%/.installed: tests/hub/install.sh
	@tests/hub/install.sh $*

stage:
	@tests/utils/stage-collection.sh >/dev/null

# Everything installed first (side by side), then the parts below side by side, each on
# its own copy of the collection (build/parts/PART): parts share no files, and each
# part's output is shown whole when it ends (tools: as it goes).
# The hub suites first, the smoke run among them: the longest parts start at once, and the
# short ones fill the slots they free.
TEST_PARTS := $(addprefix integration-,$(HUB_VERSIONS)) integration-$(SMOKE_HUB) $(addprefix sanity-,$(CORE_VERSIONS)) \
	tools $(addprefix units-,$(CORE_VERSIONS))
setup: venv venvs hubs .venvs/galaxy-importer/.installed

test:
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory -j$(TEST_JOBS) setup && \
	echo "== set-up done in $$(( $$(date +%s) - start )) s" && \
	$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target $(TEST_PARTS) && \
	echo "make test: all passed in $$(( $$(date +%s) - start )) s"

part_root = $(BUILD)/parts/$(1)
part_collection = $(call part_root,$(1))/ansible_collections/jupyterhub/hub
# $(call stage_part,PART): a copy of the collection for PART alone.
# $(call in_part,PART,CORE) COMMAND: run COMMAND in that copy, with the tools of ansible-core CORE.
stage_part = tests/utils/stage-collection.sh $(call part_root,$(1)) >/dev/null
in_part = cd $(call part_collection,$(1)) && PATH=$(call core_bin,$(2)):$$PATH \
	ANSIBLE_COLLECTIONS_PATH=$(call part_root,$(1)) ANSIBLE_TEST_CONTENT_ROOT=$(call part_collection,$(1))

units: $(addprefix units-,$(CORE_VERSIONS))
units-%: venvs
	@echo "== unit tests on ansible-core $*"
	@$(call stage_part,$@)
	@$(call in_part,$@,$*) python -m pytest -p no:cacheprovider -o pythonpath=$(call part_root,$@) tests/unit -q

sanity: $(addprefix sanity-,$(CORE_VERSIONS))
sanity-%: venvs
	@echo "== ansible-test sanity on ansible-core $*"
	@$(call stage_part,$@)
	@$(call in_part,$@,$*) ansible-test sanity --python $(CORE_PYTHON_$*) --color no
	@$(call in_part,$@,$*) $(CURDIR)/tests/utils/sanity-compile-import.sh $(SANITY_ALSO_$*)

# The parts that need the tools of .venv; they share build/, so they run one after another.
tools: venv
	@$(MAKE) --no-print-directory -j1 lint changelog-lint build galaxy-import ee-check docs demo-check

# In the staged copy, and in the bare repository root as certification tooling runs it. Not
# offline, ansible-lint installs this collection itself: into build/, not ~/.ansible (so no
# ANSIBLE_COLLECTIONS_PATH, and ANSIBLE_HOME of its own); no schema download, for stable results.
LINT_ENV := env -u ANSIBLE_COLLECTIONS_PATH ANSIBLE_LINT_SKIP_SCHEMA_UPDATE=1
lint: venv stage
	cd $(COLLECTION) && $(LINT_ENV) ANSIBLE_HOME=$(BUILD)/ansible-lint-staged ansible-lint
	$(LINT_ENV) ANSIBLE_HOME=$(BUILD)/ansible-lint-root ansible-lint

# Galaxy's importer, as on upload, with Automation Hub's require_v1_or_greater: no error, no warning.
galaxy-import: venv build .venvs/galaxy-importer/.installed
	tests/utils/galaxy-import.sh $(TARBALL)

# A release's changelog: antsibull-changelog finds the modules and roles (New Modules, New Roles) only in a collection
# on the collections path, so run `antsibull-changelog release` in the staged copy (make stage; cd $(COLLECTION)),
# then copy its changelogs/changelog.yaml and CHANGELOG.md back and git rm the fragments it folded in. Run in the
# repository root, it finds no plugins and writes the release without them.
changelog-lint: venv stage
	cd $(COLLECTION) && antsibull-changelog lint

# The module reference as a site (build/docsite/build/html), and a lint of every doc's markup and references.
docs: venv stage
	cd $(COLLECTION) && antsibull-docs lint-collection-docs --plugin-docs --validate-collection-refs=all .
	tests/utils/build-docsite.sh

build: venv stage
	cd $(COLLECTION) && ansible-galaxy collection build --force --output-path $(BUILD)
	ansible-doc jupyterhub.hub.jupyterhub_info >/dev/null

# The collection as an execution environment gets it: ansible-builder create on
# examples/execution-environment.yml, and introspect on the built tarball (it must list requests).
TARBALL = $(BUILD)/jupyterhub-hub-$(shell sed -n 's/^version: *//p' galaxy.yml).tar.gz
ee-check: venv build
	tests/utils/ee-check.sh $(TARBALL)

# The integration suite against each hub of HUB_RUNS, and the smoke targets against SMOKE_RUN,
# each driven by its ansible-core. One hub: make integration-6.1.1 TARGETS=jupyterhub_user
core_for_hub = $(call core_of,$(filter $(1)@%,$(HUB_RUNS) $(SMOKE_RUN)))
targets_for_hub = $(or $(TARGETS),$(if $(filter $(1),$(SMOKE_HUB)),$(SMOKE_TARGETS)))
integration: $(addprefix integration-,$(HUB_VERSIONS) $(SMOKE_HUB))
integration-%: venvs hubs
	@echo "== integration tests against JupyterHub $* on ansible-core $(call core_for_hub,$*)$(if $(filter $*,$(SMOKE_HUB)), (smoke run))"
	@$(call stage_part,$@)
	@$(BIN)/python tests/hub/hubctl.py run --version $* --config-out $(call part_collection,$@)/tests/integration/integration_config.yml -- \
		sh -c '$(call in_part,$@,$(call core_for_hub,$*)) ansible-test integration --python $(CORE_PYTHON_$(call core_for_hub,$*)) --color no $(call targets_for_hub,$*)'

# The demo leaves its hub running (and build/demo/env.sh to use it); demo-stop stops it.
demo: venv stage .hubs/$(DEMO_HUB)/.installed .hubs/node/.installed
	@$(BIN)/python tests/utils/demo.py $(DEMO_HUB)

demo-stop:
	@$(BIN)/python tests/hub/hubctl.py stop --version $(DEMO_HUB) --name demo

# `make demo` as a newcomer runs it (a hub of its own, not demo's), then its hub stopped; the whole output only if it failed.
demo-check: venv stage .hubs/$(DEMO_HUB)/.installed .hubs/node/.installed
	@echo "== make demo"
	@tests/utils/demo-check.sh $(BIN)/python $(DEMO_HUB) $(BUILD)/demo.log

benchmark: venv stage .hubs/$(DEMO_HUB)/.installed .hubs/node/.installed
	$(BIN)/python tests/hub/hubctl.py run --version $(DEMO_HUB) -- $(BIN)/python benchmarks/run.py

clean:
	rm -rf $(BUILD) tests/output .pytest_cache

distclean: clean
	rm -rf $(VENV) .venvs .hubs
