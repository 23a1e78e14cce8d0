"""Conventions the project keeps: every setting documented, the two commands on top of the README."""

from __future__ import annotations

from pydantic import BaseModel

from tactful.settings import Settings

from .conftest import ROOT


def _env_names(model: type[BaseModel], prefix: str = "TACTFUL_") -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        ann = field.annotation
        if isinstance(ann, type) and issubclass(ann, BaseModel):
            names += _env_names(ann, f"{prefix}{name.upper()}__")
        else:
            names.append(prefix + name.upper())
    return names


def test_every_setting_is_documented_in_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [n for n in _env_names(Settings) if f"`{n}`" not in readme]
    assert not missing, f"document these in README.md: {missing}"


def test_readme_starts_with_the_two_commands():
    head = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:20])
    assert "scripts/run" in head and "scripts/test" in head


def test_ci_runs_exactly_the_test_command():
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()
