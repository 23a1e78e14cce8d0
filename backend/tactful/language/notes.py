"""What the panel tells the agent about the customer's language when it is not plainly one language."""

from __future__ import annotations

_WRITTEN_AS = {
    "ja-Latn": "Japanese in Latin letters (romaji)",
    "zh-Latn": "Chinese in pinyin",
    "hi-Latn": "Hindi in Latin letters mixed with English (Hinglish)",
    "tl": "Tagalog mixed with English (Taglish)",
}


def romanised_note(form: str, drafting_language: str) -> str:
    """`form` as `romanised.Romanised.form`; `drafting_language` the phrasing language the drafts use."""
    written = _WRITTEN_AS.get(form, form)
    if drafting_language == "en":
        return f"The customer writes {written}: drafts are in English, which such customers usually read."
    return (
        f"The customer writes {written}: drafts are in the language's own script ({drafting_language}); "
        "if the customer cannot read it, set the language to English."
    )
