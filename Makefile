# 组织生活会材料库 — everyday commands. `make serve` and `make test` are all a newcomer needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
KB := $(BIN)/python -m scripts.kb
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build bundle test check system-deps clean contributing bench

$(STAMP): requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

serve: $(STAMP)  ## build and serve the site on http://127.0.0.1:8000, rebuilding what an edit changes
	$(KB) serve

build: $(STAMP)  ## build the site into site/
	$(BIN)/mkdocs build --strict

bundle: $(STAMP)  ## build the offline site (file://, search included) into dist/zuzhishenghuohui-offline.zip
	$(KB) bundle

bench: $(STAMP)  ## benchmark at scale (synthetic corpus in a temp folder): make bench SIZES=100,1000,3000
	$(KB) bench --sizes $(or $(SIZES),1000) --json bench.json

test: $(STAMP) system-deps  ## run every test (unit, build, browser)
	$(BIN)/python -m pytest

contributing: $(STAMP)  ## regenerate the rule and field tables in CONTRIBUTING.md from the data
	$(KB) contributing

system-deps:  ## Debian packages the browser and Word tests use (installed when run as root)
	@bash scripts/system_deps.sh

clean:
	rm -rf site .cache test-artifacts dist
