"""The admin's command line: tokens, first-start bootstrap."""

from __future__ import annotations

import pytest

from tactful import cli
from tactful.records.db import Database
from tactful.records.tokens import TokenRepository
from tactful.settings import Settings


@pytest.fixture()
def env_data(tmp_path, monkeypatch):
    monkeypatch.setenv("TACTFUL_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("TACTFUL_ADMIN_TOKEN", raising=False)
    return tmp_path


def _tokens(tmp_path) -> TokenRepository:
    return TokenRepository(Database(f"sqlite:///{tmp_path / 'tactful.db'}"))


def test_token_create_prints_a_working_token(env_data, capsys):
    assert cli.main(["token", "create", "--role", "qa", "--label", "Quinn"]) == 0
    secret = capsys.readouterr().out.strip()
    info = _tokens(env_data).verify(secret)
    assert info is not None and info.role == "qa" and info.label == "Quinn"


def test_token_revoke_and_list(env_data, capsys):
    cli.main(["token", "create", "--role", "agent"])
    secret = capsys.readouterr().out.strip()
    token_id = _tokens(env_data).verify(secret).id
    assert cli.main(["token", "revoke", str(token_id)]) == 0
    assert _tokens(env_data).verify(secret) is None
    cli.main(["token", "list"])
    assert "revoked" in capsys.readouterr().out
    assert cli.main(["token", "revoke", str(token_id)]) == 1


def test_first_start_creates_admin_and_agent_once(env_data):
    created = cli._bootstrap_tokens(Settings(_env_file=None))
    assert [role for role, _ in created] == ["admin", "agent"]
    assert cli._bootstrap_tokens(Settings(_env_file=None)) == []


def test_admin_token_from_environment(env_data, monkeypatch):
    monkeypatch.setenv("TACTFUL_ADMIN_TOKEN", "tfl_automation-secret")
    cli._bootstrap_tokens(Settings(_env_file=None))
    assert _tokens(env_data).verify("tfl_automation-secret").role == "admin"


def test_purge_deletes_old_records_only(env_data, capsys):
    from datetime import UTC, datetime, timedelta

    from tactful.records.models import SuggestionRecord
    from tactful.records.suggestions import SuggestionRepository

    db = Database(f"sqlite:///{env_data / 'tactful.db'}")
    from tactful.records.db import migrate

    migrate(db.engine)
    repo = SuggestionRepository(db)
    for sid, age in (("old", 400), ("new", 1)):
        repo.add(
            SuggestionRecord(
                id=sid,
                created_at=datetime.now(UTC) - timedelta(days=age),
                language_tag="en",
                culture_profile="en-US",
                drafter_kind="offline",
                prompt_version="p",
                model="m",
                degraded=False,
                stage="question",
                request={"messages": []},
                language={},
                culture={},
                sources=[],
                drafts=[],
                timings_ms={},
                redactions={},
                latency_ms=1.0,
            )
        )
    assert cli.main(["purge", "--days", "180"]) == 0
    assert "deleted 1" in capsys.readouterr().out
    assert repo.get("old") is None and repo.get("new") is not None


def test_token_rotate_replaces_the_secret(env_data, capsys):
    cli.main(["token", "create", "--role", "qa", "--label", "Rita"])
    old = capsys.readouterr().out.strip()
    old_id = _tokens(env_data).verify(old).id
    assert cli.main(["token", "rotate", str(old_id)]) == 0
    new = capsys.readouterr().out.strip()
    tokens = _tokens(env_data)
    assert tokens.verify(old) is None
    info = tokens.verify(new)
    assert info.role == "qa" and info.label == "Rita"


def test_export_then_import_round_trips(services, tmp_path, monkeypatch, capsys):
    from sqlalchemy import func, select

    from tactful.records.models import Base

    services.tokens.create("qa", "to be restored")
    source = services.settings.resolved_database_url
    monkeypatch.setenv("TACTFUL_DATABASE_URL", source)
    backup = tmp_path / "backup.jsonl"
    assert cli.main(["export", str(backup)]) == 0
    monkeypatch.setenv("TACTFUL_DATABASE_URL", f"sqlite:///{tmp_path / 'restored.db'}")
    assert cli.main(["import", str(backup)]) == 0
    assert cli.main(["import", str(backup)]) == 0  # a second import adds nothing and fails nothing
    restored = Database(f"sqlite:///{tmp_path / 'restored.db'}")

    def counts(db):
        with db.engine.connect() as c:
            return {
                t.name: c.execute(select(func.count()).select_from(t)).scalar()
                for t in Base.metadata.sorted_tables
            }

    assert counts(restored) == counts(services.db)
    assert [t.role for t in TokenRepository(restored).list()] == [t.role for t in services.tokens.list()]
