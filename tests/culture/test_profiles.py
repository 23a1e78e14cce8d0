"""Culture profiles: every seed file is valid, lookups fall back sensibly, errors name file and field."""

from __future__ import annotations

import pytest
import yaml

from tactful.culture.profiles import CultureRegistry
from tactful.culture.register import decide_register
from tactful.errors import InvalidRequest
from tactful.library.content import content_from_files
from tactful.library.validation import validate

from ..conftest import ROOT

REQUIRED = [
    "de-DE",
    "fr-FR",
    "es-ES",
    "es-MX",
    "pt-BR",
    "it-IT",
    "ja-JP",
    "ko-KR",
    "zh-CN",
    "zh-TW",
    "en-US",
    "en-GB",
    "default",
]


@pytest.fixture(scope="module")
def registry() -> CultureRegistry:
    return content_from_files(ROOT / "kb_seed", ROOT / "prompts").cultures


def test_every_required_locale_has_a_profile(registry):
    assert {p.locale for p in registry.all()} >= set(REQUIRED)


@pytest.mark.parametrize(
    ("tag", "country", "expected"),
    [
        ("de-AT", None, "de-DE"),
        ("es", "MX", "es-MX"),
        ("zh-Hant", None, "zh-TW"),
        ("zh-Hans", None, "zh-CN"),
        ("da", None, "default"),
        ("sv", None, "sv-SE"),
        ("pt", None, "pt-BR"),
        ("ja", None, "ja-JP"),
    ],
)
def test_pick_falls_back_by_region_then_language(registry, tag, country, expected):
    assert registry.pick(tag, country).locale == expected


def test_german_customer_using_du_gets_informal(registry):
    profile = registry.pick("de-DE")
    assert decide_register(profile, ["Kannst du mir helfen?"]).register == "informal"
    assert decide_register(profile, ["Können Sie mir helfen?"]).register == "formal"
    assert decide_register(profile, ["Ich bin dumm"]).register == "formal"  # 'du' only as a whole word


def test_french_stays_vous_even_if_customer_says_tu(registry):
    assert decide_register(registry.pick("fr-FR"), ["tu peux m'aider ?"]).register == "formal"


def test_bad_profile_names_file_and_field(tmp_path):
    bad = tmp_path / "xx-XX.yaml"
    bad.write_text(
        "locale: xx-XX\nname: X\nlanguage: xx\naddress: {formal: Sie}\ngreetings: [Hi]\n"
        "closings: [Bye]\napology_strength: enormous\ndate_format: D\nnumber_format: N\nnotes: [n]\n"
    )
    with pytest.raises(InvalidRequest, match=r"xx-XX.yaml: field 'apology_strength'"):
        validate("culture", yaml.safe_load(bad.read_text()), bad.name)


def test_profile_with_unknown_field_is_rejected(tmp_path):
    bad = tmp_path / "yy.yaml"
    bad.write_text(
        "locale: default\nname: X\nlanguage: en\naddress: {formal: you}\ngreetings: [Hi]\n"
        "closings: [Bye]\ndate_format: D\nnumber_format: N\nnotes: [n]\ncolour: blue\n"
    )
    with pytest.raises(InvalidRequest, match="colour"):
        validate("culture", yaml.safe_load(bad.read_text()), bad.name)
