"""What the customer's latest turn does besides asking: closing the conversation, asking for a person, or
giving what an agent would otherwise ask for (an order number, an email address, a photo).

A closing is a short message after the agent has answered, made only of thanks, agreement and goodbyes
("ok thx", "danke", "c'est bon", "谢谢", "네 감사합니다"). Answering it again with the old answer (and an apology)
is what agents notice first; a closing gets a short close instead. A question mark, a number, a "but" or a
problem word means the customer is not done.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from . import cues

# Thanks and goodbyes: with one of these, a few other words may remain ("ya lo encontré, muchas gracias").
THANKS = {
    "en": "thank you|thanks|thank u|thx|ty|cheers|appreciate it|much appreciated|that's all|that is all|bye|goodbye|"
    "have a nice day|have a good day|have a great day",
    "de": "danke|vielen dank|danke schön|dankeschön|besten dank|herzlichen dank|tschüss|schönen tag|"
    "schönes wochenende|auf wiedersehen|das war's|das wars",
    "fr": "merci|merci beaucoup|merci bien|bonne journée|bonne soirée|au revoir|c'est tout",
    "es": "gracias|muchas gracias|mil gracias|hasta luego|adiós|buen día|un saludo|saludos",
    "pt": "obrigado|obrigada|valeu|muito obrigado|muito obrigada|tchau|até mais",
    "it": "grazie|grazie mille|arrivederci|buona giornata",
    "nl": "bedankt|dank je|dank je wel|dankjewel|dank u|dank u wel|fijne dag|doei|tot ziens",
    "pl": "dziękuję|dziękuje|dzięki|do widzenia|miłego dnia",
    "tr": "teşekkürler|teşekkür ederim|sağ olun|sağolun|iyi günler",
    "ru": "спасибо|благодарю|до свидания|всего доброго",
    "sv": "tack|tack så mycket|tusen tack|ha det bra|hej då",
    "da": "tak|mange tak|tusind tak|hav en god dag",
    "cs": "děkuji|děkuju|díky|nashledanou",
    "vi": "cảm ơn|cám ơn|cảm ơn bạn|cảm ơn nhiều|tạm biệt",
    "ar": "شكرا|شكراً|شكرا جزيلا|مشكور|مع السلامة",
    "hi": "धन्यवाद|शुक्रिया|थैंक्स|shukriya|dhanyavaad|dhanyawad",
    "th": "ขอบคุณ|ขอบใจ",
    "id": "terima kasih|makasih|trims|thanks ya",
    "tl": "salamat|salamat po",
    "ja": "ありがとう|ありがとうございます|ありがとうございました|助かりました|助かります|感謝します|失礼します",
    "ko": "감사합니다|고맙습니다|감사해요|고마워요|수고하세요",
    "zh": "谢谢|謝謝|多谢|多謝|感谢|感謝|再见|再見|拜拜",
}
# Agreement: alone (with at most one other word) it closes an answered conversation.
AGREEMENT = {
    "en": "ok|okay|k|kk|alright|all right|got it|great|perfect|brilliant|awesome|cool|sounds good|makes sense|"
    "that makes sense|fine|understood|noted|will do|it worked|worked|that worked|done|sorted|all good|"
    "no worries|found it|ah|oh|yes|yeah|super|nice|good",
    "de": "ok|okay|alles klar|super|perfekt|prima|passt|gut|verstanden|top|geklappt|hat geklappt|erledigt|"
    "in ordnung|alles gut|ja|ah|achso|toll",
    "fr": "ok|d'accord|daccord|parfait|super|top|c bon|c'est bon|ça marche|ca marche|entendu|compris|génial|"
    "très bien|nickel|oui|ah",
    "es": "ok|vale|perfecto|genial|entendido|de acuerdo|listo|ya está|lo encontré|ya|sí|si|ah|bien",
    "pt": "ok|beleza|perfeito|certo|entendi|tá bom|ta bom|combinado|show|resolvido|deu certo|sim|ah",
    "it": "ok|perfetto|va bene|d'accordo|capito|ottimo|fatto|risolto|sì|ah",
    "nl": "ok|oké|top|prima|duidelijk|helder|super|gelukt|in orde|ja",
    "pl": "ok|dobrze|jasne|super|rozumiem|wszystko jasne|świetnie|tak",
    "tr": "tamam|anladım|süper|harika|oldu|evet",
    "ru": "ок|хорошо|понял|поняла|понятно|отлично|ясно|ладно|да",
    "sv": "ok|okej|perfekt|bra|toppen|super|förstår|ja",
    "da": "ok|okay|perfekt|fint|super|forstået|ja",
    "cs": "ok|dobře|jasně|super|rozumím|ano",
    "vi": "ok|vâng|dạ|được rồi|hiểu rồi|tốt quá|nhiều",
    "ar": "تمام|حسنا|حسناً|ممتاز|فهمت|طيب|جزيلا",
    "hi": "ठीक है|अच्छा|समझ गया|समझ गई|बढ़िया|theek hai|thik hai|accha|acha|samajh gaya",
    "th": "โอเค|ได้เลย|เข้าใจแล้ว|ครับ|ค่ะ|คะ",
    "id": "oke|ok|baik|siap|sip|mengerti|paham|ya|banyak",
    "tl": "sige|okay|ok|ayos|po",
    "ja": "わかりました|分かりました|了解しました|了解です|了解|承知しました|大丈夫です|できました|解決しました|はい",
    "ko": "네|알겠습니다|알겠어요|확인했습니다|됐어요|해결됐어요|좋아요|넵",
    "zh": "好的|明白了|知道了|了解|没问题|沒問題|可以了|解决了|解決了|好|行",
}
# Words that keep the conversation open even next to thanks: a new request or a "but".
_OPENERS = re.compile(
    r"\b(but|also|another|and|however|aber|und|noch eine|mais|aussi|autre|pero|también|otra|mas|"
    r"também|outra|però|anche|altra|maar|ook|ale|też|ama|но|ещё|men|också)\b|但是|可是|还有|還有|"
    r"另外|でも|それと|あと|하지만|그런데|근데|그리고",
    re.IGNORECASE,
)
_FILLER = re.compile(
    r"\b(so much|very much|a lot|for your help|for the help|for that|again|you|for|your|help|"
    r"noch|für ihre hilfe|ihnen|dir|sehr|pour votre aide|pour|beaucoup|encore|por su ayuda|por|"
    r"muito|tanto|per l'aiuto|per|wel|bardzo|çok|очень|så|po)\b",
    re.IGNORECASE,
)
_HANDOFF = re.compile(
    r"\b(real|actual|live) (person|human|agent)\b|\b(?:a|to) human\b|\bhuman (?:agent|being|person)\b|\bspeak (?:to|with) (?:a|an|someone|"
    r"somebody|your)\b|\btalk (?:to|with) (?:a|an|someone|somebody) ?(?:person|human|agent|manager|supervisor|"
    r"representative)?\b|\bput me through\b|\boperator\b|\bnot (?:a|the) bot\b|\bmanager\b|\bsupervisor\b|"
    r"mit einem (?:mitarbeiter|menschen)|mit einer (?:mitarbeiterin|person)|echten? (?:person|menschen)|kein(?:en)? bot|"
    r"nicht mit einem bot|conseill(?:er|ère)|humain|vraie personne|parler à quelqu'un|pas (?:un|à un) robot|"
    r"hablar con (?:una persona|alguien|un agente|un humano|un asesor|el encargado|un supervisor)|persona real|"
    r"falar com (?:uma pessoa|alguém|um atendente|um humano)|atendente humano|pessoa real|"
    r"parlare con (?:una persona|qualcuno|un operatore)|operatore umano|persona reale|"
    r"担当者|オペレーター|有人|人間|人と話|상담원|상담사|사람(?:이랑|과) (?:대화|통화|이야기)|직원 연결|"
    r"人工|真人|客服人员|客服人員|medewerker spreken|echt(?:e)? persoon|оператор|живым|живой человек|с человеком|"
    r"konsultant|z człowiekiem|müşteri temsilcisi|gerçek bir kişi|موظف|شخص حقيقي|इंसान से|agent se baat|"
    r"nhân viên tư vấn|người thật|คุยกับคน|คุยกับพนักงาน|dengan (?:orang|petugas|agen|cs)\b|"
    r"(?:prata|tala) med en (?:människa|person|handläggare)|riktig person",
    re.IGNORECASE,
)
_ORDER_NUMBER = re.compile(r"\d{5,}|\[ORDER[A-Z_]*_\d+\]|#\s?\d{3,}")
_EMAIL = re.compile(r"\[EMAIL_\d+\]|\S@\S")
_PHOTO = re.compile(
    r"\b(photos?|pictures?|pics?|images?|screenshots?|attached|attachment|fotos?|bild(?:er)?|"
    r"imagen(?:es)?|immagin[ei]|zdjęci[ae]|resim|fotoğraf|ảnh|gambar|bilder)\b|写真|画像|照片|图片|圖片|"
    r"사진|фото|صور|तस्वीर|รูป",
    re.IGNORECASE,
)


def _unspaced(ch: str) -> bool:
    """Scripts written without spaces between words: Thai, kana, Han, Hangul."""
    return "\u0e00" <= ch <= "\u0e7f" or ch >= "\u2e80"


def _alternation(table: dict[str, str]) -> re.Pattern[str]:
    """One pattern for every cue; cues in spaced scripts match whole words only ("ok" is not in "book")."""
    words = sorted({w for v in table.values() for w in v.split("|")}, key=len, reverse=True)
    spaced = [re.escape(w) for w in words if not any(_unspaced(c) for c in w)]
    unspaced = [re.escape(w) for w in words if any(_unspaced(c) for c in w)]
    return re.compile(rf"(?<!\w)(?:{'|'.join(spaced)})(?!\w)|" + "|".join(unspaced), re.IGNORECASE)


_THANKS = _alternation(THANKS)
_AGREEMENT = _alternation(AGREEMENT)
# The agent's last turn put the customer on hold ("let me check"): their "ok thanks" waits for the answer.
_HOLDING = re.compile(
    r"\b(let me (?:check|look|see|find)|i(?:'ll| will) (?:check|look into|find out|get back)|one moment|bear with me|"
    r"looking into|checking (?:this|that|now)|schaue? (?:ich|mir)|sehe? (?:ich )?(?:mir )?(?:das )?(?:gleich )?nach|"
    r"prüfe ich|einen moment|je (?:vérifie|regarde)|un (?:instant|moment)|je me renseigne|lo (?:reviso|compruebo|verifico)|"
    r"un momento|déjame (?:revisar|ver)|permíta?me (?:revisar|verificar)|vou verificar|um momento|só um instante|"
    r"controllo subito|verifico subito|attenda)\b|確認(?:いた)?します|確認いたしますので|少々お待ち|お調べします|"
    r"확인해 ?(?:보겠|드리겠)|잠시만|查一下|请稍等|請稍等|稍等|核实一下|核實一下",
    re.IGNORECASE,
)


def _content_left(text: str) -> int:
    """How much is left once thanks, agreement and filler are taken out: words, or characters in scripts
    without spaces."""
    rest = _FILLER.sub(" ", _AGREEMENT.sub(" ", _THANKS.sub(" ", text)))
    unspaced = sum(1 for ch in rest if _unspaced(ch) and unicodedata.category(ch)[0] == "L")
    words = [w for w in re.split(r"[\s\W]+", "".join(ch for ch in rest if not _unspaced(ch))) if w]
    return len(words) + unspaced


def closing_cue(messages: Sequence[tuple[str, str]], language: str) -> str | None:
    """The thanks or agreement that closes an answered conversation, or None when the customer is not done."""
    if len(messages) < 2 or messages[-1][0] != "customer" or not any(r == "agent" for r, _ in messages[:-1]):
        return None
    last_agent = next(t for r, t in reversed(messages[:-1]) if r == "agent")
    if _HOLDING.search(last_agent):
        return None
    return acknowledgement(messages[-1][1], language)


def acknowledgement(text: str, language: str) -> str | None:
    """The thanks or agreement ("ok danke", "谢谢") when that is all the message says, else None."""
    text = text.strip()
    if not text or "?" in text or "？" in text or any(ch.isdigit() for ch in text) or _OPENERS.search(text):
        return None
    if cues.find_cue(cues.PROBLEM, language, text) or cues.find_cue(cues.ANGER, language, text):
        return None
    thanks, agreement = _THANKS.search(text), _AGREEMENT.search(text)
    found = thanks or agreement
    if not found:
        return None
    return found.group(0) if _content_left(text) <= (4 if thanks else 1) else None


# Greetings in the languages Tactful reads: a message of only these says hello; at the start of a longer message
# they say nothing about what the customer wants (and a long formula such as "السلام عليكم" pulls its meaning away).
GREETINGS = (
    r"hi|hello|hey|hallo|guten (?:tag|morgen|abend)|bonjour|salut|hola|buenos días|buenas tardes|olá|oi|ciao|"
    r"buongiorno|salve|hoi|dag|cześć|dzień dobry|merhaba|здравствуйте|привет|hej|xin chào|chào|halo|"
    r"こんにちは|안녕하세요|你好|您好|مرحبا|مرحباً|أهلا|أهلاً|السلام عليكم(?: ورحمة الله(?: وبركاته)?)?|नमस्ते|"
    r"สวัสดี(?:ครับ|ค่ะ|คะ)?"
)
_GREETING_ONLY = re.compile(rf"^\W*(?:{GREETINGS})\W*$", re.IGNORECASE)
_LEADING_GREETING = re.compile(rf"^\W*(?:{GREETINGS})(?:[\s,،.!:;]+)(?=\S)", re.IGNORECASE)


def is_greeting(text: str) -> bool:
    """The message only says hello."""
    return bool(_GREETING_ONLY.match(text.strip()))


def without_greeting(text: str) -> str:
    """The message without a hello in front ("السلام عليكم، وصل الطلب مكسوراً" -> "وصل الطلب مكسوراً")."""
    rest = _LEADING_GREETING.sub("", text.strip(), count=1)
    return rest if rest.strip() else text


def what_was_asked(customer_texts: Sequence[str], language: str) -> list[str]:
    """The customer's messages up to the last one that says something (a trailing "ok thanks" asks nothing),
    each without a hello in front."""
    texts = [t for t in customer_texts if t.strip()]
    while len(texts) > 1 and acknowledgement(texts[-1], language):
        texts.pop()
    return [without_greeting(t) for t in texts]


def person_request(text: str) -> str | None:
    """The words asking for a person rather than an answer ("a real person", "人工", "상담원"), or None."""
    m = _HANDOFF.search(text)
    return m.group(0) if m else None


def facts_given(customer_texts: Sequence[str]) -> set[str]:
    """What the customer already gave that a draft would otherwise ask for: order, email, photo."""
    text = "\n".join(customer_texts)
    found = set()
    if _ORDER_NUMBER.search(text):
        found.add("order")
    if _EMAIL.search(text):
        found.add("email")
    if _PHOTO.search(text):
        found.add("photo")
    return found
