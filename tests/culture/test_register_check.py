"""Reading the form of address in the variety a draft is written in."""

from tactful.culture.register_check import address_variety, read_register


def test_brazilian_voce_is_the_informal_address_under_the_brazilian_profile():
    text = "Você pode devolver itens sem uso em até 30 dias."
    # A pt-PT customer has no profile of their own and is drafted with pt-BR: "você" follows Brazilian rules there.
    variety = address_variety("pt-PT", "pt-BR")
    assert variety == "pt-BR"
    assert read_register(text, variety).register == "informal"
    # Read by European rules the same sentence is formal, which would flag every Brazilian draft as mixed.
    assert read_register(text, "pt-PT").register == "formal"


def test_a_profile_in_another_language_leaves_the_customers_variety():
    assert address_variety("nl-NL", "default") == "nl-NL"
    assert address_variety("de-AT", "en-GB") == "de-AT"
    assert address_variety("de-AT", "de-DE") == "de-DE"


def test_arabic_singular_you_is_read_as_direct_address_and_the_plural_of_respect_as_formal():
    # A model draft that says أنت / لك to a customer the ar-SA profile addresses with the plural of respect.
    assert read_register("أنت محق، سنرسل لك منتجاً جديداً غداً.", "ar").cue == "أنت"
    assert read_register("يمكنك إرجاع المنتج خلال 30 يوماً.", "ar").register == "informal"
    assert read_register("سنرسل لكم منتجاً جديداً غداً.", "ar") == read_register(
        "سنرسل لكم منتجاً جديداً غداً.", "ar-SA"
    )
    assert read_register("سنرسل لكم منتجاً جديداً غداً.", "ar").register == "formal"
    # Words that merely end in ك ("ذلك", "هناك") are not the suffix of "you".
    assert read_register("ذلك هو الحل الوحيد هناك", "ar").register == "formal"


def test_thai_intimate_you_is_informal_and_polite_words_formal():
    assert read_register("เธอรอหน่อยนะ เดี๋ยวส่งของให้", "th").register == "informal"
    assert read_register("กรุณารอสักครู่ ทางเราจะจัดส่งให้", "th").register == "formal"
    assert read_register("แก้วแตก", "th").register != "informal"  # แก้ว (glass) is not แก (you)


def test_every_arabic_and_thai_phrase_and_answer_reads_formal_or_neutral():

    from tactful.library.content import content_from_files
    from tactful.settings import Settings

    settings = Settings(_env_file=None)
    library = content_from_files(settings.seed_dir, settings.prompts_dir).library
    for lang in ("ar", "th"):
        texts = [p.text for p in library.phrases if p.language == lang]
        texts += [a.summary[lang] for a in library.articles.values()]
        assert len(texts) == 44 + 28
        assert [t for t in texts if read_register(t, lang).register == "informal"] == []
