"""Per-language wording that signals how a customer feels and how urgent their message is.

Cues are lower-case substrings (no word splitting: ja/zh/ko have no spaces). Each list was written for chat
text, including the indirect forms a polite culture uses for anger ("困っております", "納得できません").
The intent of a message adds what the lists miss: a problem intent (damaged item, late parcel) reads as negative.
"""

from __future__ import annotations

import re

# Word tables: one language per line group, kept compact on purpose.
# fmt: off
# Something went wrong (the customer reports a problem, not necessarily angrily).
PROBLEM = {
    "en": ["not arrived", "never arrived", "hasn't arrived", "still waiting", "still haven't", "broken", "damaged",
           "wrong item", "charged twice", "missing", "doesn't work", "not working", "stopped working", "declined",
           "never received", "didn't receive", "haven't received", "lost", "cracked", "shattered", "scratched", "dented",
           "leaking", "leaked", "defective", "faulty", "torn", "smashed", "still hasn't", "still not", "hasn't shipped", "not shipped", "yet to receive", "incomplete"],
    "de": ["nicht angekommen", "immer noch nicht", "kaputt", "beschädigt", "falsch", "doppelt", "fehlt",
           "funktioniert nicht", "abgelehnt", "nicht erhalten", "nie erhalten", "verloren", "riss", "zerbrochen",
           "zerkratzt", "defekt", "undicht", "ausgelaufen", "verbeult", "noch nicht", "unvollständig", "fehlen", "gesprungen", "zerkratzt"],
    "fr": ["pas reçu", "toujours pas", "cassé", "endommagé", "abîmé", "deux fois", "manquant", "manque",
           "ne marche pas", "ne fonctionne pas", "refusé", "perdu", "fissuré", "rayé", "défectueux", "brisé", "pas encore", "ne chauffe plus", "plus rien", "incomplet"],
    "es": ["no ha llegado", "no llegó", "todavía no", "roto", "dañado", "dos veces", "falta", "no funciona",
           "rechaza", "no he recibido", "perdido", "agrietado", "rayado", "defectuoso", "roto", "aún no", "aplastado", "rota", "bloqueada", "bloqueado", "no puedo"],
    "pt": ["não chegou", "ainda não", "quebrado", "danificado", "duas vezes", "faltando", "falta", "não funciona",
           "recusado", "não recebi", "perdido", "rachado", "riscado", "defeito", "errado", "errada", "não consigo", "bloqueado"],
    "it": ["non è arrivato", "non ho ricevuto", "ancora non", "rotto", "danneggiato", "due volte", "manca",
           "non funziona", "rifiutato", "perso", "crepato", "graffiato", "difettoso"],
    "nl": ["niet aangekomen", "nog steeds niet", "kapot", "beschadigd", "twee keer", "ontbreekt", "werkt niet",
           "niet ontvangen"],
    "ja": ["届かない", "届いていない", "届きません", "届いていません", "届いておりません", "壊れ", "破損", "不良",
           "不具合", "二重", "足りない", "入っていません", "動かな", "使えません", "できません", "できておりません", "できていません", "届いておらず", "違う", "割れ"],
    "ko": ["안 왔", "오지 않", "도착하지 않", "고장", "파손", "불량", "두 번", "빠져", "작동하지 않", "안 돼"],
    "zh": ["没收到", "沒收到", "还没到", "還沒到", "坏了", "壞了", "破损", "破損", "两次", "兩次", "少了", "用不了",
           "失败", "失敗", "还没", "還沒", "碎了", "发错", "發錯", "错了", "錯了"],
    "ru": ["не пришл", "не получил", "до сих пор", "сломан", "поврежд", "дважды", "не хватает", "не работает"],
}

# Anger or strong frustration, direct or polite.
ANGER = {
    "en": ["unacceptable", "ridiculous", "furious", "worst", "scam", "a joke", "fed up", "terrible", "disgusting",
           "outrageous", "useless", "sick of", "pathetic", "angry", "appalling", "awful", "what the hell", "wtf",
           "never again", "so disappointed", "incompetent", "disgrace", "shameful"],
    "de": ["unverschämt", "frechheit", "unmöglich", "sauer", "katastrophe", "lächerlich", "betrug", "eine zumutung",
           "unzumutbar", "reicht mir", "verärgert", "enttäuscht", "schlecht", "nie wieder", "inakzeptabel"],
    "fr": ["inadmissible", "scandaleux", "honteux", "ridicule", "arnaque", "marre", "furieux", "inacceptable",
           "nul", "déçu", "déplorable", "n'importe quoi", "plus jamais", "lamentable"],
    "es": ["inaceptable", "vergüenza", "indignante", "estafa", "harto", "harta", "ridículo", "pésimo", "fatal",
           "furioso", "decepcionado", "decepcionada", "nunca más", "una broma", "lamentable"],
    "pt": ["absurdo", "inaceitável", "vergonha", "ridículo", "golpe", "palhaçada", "péssimo", "cansado de",
           "farto", "furioso", "decepcionado", "revoltado", "nunca mais", "descaso"],
    "it": ["inaccettabile", "vergogna", "assurdo", "ridicolo", "truffa", "stufo", "stufa", "pessimo", "furioso",
           "deluso", "delusa", "mai più", "vergognoso"],
    "nl": ["belachelijk", "schandalig", "onacceptabel", "oplichting", "boos", "teleurgesteld", "waardeloos",
           "nooit meer"],
    "ja": ["ひどい", "酷い", "最悪", "ふざけ", "いい加減", "納得できません", "納得がいきません", "困っております",
           "困っています", "残念です", "信じられない", "不誠実", "怒", "呆れ", "あきれ", "二度と", "遺憾"],
    "ko": ["최악", "화가", "화나", "어이없", "실망", "짜증", "사기", "말이 됩니까", "황당", "다시는"],
    "zh": ["太差", "垃圾", "骗子", "气死", "失望", "不能接受", "无法接受", "什么破", "太过分", "过分", "离谱",
           "坑人", "再也不"],
    "ru": ["безобразие", "возмутительно", "ужасно", "обман", "надоело", "разочарован", "кошмар", "отвратительн"],
}

POSITIVE = {
    "en": ["thank you", "thanks", "great", "perfect", "awesome", "brilliant", "appreciate", "wonderful",
           "that helps", "excellent", "love it", "cheers", "satisfied", "happy with", "great service", "well done"],
    "de": ["danke", "vielen dank", "super", "perfekt", "toll", "prima", "klasse", "hervorragend", "sehr nett", "zufrieden", "danke schön", "geklappt"],
    "fr": ["merci", "parfait", "génial", "super", "excellent", "top", "très gentil", "satisfait", "satisfaite", "bravo"],
    "es": ["gracias", "genial", "perfecto", "estupendo", "excelente", "muy amable", "maravilla", "satisfecho", "satisfecha", "muchas gracias"],
    "pt": ["obrigado", "obrigada", "perfeito", "ótimo", "excelente", "maravilha", "muito gentil", "satisfeito", "satisfeita", "parabéns"],
    "it": ["grazie", "perfetto", "ottimo", "fantastico", "eccellente", "gentilissimo"],
    "nl": ["bedankt", "dank je", "dank u", "perfect", "geweldig", "top"],
    "ja": ["ありがとう", "助かりました", "助かります", "感謝", "素晴らしい", "嬉しい", "うれしい", "満足", "また利用"],
    "ko": ["감사", "고맙", "좋아요", "완벽", "최고"],
    "zh": ["谢谢", "謝謝", "太好了", "感谢", "感謝", "完美", "很棒", "满意", "滿意", "点赞", "點讚", "很好"],
    "ru": ["спасибо", "отлично", "прекрасно", "благодарю"],
}

# The customer says it is urgent.
URGENT = {
    "en": ["urgent", "asap", "as soon as possible", "immediately", "right now", "right away", "emergency", "hurry"],
    "de": ["dringend", "sofort", "umgehend", "eilig", "so schnell wie möglich", "notfall"],
    "fr": ["urgent", "immédiatement", "tout de suite", "au plus vite", "dès que possible"],
    "es": ["urgente", "ya mismo", "inmediatamente", "cuanto antes", "lo antes posible"],
    "pt": ["urgente", "imediatamente", "agora mesmo", "o quanto antes", "o mais rápido"],
    "it": ["urgente", "subito", "immediatamente", "al più presto"],
    "nl": ["dringend", "meteen", "onmiddellijk", "zo snel mogelijk"],
    "ja": ["至急", "急ぎ", "大至急", "すぐに", "早急に", "今すぐ"],
    "ko": ["급해", "급합", "지금 당장", "빨리", "긴급"],
    "zh": ["紧急", "緊急", "马上", "馬上", "立刻", "尽快", "盡快", "急用"],
    "ru": ["срочно", "немедленно", "как можно скорее"],
}

# A near deadline: urgent when something is wrong, otherwise just a date.
DEADLINE = {
    "en": ["today", "tonight", "tomorrow", "this weekend", "deadline", "by friday", "flight", "birthday", "wedding"],
    "de": ["heute", "morgen", "wochenende", "geburtstag", "hochzeit", "flug"],
    "fr": ["aujourd'hui", "ce soir", "demain", "ce week-end", "anniversaire", "mariage", "vol"],
    "es": ["hoy", "esta noche", "mañana", "fin de semana", "cumpleaños", "boda", "vuelo"],
    "pt": ["hoje", "amanhã", "fim de semana", "aniversário", "casamento", "voo"],
    "it": ["oggi", "stasera", "domani", "weekend", "compleanno", "matrimonio", "volo"],
    "nl": ["vandaag", "morgen", "weekend", "verjaardag", "bruiloft"],
    "ja": ["今日中", "本日中", "明日", "週末", "誕生日", "結婚式"],
    "ko": ["오늘", "내일", "주말", "생일", "결혼식"],
    "zh": ["今天", "明天", "周末", "生日", "婚礼"],
    "ru": ["сегодня", "завтра", "выходные", "день рождения", "свадьб"],
}

# Threats to escalate outside the conversation: chargebacks, lawyers, regulators, public reviews.
THREAT = {
    "en": ["lawyer", "chargeback", "my bank", "small claims", "trading standards", "consumer protection", "sue",
           "police", "report you", "bad review", "social media"],
    "de": ["anwalt", "rückbuchung", "verbraucherzentrale", "polizei", "anzeige", "schlechte bewertung"],
    "fr": ["avocat", "rétrofacturation", "ma banque", "répression des fraudes", "dgccrf", "plainte", "mauvais avis"],
    "es": ["abogado", "denuncia", "mi banco", "consumo", "omic", "mala reseña", "policía"],
    "pt": ["advogado", "procon", "reclame aqui", "meu banco", "denúncia", "polícia"],
    "it": ["avvocato", "denuncia", "la mia banca", "associazione consumatori", "recensione negativa"],
    "nl": ["advocaat", "consumentenbond", "mijn bank", "politie"],
    "ja": ["弁護士", "消費者センター", "消費生活センター", "訴え", "警察", "口コミ"],
    "ko": ["변호사", "소비자원", "신고", "경찰"],
    "zh": ["律师", "律師", "消协", "消協", "12315", "投诉到", "曝光", "报警"],
    "ru": ["юрист", "суд", "роспотребнадзор", "полици"],
}


# The customer has had to come back: several contacts, no answer, long silence. Upset, and urgent.
REPEAT_CONTACT = {
    "en": ["third time", "second time", "again and again", "nobody answers", "no one answers", "no answer", "no reply",
           "nobody cares", "keep asking", "still no response", "several times", "how many times"],
    "de": ["zum dritten mal", "zum zweiten mal", "keine antwort", "niemand antwortet", "mehrmals", "schon wieder",
           "wie oft noch"],
    "fr": ["troisième fois", "deuxième fois", "sans nouvelles", "sans réponse", "personne ne répond", "plusieurs fois",
           "combien de fois"],
    "es": ["tercera vez", "segunda vez", "nadie responde", "nadie contesta", "sin respuesta", "varias veces",
           "cuántas veces"],
    "pt": ["terceira vez", "segunda vez", "ninguém responde", "ninguém me responde", "sem resposta", "várias vezes"],
    "it": ["terza volta", "seconda volta", "nessuno risponde", "nessuna risposta", "più volte"],
    "nl": ["derde keer", "tweede keer", "geen antwoord", "niemand reageert"],
    "ja": ["何度も", "再三", "返信がなく", "返信がない", "連絡がない", "連絡がなく", "音沙汰"],
    "ko": ["몇 번", "여러 번", "답변이 없", "연락이 없"],
    "zh": ["第三次", "好几次", "好幾次", "没人回复", "沒人回覆", "没有回复", "一直没人"],
    "ru": ["третий раз", "несколько раз", "никто не отвечает", "нет ответа"],
}


# The agent apologises (for practice feedback: an apology counts however it is phrased).
APOLOGY = {
    "en": ["sorry", "apologi", "apologies"],
    "de": ["tut mir leid", "tut uns leid", "sehr leid", "tut … leid", "tun … leid", "entschuldig", "bedauern"],
    "fr": ["désolé", "désolée", "excuse", "navré", "navrée"],
    "es": ["lo siento", "lamento", "disculp", "perdón"],
    "pt": ["sinto muito", "desculp", "lamento", "perdão"],
    "it": ["mi dispiace", "ci dispiace", "scus"],
    "nl": ["sorry", "excuses", "spijt"],
    "ja": ["申し訳", "すみません", "お詫び", "失礼いたしました"],
    "ko": ["죄송", "미안", "사과드"],
    "zh": ["抱歉", "对不起", "對不起", "不好意思", "致歉"],
    "ru": ["извин", "простите", "сожалею"],
}


# fmt: on


def cues_for(table: dict[str, list[str]], language: str) -> list[str]:
    """The cues of the customer's language, then English (chat mixes English words into every language)."""
    base = language.split("-")[0]
    return table.get(base, []) + (table["en"] if base != "en" else [])


def find_cue(table: dict[str, list[str]], language: str, text: str) -> str | None:
    """The first cue found; "tut … leid" allows up to three words between ("tut mir wirklich sehr leid")."""
    lowered = text.lower()
    for cue in cues_for(table, language):
        if " … " in cue:
            first, last = cue.split(" … ")
            if re.search(rf"\b{re.escape(first)}(?:\s+\w+){{0,3}}\s+{re.escape(last)}\b", lowered):
                return cue
        elif cue in lowered:
            return cue
    return None
