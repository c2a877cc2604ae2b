# The two commands a newcomer needs: `make run` and `make test`.
# uv manages the environment; when it is missing we bootstrap it into .tools/.
PYTHON ?= python3
UV := $(shell uv --version >/dev/null 2>&1 && echo uv || echo .tools/bin/uv)
MANAGE := $(UV) run --quiet python manage.py

.PHONY: run serve install upgrade cluster loadtest test lint check format bench sync uv superuser pictures editor clinician

uv:
	@$(UV) --version >/dev/null 2>&1 || { \
		echo "uv not found: installing it into .tools/"; \
		$(PYTHON) -m venv .tools && .tools/bin/pip install --quiet uv; }

sync: uv
	@$(UV) sync --quiet

## Serve the app with its starter library on SQLite at http://127.0.0.1:8000/
run: sync
	$(MANAGE) migrate --no-input
	$(MANAGE) createinitialrevisions --comment "Before the first edit in the admin" -v 0
	$(MANAGE) runserver 127.0.0.1:8000

## Production settings under gunicorn on http://127.0.0.1:8000/ (needs SECRET_KEY: README).
## Serving only: `make upgrade` first (migrations and static files), once per release.
serve: uv
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY first (README: Running in production)."; exit 1; }
	DEBUG=false ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}" $(UV) run --no-dev --no-sync gunicorn backlog.wsgi:application

## On every app server, for each release: the dependencies without the development tools,
## and the static files collected (make upgrade runs it too)
PROD := DEBUG=false $(UV) run --no-dev --no-sync python manage.py
install: uv
	@test -n "$$SECRET_KEY" || { echo "Set SECRET_KEY first (README: Running in production)."; exit 1; }
	$(UV) sync --no-dev --quiet
	$(PROD) collectstatic --no-input -v 0

## A release, once for the whole site (on one app server): install, migrate, first
## revisions, the deploy checks, then restart (RESTART="systemctl reload backlog")
upgrade: install
	$(PROD) migrate --no-input
	$(PROD) createinitialrevisions --comment "Before the first edit in the admin" -v 0
	$(PROD) check --deploy --fail-level ERROR
	$(if $(RESTART),$(RESTART),@echo "Now reload the app servers: systemctl reload backlog")

## Two gunicorn servers behind nginx on loopback, one PostgreSQL and one Redis (README)
cluster: sync
	$(UV) run python -m deploy.cluster

## Drive gunicorn with concurrent readers and writers, then check every write landed once
loadtest: sync
	$(UV) run python -m loadtest $(if $(TARGET),--target $(TARGET))

## Create an admin account for http://127.0.0.1:8000/admin/
superuser: sync
	$(MANAGE) migrate --no-input
	$(MANAGE) createsuperuser

## Let an existing account edit content in the admin, not a superuser: make editor NAME=anna
editor: sync
	@test -n "$(NAME)" || { echo "Say whose account: make editor NAME=<username>"; exit 2; }
	$(MANAGE) migrate --no-input
	$(MANAGE) make_editor "$(NAME)"

## Give an existing account My patients (the Clinicians group): make clinician NAME=anna
clinician: sync
	@test -n "$(NAME)" || { echo "Say whose account: make clinician NAME=<username>"; exit 2; }
	$(MANAGE) migrate --no-input
	$(MANAGE) make_clinician "$(NAME)"

## The whole test suite (set DATABASE_URL to run it on PostgreSQL)
test: sync
	$(UV) run pytest -n auto

lint: sync
	$(UV) run ruff check .
	$(UV) run ruff format --check .

## Migrations match the models, and the production settings pass Django's deploy checks
check: sync
	$(MANAGE) makemigrations --check --dry-run
	DEBUG=false ALLOWED_HOSTS=backlog.example SECRET_KEY="$$($(UV) run --quiet python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		$(MANAGE) check --deploy --fail-level WARNING

format: sync
	$(UV) run ruff check --fix .
	$(UV) run ruff format .

## Speed benchmarks: one table, each figure beside a baseline measured in the same run
bench: sync
	$(UV) run python -m benchmarks.run

## Redraw the pose pictures into static/img/poses/ from stretches/poses.py (commit the result)
pictures: sync
	$(MANAGE) draw_poses
