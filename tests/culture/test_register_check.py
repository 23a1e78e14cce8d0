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
