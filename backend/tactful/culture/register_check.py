"""Register of a text: formal, informal, or unknown, from the words that carry it in each language.

T/V languages are decided by pronouns, possessives and second-person verb forms; Japanese and Korean by
polite endings; Vietnamese by the respectful forms of address. Used twice: to flag a model draft that says
"du" where the profile says "Sie", and to see that a customer writes informally so a profile that allows it
can mirror them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Words, matched as whole words (case-sensitive where capitals matter: German "Sie", Italian "Lei").
_INFORMAL = {
    # Case-insensitive: "Du"/"Dein" open sentences and letters; only the formal "Sie" needs its capital.
    "de": r"(?i:\b(du|dich|dir|dein|deine|deinem|deinen|deiner|deines|kannst|hast|bist|willst|musst|möchtest|"
    r"solltest|würdest|wirst|darfst|weißt|brauchst|gibst|siehst|dürftest|könntest|hättest|wärst)\b)",
    "fr": r"\b(tu|te|toi|ton|ta|tes)\b|\bt'|\b(as|es|vas)\b|-(toi|moi)\b",
    "es": r"\b(tú|te|ti|tu|tus|contigo|puedes|tienes|quieres|necesitas|estás|eres|sabes|vas|haces|deseas|"
    r"prefieres|podrías|quisieras|debes|has|dime|mira|espera|avísame|llámanos|escríbenos|"
    # more tú verb forms that customer service uses
    r"dispones|entiendes|recibes|llamas|llames|puedas|quieras|tengas|necesites|hagas|proporciones|pagas|"
    r"ofreces|cobras|vienes|dices|crees|piensas|conoces|vives|usas|buscas|compras|prefieras|"
    r"necesitabas|querías|tenías|podías|estabas|ibas|pudieras|dijeras|tuvieras|fueras|"
    r"tendrías|deberías|harías|dirías|estarías|sabrías|querrías|necesitarías|gustaría[s]?\b(?<=s)|"
    r"dame|hazme|ponme|dímelo|dámelo|confírmame|continúa|ayúdame|envíame|llámame|espérame|cuéntame|"
    r"recuérdame|resérvala|resérvalo|"
    # vosotros (Spain's plural informal)
    r"vosotros|vosotras|os|vuestro|vuestra|vuestros|vuestras|dais|vais|sois|daros|ascenderos)\b|"
    r"\b\w{2,}(?:áis|éis|aís|asteis|isteis)\b|"  # estáis, tenéis, dijisteis
    r"\b(?!detrás\b|atrás\b)\w{3,}rás\b|"  # future: recibirás, tendrás
    r"\b(?!(?:aparte|suerte|muerte|fuerte|fuertes|deporte|deportes|parte|partes|arte|artes)\b)"
    r"\w+(?:ar|er|ir|ándo|iéndo)te(?:lo|la|los|las)?\b",  # enclitic te: ayudarte, enviártelo
    "it": r"(?i:\b(tu|ti|te|tuo|tua|tuoi|tue|puoi|hai|vuoi|devi|sai|fai|vai|potresti|vorresti|dovresti|dimmi|"
    r"scusa|dammi|fammi|chiamaci|chiamami|confermami|scrivimi|mandami|dicci|aspettami|ricordami|"
    # tu forms that are not also a Lei imperative or subjunctive ("mi lasci", "paghi") or a noun ("lavori")
    r"possiedi|fornisci|offri|metti|capisci|stai|dici|vedi|credi|conosci|preferisci|ricevi|chiedi|"
    r"riesci|intendi|scegli)\b|"
    r"\b\w{3,}rai\b|"  # future: riceverai, dovrai
    r"\b(?<!il )(?<!le )(?<!alle )(?<!dalle )(?<!delle )(?<!entro il )sei\b"  # "sei" the verb, not six
    r"(?!\s+(?:mesi|giorni|notti|anni|ore|euro|dollari|persone|camere|settimane|volte|a mezzogiorno))|"
    r"\b(?!(?:certi|aperti|esperti|coperti|scoperti|offerti|parti|arti|inerti|deserti|concerti|inserti)\b)"
    r"\w+(?:ar|er|ir)(?:ti|telo|tela)\b)",  # enclitic ti: aiutarti, ricordartelo
    "pt": r"\b(tu|te|ti|teu|tua|teus|tuas|contigo|podes|tens|queres|precisas|estás|és|sabes|vais|fazes|"
    r"deves|podias|poderias|diz-me|dá-me)\b|\b\w+-te\b",  # enclitic -te: ajudar-te
    "nl": r"\b(je|jij|jou|jouw|jullie)\b",
    "ru": r"(?i)(?<!\w)(ты|тебя|тебе|тобой|твой|твоя|твоё|твое|твои|твоего|твоей|твоим|можешь|хочешь|"
    r"знаешь|будешь|сможешь|скажи|подожди|посмотри)(?!\w)",
    "hi": r"(तुम|तुम्हारा|तुम्हारी|तुम्हारे|तुम्हें|तुमसे|तू|तेरा|तेरी|तेरे|तुझे)",
    "vi": r"(?i)\b(bạn|cậu|mày|bọn tôi|tụi mình)\b",
    # The singular "you" (gendered, and direct): pronouns and the common words with its suffix, never "ذلك"-like
    # words that merely end in ك. A written fatha / kasra on the suffix is allowed.
    "ar": r"(?<!\w)(أنتَ|أنتِ|أنت|انت|إنت|لك|عليك|منك|إليك|اليك|معك|بك|عندك|طلبك|حسابك|يمكنك|بإمكانك|نشكرك|ننصحك|إعلامك|نعلمك)[\u064E\u0650]?(?![\w\u064B-\u0652])",
    # Intimate or rude "you" that a shop never writes (แก is left out: it starts แก้ว, แก้ไข and many more words).
    "th": r"(เธอ|มึง)",
}
_FORMAL = {
    "de": r"(?<![.!?]\s)(?<!^)\b(Sie|Ihnen|Ihr|Ihre|Ihrem|Ihren|Ihrer|Ihres)\b",
    "fr": r"\b(vous|votre|vos)\b",
    "es": r"\b(usted|ustedes)\b",
    "it": r"(?<!^)\b(Lei|La|Le|Suo|Sua|Suoi|Sue)\b",
    "pt": r"\b(você|vocês|o senhor|a senhora|lhe)\b",
    "nl": r"\b(u|uw)\b",
    "ru": r"(?i)(?<!\w)(вы|вас|вам|вами|ваш|ваша|ваше|ваши|вашего|вашей|вашим)(?!\w)",
    "hi": r"(आप|आपका|आपकी|आपके|आपको|आपसे|कीजिए|दीजिए|करें)",
    "vi": r"(?i)(quý khách|quý vị|quy vị|anh chị|ông bà|\bạ\b|vui lòng|xin)",
    # The plural of respect (أنتم, the suffix كم) and the Egyptian / Levantine polite حضرتك.
    "ar": r"(?<!\w)(أنتم|حضرتك|حضرتكم|\w+كم)(?!\w)",
    "th": r"(คุณ|ท่าน|กรุณา|รบกวน|ขออภัย)",
    # Polite (desu/masu, keigo) endings; plain forms are informal.
    "ja": r"(です|ます|ました|ません|ましょう|ください|でしょう|ございます|いたします|おります|いただ|下さい)",
    # 해요체 / 합쇼체 endings.
    "ko": r"(요[.?!…\s]|요$|니다|니까|세요|십시오|시겠)",
}
# Brazilian Portuguese addresses customers as "você" (with "te", "seu"); the formal address is "o senhor" /
# "a senhora". European Portuguese, like the tables above, reads "você" as formal and "tu" as informal.
_REGIONAL = {
    "pt-BR": (
        r"\b(você|vocês|te|ti|tu|teu|tua|teus|tuas|contigo|pra você)\b|\b\w+-te\b",
        r"\b(o senhor|a senhora|os senhores|as senhoras|do senhor|da senhora|ao senhor|à senhora)\b",
    ),
}
# Plural "you" addresses the company as a group ("¿podéis...?", "你们"): it says nothing of how the customer
# wants to be addressed, so reading the customer's own register leaves it out.
_PLURAL_YOU = {
    "es": r"\b(vosotros|vosotras|os|vuestro|vuestra|vuestros|vuestras|dais|vais|sois|daros)\b|"
    r"\b\w{2,}(?:áis|éis|aís|asteis|isteis)\b",
}
# Where a language marks only politeness, its absence is informal; in T/V languages (often pro-drop, so the
# pronoun is missing), a text without any informal form reads as formal.
_ABSENCE_IS_INFORMAL = {"ja", "ko"}
_ABSENCE_IS_FORMAL = {"de", "fr", "es", "it", "pt", "nl", "ru", "hi", "vi", "ar", "th"}


@dataclass(frozen=True)
class RegisterReading:
    register: str  # formal | informal | unknown
    cue: str | None


def _region_tag(language: str) -> str:
    parts = language.replace("_", "-").split("-")
    return f"{parts[0].lower()}-{parts[1].upper()}" if len(parts) > 1 else parts[0].lower()


def address_variety(language_tag: str, profile_locale: str) -> str:
    """The variety whose address rules a draft follows: the profile's when it writes the customer's language
    (a pt-PT customer drafted with the pt-BR profile gets Brazilian "você"), else the customer's tag."""
    same = profile_locale.split("-")[0].lower() == language_tag.split("-")[0].lower()
    return profile_locale if same else language_tag


def read_register(text: str, language: str, singular_only: bool = False) -> RegisterReading:
    """`singular_only` leaves out plural "you" (the customer writing to the company as a group)."""
    lang = language.split("-")[0].lower()
    informal, formal = _REGIONAL.get(_region_tag(language), (_INFORMAL.get(lang), _FORMAL.get(lang)))
    if singular_only and lang in _PLURAL_YOU:
        text = re.sub(_PLURAL_YOU[lang], " ", text, flags=re.IGNORECASE)
    if informal:
        m = re.search(
            informal, text if lang in ("de", "it") else text.lower() if lang not in ("ru", "vi") else text
        )
        if m:
            return RegisterReading("informal", m.group(0))
    if formal:
        m = re.search(
            formal, text if lang in ("de", "it", "ru", "vi", "ja", "ko", "hi", "ar", "th") else text.lower()
        )
        if m:
            return RegisterReading("formal", m.group(0))
        if lang in _ABSENCE_IS_INFORMAL and text.strip():
            return RegisterReading("informal", None)
        if lang in _ABSENCE_IS_FORMAL and len(text.split()) >= 3:
            return RegisterReading("formal", None)
    return RegisterReading("unknown", None)
