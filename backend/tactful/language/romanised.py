"""Languages written in Latin letters that statistical detectors misread: romanised Japanese (romaji), pinyin,
Hindi in Latin letters mixed with English (Hinglish) and Tagalog mixed with English (Taglish).

Detectors trained on native scripts read "chuumon shita nimotsu ga mada todokimasen" as Finnish and
"wo wangji mima le" as Vietnamese. A customer writing like this is rarely writing the Latin-script language
the detector names, so a rule reads the words first: every word must be spellable in the romanisation
(romaji morae, pinyin syllables) and enough of them must be the language's own function words. Hinglish and
Taglish mix in English words freely, so they are read from their function words alone, with a list of
strong markers (not English, Spanish, Italian or Polish words) and weak ones that only count beside a strong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Letters romanisations use: ASCII plus macrons (Hepburn) and tone marks (pinyin). Any other accented
# letter (ó, ł, ñ, ü outside pinyin) means a European language, not a romanisation.
_ROMANISATION_LETTERS = set("āēīōūâêîôûǎěǐǒǔàèìòùáéíóúǖǘǚǜü")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_TONES = str.maketrans("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüâêîôû", "aaaaeeeeiiiioooouuuuvvvvvaeiou")

_MORA = (
    r"(?:(?:ky|gy|sh|ch|ny|hy|by|py|my|ry|j|ts|[kgsztdnhbpmrfw])?[aiueo]|y[auo]|n(?![aiueoy])"
    r"|[kstpgdbc](?=[kstpgdbc]))"
)
_ROMAJI_WORD = re.compile(rf"^(?:{_MORA})+$")
_PINYIN_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van"
    r"|ai|ei|ao|ou|an|en|in|un|vn|er|ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v)"
)
_PINYIN_WORD = re.compile(rf"^(?:{_PINYIN_SYLLABLE})+$")

_ROMAJI_MARKERS = frozenset(
    "desu masu mashita masen imasu imashita shita shitai shimashita dekimasen dekinai kudasai onegaishimasu "
    "onegai arigatou arigatougozaimasu gozaimasu sumimasen deshou deshita dou doushite nani itsu doko sureba "
    "kara made dake mada todokimasen todoita todokanai wasuremashita desuka masuka ka ga wo wa yo ne "
    "no ni de kedo node".split()
)
_ROMAJI_STRONG = frozenset(w for w in _ROMAJI_MARKERS if len(w) > 3)
_PINYIN_MARKERS = frozenset(
    "wo ni ta women nimen de le ma ne ba shi bu mei meiyou hai zenme shenme weishenme qing qingwen wen xie "
    "xiexie nihao zai ge ci yijing haishi keyi yao xiang hui dao shihou zhe na nage zhege duoshao jiu ye "
    "hen gei ba bei dou dingdan tuihuo tuikuan kuaidi mima chongzhi wangji qian".split()
)
_PINYIN_STRONG = frozenset(
    w for w in _PINYIN_MARKERS if len(w) > 3 or w in {"le", "qing", "xie", "mei", "zai"}
)
_HINGLISH_STRONG = frozenset(
    "nahi nahin kya mera meri mere mujhe mujhko abhi kab kaise kyun kyu gaya gayi gaye raha rahi rahe diya "
    "liya milega milegi aaya aayi bhai yaar karu karun karna karo chahiye kuch toota tuta hua hui hoga aapka "
    "aapki aapko humara kitna kitne paisa paise wapas bahut accha theek kahan batao bataiye kijiye hogaya "
    "kardo kiya".split()
)
_HINGLISH_WEAK = frozenset("hai hain ho ka ki ke se ko mein tak baar bol din aap hum bhi".split())
_TAGALOG_STRONG = frozenset(
    "po opo yung hindi naman kasi pano paano bakit kailan saan dumating wala meron salamat pwede puwede nga "
    "yun sana ninyo nyo niyo kayo ako ikaw ito mga ng nasaan kelan dito ngayon lang".split()
)
_TAGALOG_WEAK = frozenset("ang ba pa na sa ko mo din rin mali may".split())
_TAGALOG_AFFIX = re.compile(r"^(?:mag|nag|pag|ma|na)-[a-z]+$")


@dataclass(frozen=True)
class Romanised:
    language: str  # "ja", "zh", "hi", "tl"
    form: str  # "ja-Latn" (romaji), "zh-Latn" (pinyin), "hi-Latn" (Hinglish), "tl" (Taglish)
    markers: int  # how many of the language's own words the text has


def _words(text: str) -> list[str] | None:
    letters = [c for c in text.lower() if c.isalpha()]
    if not letters or any(not c.isascii() and c not in _ROMANISATION_LETTERS for c in letters):
        return None
    return [w.translate(_TONES) for w in _WORD.findall(text.lower())]


def _spelled(words: list[str], pattern: re.Pattern[str]) -> float:
    return sum(1 for w in words if pattern.match(w.replace("-", ""))) / len(words)


def _mixed(words: list[str], strong: frozenset[str], weak: frozenset[str]) -> int:
    s = {w for w in words if w in strong}
    k = [w for w in words if w in weak]
    return len(s) + len(k) if len(s) >= 2 or (s and len(k) >= 2) else 0


def read_romanised(text: str) -> Romanised | None:
    """The romanised language the text is written in, or None when it reads as an ordinary Latin-script text."""
    words = _words(text)
    if not words or len(words) < 2:
        return None
    found: list[Romanised] = []
    if _spelled(words, _ROMAJI_WORD) >= 0.8:
        markers = [w for w in words if w in _ROMAJI_MARKERS]
        if len(set(markers)) >= 2 and any(
            w in _ROMAJI_STRONG or w.endswith(("masu", "mashita", "masen")) for w in words
        ):
            found.append(Romanised("ja", "ja-Latn", len(markers)))
    if _spelled(words, _PINYIN_WORD) >= 0.8:
        markers = [w for w in words if w in _PINYIN_MARKERS]
        if len(set(markers)) >= 2 and any(w in _PINYIN_STRONG for w in words):
            found.append(Romanised("zh", "zh-Latn", len(markers)))
    hinglish = _mixed(words, _HINGLISH_STRONG, _HINGLISH_WEAK)
    if hinglish:
        found.append(Romanised("hi", "hi-Latn", hinglish))
    tagalog = _mixed(words, _TAGALOG_STRONG | {w for w in words if _TAGALOG_AFFIX.match(w)}, _TAGALOG_WEAK)
    if tagalog:
        found.append(Romanised("tl", "tl", tagalog))
    if not found:
        return None
    found.sort(key=lambda r: r.markers, reverse=True)
    if len(found) > 1 and found[0].markers == found[1].markers:
        return None  # two readings as strong as each other: leave it to the statistical voices
    return found[0]
