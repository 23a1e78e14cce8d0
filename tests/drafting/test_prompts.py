"""Prompt templates: every file in prompts/ parses and renders; mistakes are named."""

from __future__ import annotations

import pytest

from tactful.library.prompts import PromptError, load_prompt, parse_prompt

from ..conftest import ROOT

PROMPTS = sorted((ROOT / "prompts").glob("*.md"))


@pytest.mark.parametrize("path", PROMPTS, ids=[p.stem for p in PROMPTS])
def test_every_prompt_renders(path):
    template = load_prompt(path.parent, path.stem)
    messages = template.render({name: f"<{name}>" for name in template.params})
    assert [m["role"] for m in messages] == ["system", "user"]
    assert "$" not in "".join(m["content"] for m in messages).replace("$$", "")


def test_missing_variable_is_named():
    template = load_prompt(ROOT / "prompts", "draft_reply")
    values = {name: "x" for name in template.params if name != "sources"}
    with pytest.raises(PromptError, match="missing variable.*sources"):
        template.render(values)


def test_unknown_key_is_rejected():
    template = load_prompt(ROOT / "prompts", "draft_reply")
    values = {name: "x" for name in template.params} | {"secret_sauce": "y"}
    with pytest.raises(PromptError, match="unknown parameter.*secret_sauce"):
        template.render(values)


def test_undeclared_variable_in_template_is_rejected():
    text = "---\nid: t\nversion: 1\nparams: {a: one}\n---\n## system\n$a and $b\n## user\nhi\n"
    with pytest.raises(PromptError, match="undeclared variable.*b"):
        parse_prompt(text, "t.md")


def test_template_never_executes_code():
    text = "---\nid: t\nversion: 1\nparams: {a: one}\n---\n## system\n$a\n## user\n{{ 7*7 }}\n"
    messages = parse_prompt(text, "t.md").render({"a": "${__import__('os')}"})
    assert messages[0]["content"] == "${__import__('os')}" and messages[1]["content"] == "{{ 7*7 }}"
