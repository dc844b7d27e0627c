"""Roles of an article's lines: head zone, body span, tail zone, and what each edge line is.

Rules judge a line by where it stands: "Join the mailing list" after the last body paragraph is a
call to action, a short title-case line before the headline is a section crumb, and a run of
sixty one-word lines above the article is the site's menu.

How the body span is found (one pass over the lines, cheap string tests only):

1. *Core*: the contiguous run of lines that maximises "prose words inside minus short lines
   inside" (the body-text-extraction idea of Finn et al.: every prose line scores its words, every
   short line costs a little). On a whole-page dump the 60-line menu above the article and the
   footer below it fall outside; on a clean article the core is nearly all of it.
2. *Blocks* that are certainly not the article: navigation menus (long runs of short link-like
   lines outside the core, only on pages that show a real menu), related-story lists (a header
   such as "Related", "More from ...", "Most read" and the headlines under it) and comment
   sections (a marker such as "Leave a reply" after most of the article).
3. *Span*: the core grows outward to the farthest prose line that no block separates from it, so
   on a clean article the body runs from its first to its last prose line, as it always did.

Everything before the span is the head zone, everything after it the tail zone. Head lines get a
role (crumb, headline, meta) from their order: a page prints its section label above the
headline and the byline, source and date lines between the headline and the text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
from typing import cast

from artlint.memo import remembered
from artlint.pattern_cache import compile_re

HEAD = "head"
BODY = "body"
TAIL = "tail"

# Line roles (``Line.role``). Body lines are ``paragraph`` (prose) or ``text`` (subheads, list
# items, captions, short paragraphs); edge lines are ``edge`` unless something more is known.
#: a prose line inside the body span
PARAGRAPH = "paragraph"
#: any other line inside the body span: subheading, list item, Q&A label, short paragraph
TEXT = "text"
#: an item of a navigation menu (a run of short link-like lines outside the body)
MENU = "menu"
#: ``Home > News > World``: a breadcrumb trail or a bar of links on one line
BREADCRUMB = "breadcrumb"
#: a short section label printed above the headline (``Weapons of Mass Destruction (WMD)``)
CRUMB = "crumb"
#: the article's headline, above its byline or text
HEADLINE = "headline"
#: byline, source credit or date line between the headline and the text
META = "meta"
#: the header or an entry of a related / recommended / most-read list
RELATED = "related"
#: a comment-section marker (``Leave a reply``, ``12 Comments``) and the lines after it
COMMENTS = "comments"
#: any other line of the head or tail zone
EDGE = "edge"

#: roles of lines that belong to the site, not the article; the span never grows across them
JUNK_ROLES = frozenset({MENU, RELATED, COMMENTS})
#: the roles Structure.with_role finds from one shared pass (rare ones: most lines are text)
_INDEXED_ROLES = frozenset({MENU, RELATED, COMMENTS, BREADCRUMB, CRUMB})

#: characters that end a sentence in the scripts the corpus has (Latin, Cyrillic, CJK)
TERMINAL_MARKS = frozenset(".!?…。！？\"'”’»)]:;")
CJK_RANGES = ((0x3040, 0x30FF), (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0xF900, 0xFAFF))

# --- tuning (measured on the aeb corpus; see the module docstring of rules/navigation.py) ----
#: a prose line scores its words up to this cap, so one giant glued line cannot swallow a page
_CORE_WORD_CAP = 80
#: what a short line costs inside the core; a 10-24 word line without an end mark costs 1
_CORE_SHORT_COST = 3
#: a link-like item has at most this many words
_ITEM_MAX_WORDS = 6
#: a related-list entry or loose menu entry (a headline) has at most this many words
_ENTRY_MAX_WORDS = 16
#: a page has a menu when this many strict items stand in one run outside the core
_PAGE_MENU_RUN = 8
#: a menu block has at least this many lines ...
_MENU_MIN_LINES = 4
#: ... and at least this share of them are strict items (no digits, colons or quotes)
_MENU_STRICT_SHARE = 0.5
#: this many data-like lines in a row (dates, results, label: value) split a run of short lines
_MENU_DATA_SPLIT = 3
#: a comment marker ends the article only after this many words of prose (boilerpipe: 60) ...
_COMMENTS_MIN_WORDS_BEFORE = 60
#: ... and when at least this share of the core's prose words stand before it
_COMMENTS_MIN_SHARE_BEFORE = 2 / 3
#: related lists longer than this are cut (a header does not vouch for a whole page)
_RELATED_MAX_LINES = 30

_BULLETS = "*•·-–—+|>»›‹«◦▪■►→ \t"
_ITEM_END_MARKS = frozenset(".!?;:,。！？")
_DOUBLE_QUOTES = frozenset('"“”„«»')
_CRUMB_SEPARATORS = (" > ", " › ", " » ", " → ")
_BAR_SEPARATORS = (" | ", " / ", " · ", " • ")
#: short words a title-case line may keep in lower case
_SMALL_WORDS = frozenset(
    "a an and as at by de del der des di die das do dos du e el en et for from in la le les "
    "of on or the to und van von vs y zu".split()
)

#: whole-line headers of related-story lists (lower case, no final colon)
RELATED_HEADERS = frozenset(
    """related
related articles
related article
related stories
related story
related posts
related content
related news
related coverage
related links
related reading
related topics
related videos
more stories
more articles
more news
more headlines
most read
most popular
most viewed
most shared
most read articles
most popular articles
most popular stories
most popular videos
recommended
recommended for you
recommended stories
recommended articles
recommended reading
you may also like
you might also like
you may be interested in
you might be interested in
read next
read more
what to read next
further reading
see also
also read
top stories
top news
trending
trending now
trending stories
editor's picks
editors' picks
latest news
latest stories
latest headlines
more like this
other stories
in case you missed it
leia também
leia mais
veja também
mais lidas
notícias relacionadas
lesen sie auch
mehr zum thema
meistgelesen
das könnte sie auch interessieren
leggi anche
potrebbe interessarti
consigliato per te
articoli correlati
i più letti
lire aussi
à lire aussi
a lire aussi
top nouvelles
sur le même sujet
les plus lus
lea también
leer más
te puede interesar
noticias relacionadas
lo más leído
читайте также
похожие статьи
популярное
другие новости
baca juga
lihat juga
artikel terkait
berita terkait
terpopuler
関連記事
関連ニュース
관련기사
관련 기사
관련 키워드
관련뉴스
관련 뉴스
많이 본 뉴스
인기 기사
lees ook
lees meer
meer nieuws
gerelateerde artikelen
meest gelezen
läs också
läs mer
läs även
du kanske också gillar
du gillar kanske också
relaterade artiklar
mest läst
læs også
læs mere
mest læste
relaterede artikler
les også
les mer
mest lest
lue myös
luetuimmat
czytaj także
czytaj też
czytaj więcej
zobacz też
zobacz także
najczęściej czytane
powiązane artykuły
čtěte také
související články
nejčtenější
mohlo by vás zajímat
citește și
articole similare
cele mai citite
ilginizi çekebilir
benzer haberler
ilgili haberler
en çok okunanlar
kapcsolódó cikkek
ezek is érdekelhetik
ezek érdekelhetnek még
legolvasottabb
читайте також
схожі новини
популярне
διαβάστε επίσης
σχετικά άρθρα
tin liên quan
bài viết liên quan
اقرأ أيضا
اقرأ أيضاً
مقالات ذات صلة
الأكثر قراءة
相关新闻
相关阅读
相关文章
à lire également
vous aimerez aussi
ti potrebbe interessare
también te puede interesar
te recomendamos
recomendados para ti
das könnte dich auch interessieren
oft gelesen
günün önemli haberleri
lo + visto
lo más visto
오늘 많이 본 뉴스
další čtení
pos terkait
notas relacionadas
populare astăzi
cele mai populare
sıradaki haber
siradaki haber
você também pode gostar
latest posts
संबंधित खबरें
खबरें और भी हैं
ये भी पढ़ें
यह भी पढ़ें
taip pat skaitykite
susiję straipsniai
свързани новини
прочетете още
още по темата
猜你喜欢
相关推荐
延伸阅读
קראו עוד
כתבות נוספות
مطالب مرتبط
بیشتر بخوانید
อ่านเพิ่มเติม
ข่าวที่เกี่ยวข้อง
basahin din
habari zinazohusiana
artikel berkaitan""".splitlines()
)
#: header prefixes followed by a site, section or topic name (``More from Sportsnet``)
RELATED_PREFIXES = (
    "more from ",
    "most read ",
    "most popular ",
    "related news ",
    "more in ",
    "more news from ",
    "more stories from ",
    "more articles from ",
    "most read in ",
    "most popular in ",
    "most popular on ",
    "popular on ",
    "popular in ",
    "top stories in ",
    "latest from ",
    "latest in ",
    "latest news from ",
    "recommended from ",
    "more on ",
    "mais de ",
    "mehr aus ",
    "altro da ",
    "plus de ",
    "más de ",
    "meer uit ",
    "alte postari din ",
    "alte postări din ",
)
#: an inline pointer to another story: ``Read more: <headline>``
#: a pointer to another story ("Lire aussi : <headline>") is a line of this many words at most
_INLINE_MAX_WORDS = 30
RELATED_INLINE = (
    "related",
    "read more",
    "read also",
    "also read",
    "see also",
    "read next",
    "more",
    "leia também",
    "leia mais",
    "veja também",
    "lesen sie auch",
    "mehr zum thema",
    "leggi anche",
    "lire aussi",
    "à lire aussi",
    "a lire aussi",
    "lea también",
    "читайте также",
    "baca juga",
    "baca",
    "lees ook",
    "läs också",
    "läs även",
    "læs også",
    "les også",
    "lue myös",
    "czytaj także",
    "czytaj też",
    "zobacz też",
    "zobacz więcej na temat",
    "čtěte také",
    "citește și",
    "читайте також",
    "διαβάστε επίσης",
    "اقرأ أيضا",
    "اقرأ أيضاً",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "potrebbe interessarti",
    "ये भी पढ़ें",
    "यह भी पढ़ें",
    "taip pat skaitykite",
    "прочетете още",
    "basahin din",
    "קראו גם",
    "بیشتر بخوانید",
    "อ่านเพิ่มเติม",
)
#: whole-line markers of a comment section
COMMENT_MARKERS = frozenset(
    """comments
comment
leave a comment
leave a reply
leave a reply cancel reply
post a comment
add a comment
add your comment
add comment
join the discussion
join the conversation
show comments
view comments
view all comments
load comments
read comments
reader comments
comments are closed
no comments
kommentare
keine kommentare
kommentar veröffentlichen
aucun commentaire
publier un commentaire
no hay comentarios
publicar un comentario
nenhum comentário
postar um comentário
nessun commento
pubblica un commento
reacties
geen reacties
komentarze
brak komentarzy
prześlij komentarz
yorumlar
σχόλια
δεν υπάρχουν σχόλια
комментарии закрыты
comentários
comentarios
commenti
commentaires
комментарии
комментарии читателей
komentar
댓글
コメント
lämna ett svar
lämna en kommentar
skriv et svar
skriv en kommentar
legg igjen et svar
legg igjen en kommentar
geef een reactie
laat een reactie achter
schreibe einen kommentar
kommentar verfassen
laisser un commentaire
deja una respuesta
deja un comentario
deixe um comentário
deixe uma resposta
lascia un commento
lascia una risposta
dodaj komentarz
napsat komentář
lasă un răspuns
lasă un comentariu
bir yanıt yazın
bir yorum yazın
добавить комментарий
оставить комментарий
залишити відповідь
залишити коментар
tinggalkan balasan
tinggalkan komentar
để lại một bình luận
发表评论
发表回复
коментари
komentarai
die kommentare wurden für diesen artikel deaktiviert
свежие комментарии
0コメント
댓글 쓰기
niciun comentariu
trimiteți un comentariu
trimiteti un comentariu
inga kommentarer
commenting has been disabled for this item
blog comments powered by disqus
comments powered by disqus
yorum ekle
kommentare deaktiviert
kommentarfunktion deaktiviert
comments are disabled
comments have been disabled for this article
commenting has been disabled
commenting is closed
les commentaires sont fermés
los comentarios están cerrados
i commenti sono chiusi
os comentários estão fechados
תגובות
نظرات
ความคิดเห็น
kommentarer
kommentit
komentáře
comentarii
hozzászólások
коментарі
bình luận
التعليقات
أضف تعليق
اضف تعليق
أضف تعليقاً
כתיבת תגובה
השאירו תגובה
הוספת תגובה
评论""".splitlines()
)
_COMMENT_COUNT_NOUNS = frozenset(
    "comment comments response responses reply replies kommentare comentários comentarios "
    "commenti commentaires комментариев комментария комментарий reacties komentarzy yorum "
    "yorumlar σχόλια".split()
)


@cache
def _cjk() -> re.Pattern[str]:
    """One CJK character (the ranges of CJK_RANGES): counted by the C regex engine, not char
    by char. Compiled on first use: the class of 30,000 code points took 2.7 ms to compile,
    a third of this module's import, and most runs never meet a CJK character."""
    return compile_re("[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in CJK_RANGES) + "]")


def is_cjk(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in CJK_RANGES)


def has_letters(text: str) -> bool:
    """Whether the text holds a letter of any script (not just digits, marks and symbols)."""
    return any(char.isalpha() for char in text)


def word_count(text: str) -> int:
    """Words, counting each CJK character as a third of a word (roughly a token)."""
    words = len(text.split())
    if text.isascii():
        return words
    return words + len(_cjk().findall(text)) // 3


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank line of the body."""

    number: int  # 0-based index among all lines of the body
    start: int  # offset of the first non-blank character in the body
    end: int  # offset just after the last non-blank character
    text: str  # the line stripped of surrounding white space
    words: int
    prose: bool
    zone: str = BODY
    #: 0-based index of the blank-line separated paragraph the line belongs to
    paragraph: int = 0
    #: what the line is (one of the role constants of this module)
    role: str = TEXT
    #: lines of one menu, related list or comment section share a block number; -1: no block
    block: int = -1


@dataclass
class Structure:
    """The non-blank lines of a body with their zones and roles."""

    lines: list[Line] = field(default_factory=list)
    #: the body holds a whole web page: a real navigation menu stands outside the article
    page: bool = False

    @property
    def body_lines(self) -> list[Line]:
        return [line for line in self.lines if line.zone == BODY]

    @property
    def head_lines(self) -> list[Line]:
        return [line for line in self.lines if line.zone == HEAD]

    @property
    def tail_lines(self) -> list[Line]:
        return [line for line in self.lines if line.zone == TAIL]

    @property
    def has_prose(self) -> bool:
        return any(line.prose for line in self.lines)

    def blocks(self, role: str) -> list[list[Line]]:
        """The blocks of lines with ``role`` (menus, related lists, comment sections), in order."""
        found: dict[int, list[Line]] = {}
        for line in self.with_role(role):
            if line.block >= 0:
                found.setdefault(line.block, []).append(line)
        return list(found.values())

    def with_role(self, role: str) -> list[Line]:
        """The lines with ``role``, in order."""
        lines = self._edge_lines() if role in _INDEXED_ROLES else self.lines
        return [line for line in lines if line.role == role]

    def _edge_lines(self) -> list[Line]:
        # The lines of the rarer roles, found once per structure: the AD05x rules each ask
        # for one role, and five passes over thousands of lines were most of their time.
        # Lines are frozen; the list is found again if ``lines`` is replaced or grows.
        cached = self.__dict__.get("_edge_cache")
        if cached is None or cached[0] is not self.lines or cached[1] != len(self.lines):
            found = [line for line in self.lines if line.role in _INDEXED_ROLES]
            cached = (self.lines, len(self.lines), found)
            self.__dict__["_edge_cache"] = cached
        return cast("list[Line]", cached[2])


def is_prose(text: str, words: int) -> bool:
    """A line that reads like article text: a sentence of some length, or a long run of words."""
    if words >= 25:
        return True
    return words >= 10 and text[-1] in TERMINAL_MARKS


# --------------------------------------------------------------------------------------------
# Line shapes


def _core_text(text: str) -> str:
    """The line without list bullets and arrow glyphs around it."""
    return text.strip(_BULLETS)


def without_dotted_capital(text: str) -> str:
    """The text with Turkish İ as I: its lower() is "i" and a combining dot, which no phrase
    holds, so a line is folded so before it is lower-cased and compared with phrases."""
    return text.replace("İ", "I") if "İ" in text else text


def normalise(text: str) -> str:
    """Lower case, single spaces, no bullets or final ``:``/``»`` (for phrase look-ups)."""
    core = without_dotted_capital(_core_text(text).rstrip(" :：.…»›"))
    return " ".join(core.lower().replace("’", "'").split())


# One C-level search instead of a Python test per character. ``\d`` finds decimal digits only;
# ``str.isdigit`` also takes superscripts and circled digits, so non-ASCII text that passes the
# search is still checked character by character.
_QUOTES_CLASS = re.escape("".join(sorted(_DOUBLE_QUOTES)))
#: a name's party, ministry or team in brackets ("Schraff (BMG)", "Müller (CDU)"): a roster
#: entry carries data, as a menu's bare section names do not. Three letters at least, two of
#: them capitals first: a language menu's "English (UK)" and "TV (Live)" are menu items
_AFFILIATION = compile_re(r"\S \([A-ZÄÖÜ]{2}[A-Za-zÄÖÜ]{1,4}\)$")
_NOT_STRICT = compile_re(f"[\\d:,{_QUOTES_CLASS}]")
_QUOTE_OR_COMMA = compile_re(f"[,{_QUOTES_CLASS}]")


def is_strict_item(line: Line) -> bool:
    """A menu entry beyond doubt: a few words, no end mark, no digits, colons, commas, quotes."""
    if line.words > _ITEM_MAX_WORDS:
        return False
    text = _core_text(line.text)
    if not text or text[-1] in _ITEM_END_MARKS or _NOT_STRICT.search(text) is not None:
        return False
    if text[-1] == ")" and _AFFILIATION.search(text) is not None:
        return False
    return text.isascii() or not any(char.isdigit() for char in text)


def is_loose_item(line: Line) -> bool:
    """A menu entry or a linked headline: a short line without an end mark."""
    if line.words > _ENTRY_MAX_WORDS or line.prose:
        return False
    text = _core_text(line.text)
    if not text or text[-1] in _ITEM_END_MARKS:
        return False
    return line.words > _ITEM_MAX_WORDS or _QUOTE_OR_COMMA.search(text) is None


def is_title_case(text: str) -> bool:
    """Every word capitalised except short function words; a lone word counts if capitalised."""
    words = [word for word in text.replace("/", " ").split() if word[:1].isalpha()]
    if not words or not words[0][0].isupper():
        return False
    return all(word[0].isupper() or word.lower() in _SMALL_WORDS for word in words)


def related_header(line: Line) -> str | None:
    """``"header"`` for a related-list header line, ``"prefix"`` for one naming a site or section
    (``More from Sportsnet``), ``"inline"`` for ``Read more: <headline>``."""
    if line.words > _INLINE_MAX_WORDS or line.prose:
        return None
    if line.words <= 12:
        key = normalise(line.text)
        if key in RELATED_HEADERS:
            return "header"
        if line.words <= 8 and key.startswith(RELATED_PREFIXES) and line.text[-1] not in ".!?":
            return "prefix"
    text = _core_text(line.text).lstrip("[(")
    head, colon, rest = text.partition(":")
    if not colon and ">>" in text:
        head, colon, rest = text.partition(">>")  # "POTREBBE INTERESSARTI >>> <headline>"
        rest = rest.lstrip(">")
    if colon and rest.strip() and head.lower().strip() in RELATED_INLINE:
        rest = rest.strip().rstrip("])")
        if rest and rest[-1] not in ".!;" and len(rest.split()) >= 3:
            return "inline"
    return None


#: line text -> related_header and is_comment_marker of the line, for the analysis. Sites
#: print the same menu and list lines on every page (in the bench corpus three short lines in
#: four were seen before), and these two, which normalise the line, were the dearest shape
#: tests. Words and prose follow from the text, so the text alone is the key. Cleared when
#: they grow large.
_related_seen: dict[str, str | None] = {}
_marker_seen: dict[str, bool] = {}


def _related_header(line: Line) -> str | None:
    """related_header, remembered by text (for lines built by _collect)."""
    return remembered(_related_seen, line.text, related_header, line)


def _comment_marker(line: Line) -> bool:
    """is_comment_marker, remembered by text (for lines built by _collect)."""
    return remembered(_marker_seen, line.text, is_comment_marker, line)


def is_comment_marker(line: Line) -> bool:
    if line.words > 8:
        return False
    key = normalise(line.text)
    if key in COMMENT_MARKERS:
        return True
    words = key.split()
    if len(words) == 2 and words[0].isdigit() and words[1] in _COMMENT_COUNT_NOUNS:
        return True
    return len(words) >= 3 and words[0].isdigit() and words[1:3] == ["thoughts", "on"]


def is_breadcrumb(line: Line) -> bool:
    """``Home > News > World`` (2+ parts) or a link bar ``About / Advertise / Contact`` (3+)."""
    text = line.text
    if line.words > 14 or text[-1] in ".!?:;,":
        return False
    if text[0] == "|" and text[-1] == "|":  # a table row
        return False
    if "|" in text and ("  |" in text or "|  " in text):
        return False  # a text table's row, its columns padded to line up (link bars are not)
    for separators, minimum in _SEPARATOR_GROUPS:
        # a plain loop: a generator expression per line cost more than the rest of the test
        for separator in separators:
            if separator in text:
                break
        else:
            continue
        parts = [part.strip(_BULLETS) for part in text.split(separator)]
        parts = [part for part in parts if part]
        if len(parts) >= minimum and all(_crumb_part(part) for part in parts):
            return True
    return False


_SEPARATOR_GROUPS = ((_CRUMB_SEPARATORS, 2), (_BAR_SEPARATORS, 3))


def _crumb_part(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 5 or not part[0].isalpha():
        return False
    if any(char.isdigit() or char in ":;@" for char in part):
        return False  # a date, a label, an e-mail address ("Mike Cason | mcason@al.com")
    return part.lower() not in _PHOTO_SOURCES


#: who a photo's credit names ("Brian Brainerd | The Denver Post | Getty Images", "Harris &
#: Ewing / Library of Congress"): the credit of a photo, not a bar of links
_PHOTO_SOURCES = frozenset(
    {"getty images", "getty", "ap photo", "afp", "afp/getty images", "reuters", "epa", "dpa"}
    | {"shutterstock", "istock", "istockphoto", "alamy", "corbis", "library of congress"}
    | {"wikimedia commons", "associated press", "the associated press"}
)


#: how bylines and credits between the headline and the text open (a photo credit is no
#: headline: "Photos by HRFD Photographers Sheryl Drost & Marcia Soppe")
_META_OPENINGS = (
    *("by ", "von ", "por ", "par ", "di ", "oleh ", "text: ", "текст:"),
    *("photo by ", "photos by ", "photo: ", "photos: ", "foto: ", "fotos: ", "credit: "),
)


def _is_meta_line(line: Line) -> bool:
    """A byline, source credit or date line between the headline and the text."""
    if line.prose or line.words > 12:
        return False
    lowered = line.text.lower()
    if lowered.startswith(_META_OPENINGS):
        return True
    if any(char.isdigit() for char in line.text) and line.words <= 10:
        return True
    return line.words <= 4 and line.text[-1] not in ".!?:"


def _is_headline(line: Line) -> bool:
    if line.prose or not 4 <= line.words <= 30:
        return False
    return line.text[-1] not in ".:;,"


# --------------------------------------------------------------------------------------------
# Analysis


def analyse(body: str) -> Structure:
    collected = _collect(body)
    if not collected:
        return Structure(collected)
    roles = [TEXT] * len(collected)
    blocks = [-1] * len(collected)
    core = _core(collected)
    if core is None:
        for line in collected:
            _finish(line, HEAD, BREADCRUMB if is_breadcrumb(line) else EDGE, -1)
        return Structure(collected)
    counter = _BlockCounter()
    # asked only of pages with menus or other chrome, where it matters (a clean article's
    # search would cost every article ~20 line tests)
    title: list[range] = []
    page = _mark_menus(collected, core, title, roles, blocks, counter)
    _mark_related(collected, roles, blocks, counter)
    core = _mark_comments(collected, core, roles, blocks, counter)
    _mark_headline_lists(collected, core, title, roles, blocks, counter)
    first, last = _span(collected, core, roles)
    for index in range(first):
        if roles[index] == TEXT:
            roles[index] = BREADCRUMB if is_breadcrumb(collected[index]) else EDGE
    _mark_head(collected, first, roles)  # reads and sets the roles of head lines only
    for index in range(first):
        _finish(collected[index], HEAD, roles[index], blocks[index])
    # The body is most of the lines: their test and _finish are inlined (a call per line
    # costs as much as the rest of the loop); is_breadcrumb is never true past 14 words.
    set_field = _set_field
    for index in range(first, last + 1):
        line = collected[index]
        role = roles[index]
        if role == TEXT:
            if line.words <= 14 and is_breadcrumb(line):
                set_field(line, "role", BREADCRUMB)
            elif line.prose:
                set_field(line, "role", PARAGRAPH)
        else:
            set_field(line, "role", role)
        if blocks[index] != -1:
            set_field(line, "block", blocks[index])
    for index in range(last + 1, len(collected)):
        role = roles[index]
        if role == TEXT:
            role = BREADCRUMB if is_breadcrumb(collected[index]) else EDGE
        _finish(collected[index], TAIL, role, blocks[index])
    return Structure(collected, page)


class _LineBuilder:
    """Builds a :class:`Line` four times faster than its own ``__init__``.

    A frozen dataclass stores each field through ``object.__setattr__``; for the 6,600 lines a
    MB of text has, that alone took a quarter of the analysis. This class has the same slots,
    so its plain attribute stores fill the same memory layout, and the object then becomes a
    ``Line`` (``__class__`` assignment; Python refuses it with a TypeError if the layouts ever
    differ, so the trick cannot fail silently). Callers only ever see a real, frozen ``Line``.
    """

    __slots__ = Line.__slots__

    def __init__(
        self, number: int, start: int, end: int, text: str, words: int, prose: bool, paragraph: int
    ) -> None:
        self.number = number
        self.start = start
        self.end = end
        self.text = text
        self.words = words
        self.prose = prose
        self.zone = BODY
        self.paragraph = paragraph
        self.role = TEXT
        self.block = -1
        self.__class__ = Line  # type: ignore[assignment]  # see the class docstring


_new_line = cast("Callable[[int, int, int, str, int, bool, int], Line]", _LineBuilder)

#: UTF-8 lead bytes of the code points U+3000-U+DFFF and U+F000-U+FFFF, which hold CJK_RANGES
_NOT_CJK_LEAD = bytes(range(0xE3)) + b"\xee" + bytes(range(0xF0, 0x100))


def _has_cjk(body: str) -> bool:
    """Whether any character of ``body`` is CJK; a cheap byte filter spares most bodies the
    character-class search (deleting bytes in C is ~3x faster than the regex scan)."""
    if body.isascii() or not body.encode("utf-8", "surrogatepass").translate(None, _NOT_CJK_LEAD):
        return False
    return _cjk().search(body) is not None


def _collect(body: str) -> list[Line]:
    # The one loop over every line of every article: word_count and is_prose are inlined and
    # the CJK count is skipped for bodies without CJK (one C-level search instead of a
    # character loop per line).
    collected: list[Line] = []
    append = collected.append
    offset = 0
    paragraph = 0
    previous_blank = True
    cjk = _cjk() if _has_cjk(body) else None
    terminal = TERMINAL_MARKS
    open_end = False  # the line before ends mid-sentence: several words, no end mark
    runs_on: list[int] = []  # where a sentence runs on from the line before (see _mark_wrapped)
    for number, raw in enumerate(body.split("\n")):
        stripped = raw.strip()
        if not stripped:
            if not previous_blank:
                paragraph += 1
            previous_blank = True
            open_end = False
            offset += len(raw) + 1
            continue
        if open_end and stripped[0].islower():
            runs_on.append(len(collected))
        previous_blank = False
        # strip() hands back the line itself when there is nothing to strip (most lines); else
        # the first occurrence of the stripped text is where it starts: only blanks precede it
        start = offset if stripped is raw else offset + raw.find(stripped)
        # Without a double space or a non-printable character (every white space but the
        # space is one), the words are the spaces plus one: two C scans instead of building
        # the list of words, which was half the time of this loop.
        if "  " not in stripped and stripped.isprintable():
            words = stripped.count(" ") + 1
        else:
            words = len(stripped.split())
        if cjk is not None and not stripped.isascii():
            words += len(cjk.findall(stripped)) // 3
        prose = words >= 25 or words >= 10 and stripped[-1] in terminal
        open_end = words >= _WRAPPED_MIN_WORDS and stripped[-1] not in terminal
        append(_new_line(number, start, start + len(stripped), stripped, words, prose, paragraph))
        offset += len(raw) + 1
    if runs_on:
        _mark_wrapped(collected, runs_on)
    return collected


#: a line a text was wrapped at holds this many words at least (a width of 40 characters or so)
_WRAPPED_MIN_WORDS = 5
#: wrapped lines have a width: a longer line was not wrapped
_WRAPPED_MAX_CHARS = 120


def _mark_wrapped(lines: list[Line], runs_on: list[int]) -> None:
    """Mark as prose the lines of paragraphs wrapped at a width, as plain-text dumps (lynx, w3m,
    html2text) and old wire archives print them: the paragraph, not each of its lines, has the
    words and the end mark of prose. A paragraph is wrapped when its lines but the last are of
    about one width and its sentences run on from one line to the next (a line without an end
    mark, then one that opens in lower case) at a third of its breaks at least; menus and lists
    of headlines open every line with a capital. ``runs_on``: indexes of lines that open in
    lower case after a line without an end mark; only their paragraphs are looked at."""
    terminal = TERMINAL_MARKS
    done = -1
    for index in runs_on:
        if index <= done:
            continue
        paragraph = lines[index].paragraph
        first = index
        while first > 0 and lines[first - 1].paragraph == paragraph:
            first -= 1
        last = index
        while last + 1 < len(lines) and lines[last + 1].paragraph == paragraph:
            last += 1
        done = last
        group = lines[first : last + 1]
        widths = [len(line.text) for line in group[:-1]]
        # wrapped at one width: every line but the last about as long as the longest
        if max(widths) > _WRAPPED_MAX_CHARS or min(widths) < 0.6 * max(widths):
            continue
        count = sum(
            1
            for above, below in pairwise(group)
            if above.words >= _WRAPPED_MIN_WORDS
            and above.text[-1] not in terminal
            and below.text[0].islower()
            # the line below goes on as wide, or ends the sentence ("official said.")
            and (below.words >= _WRAPPED_MIN_WORDS or below.text[-1] in terminal)
        )
        if not count or count * 3 < len(group) - 1:
            continue
        words = sum(line.words for line in group)
        if words >= 25 or words >= 10 and group[-1].text[-1] in terminal:
            for line in group:
                if not line.prose:
                    _set_field(line, "prose", True)


def _core(lines: Sequence[Line]) -> tuple[int, int] | None:
    """Indexes of the first and last line of the best-scoring run (Kadane's maximum subarray)."""
    best = 0
    best_span: tuple[int, int] | None = None
    running = 0
    start = 0
    for index, line in enumerate(lines):
        if running <= 0:
            running = 0
            start = index
        if line.prose:
            running += min(line.words, _CORE_WORD_CAP)
        else:
            running -= 1 if line.words >= 10 else _CORE_SHORT_COST
        if running > best:
            best = running
            best_span = (start, index)
    return best_span


class _BlockCounter:
    def __init__(self) -> None:
        self.next = 0

    def take(self) -> int:
        self.next += 1
        return self.next - 1


def _mark_menus(
    lines: Sequence[Line],
    core: tuple[int, int],
    title: list[range],
    roles: list[str],
    blocks: list[int],
    counter: _BlockCounter,
) -> bool:
    """Mark menu blocks outside the core; only on pages where a long run of items proves a menu.

    The page test keeps lists that close a clean article (tour dates, product specs, a table
    of teams) out of reach: they are short, or carry digits, colons and commas, and no clean
    article has a run of eight bare link-like lines outside its prose.
    """
    first, last = core
    # only the lines before and after the core are looked at; a run never crosses the core
    outside = (range(first), range(last + 1, len(lines)))
    strict = [False] * len(lines)
    longest = 0
    for part in outside:
        current = 0
        for index in part:
            line = lines[index]
            if line.words <= _ITEM_MAX_WORDS and is_strict_item(line):
                strict[index] = True
                current += 1
                longest = max(longest, current)
            else:
                current = 0
    if longest < _PAGE_MENU_RUN:
        return False
    head = _title_of(lines, first, title)
    for part in outside:
        run: list[int] = []
        for index in part:
            # a strict item is always a loose one (fewer words, no end mark, comma or quote)
            if index not in head and (strict[index] or is_loose_item(lines[index])):
                run.append(index)
                continue
            _mark_menu_run(run, strict, lines, roles, blocks, counter)
            run = []
        _mark_menu_run(run, strict, lines, roles, blocks, counter)
    return True


def _title_of(lines: Sequence[Line], first: int, found: list[range]) -> range:
    """_title_lines, found once per analysis (``found`` holds it once it is)."""
    if not found:
        found.append(_title_lines(lines, first))
    return found[0]


def _title_lines(lines: Sequence[Line], first: int) -> range:
    """The article's head above its text: the headline, its byline and date lines, and the
    page's share tools and counters between them and the text. Never a menu, though short and
    bare like menu items ("2012 map takes unfamiliar shape" under a menu's last item, "Richard
    Johnston" / "18 July 2013" over "Print", "Email", "Share"). Empty when none is found."""
    index = first - 1
    while index >= 0 and first - index <= 3 and _is_byline_or_date(lines[index]):
        index -= 1
    top = index if index >= 0 and _is_headline(lines[index]) else first
    # further up, above the share tools and counters: a headline in sentence case with a
    # byline or date line between it and the text ("2012 map takes unfamiliar shape" / "* 718
    # Comments" / "* Print" / "By MAGGIE HABERMAN | 10/9/10 7:15 AM EDT"), or one short line
    # ("Iran-U.S. talks on Iraq security to start Tuesday" / "RIA Novosti")
    dated = False
    for index in range(first - 1, max(-1, first - 1 - _TITLE_REACH), -1):
        line = lines[index]
        if (dated or first - index == 2 and lines[first - 1].words <= 4) and _in_sentence_case(
            line
        ):
            top = min(top, index)  # the farthest: a deck may stand under the headline
        dated = dated or _is_byline_or_date(line)
    top = min(top, _head_over_tools(lines, first))
    return range(top, first)


#: how far above the text a headline is looked for, over tools, counters and bylines
_TITLE_REACH = 10
#: the share tools and counters between an article's date and its text: short lines, a few
_TOOLS_MAX = 15


def _head_over_tools(lines: Sequence[Line], first: int) -> int:
    """Where the article's head starts when the page's tools stand between it and the text:
    over short lines (share buttons, counters), one or two byline or date lines, and the line
    right above them (the headline, or the byline's name over its date) with the headline
    above that name ("The Adorable Reason ... on Slack" / "December 28, 2016" / "by Laura E.
    Adkins" / "Share" / "Facebook" / ...). ``first`` when there is no such head."""
    index = first - 1
    while index >= 0 and first - index <= _TOOLS_MAX and lines[index].words <= 4:
        if _is_byline_or_dateline(lines[index]):
            break
        index -= 1
    metas = 0
    while index >= 0 and metas < 2 and _is_byline_or_dateline(lines[index]):
        metas += 1
        index -= 1
    if not metas or index < 0:
        return first
    top = index + 1
    line = lines[index]
    if line.prose or line.text[-1] in ".:;!?":
        return top
    top = index  # the headline, or the name the date is under
    if line.words <= 6 and index > 0 and _is_headline(lines[index - 1]):
        top = index - 1  # "Richard Johnston" under its headline
    return top


#: a date as a page prints an article's ("18 July 2013", "Nov. 29, 2016", "29/11/2016",
#: "2016-11-29", "15:26"): digits alone ("Top 10", "COVID-19") are menu items too
_PRINTED_DATE = re.compile(
    r"\b(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d|\d{1,2}[:.]\d\d\b"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b"
    r"|\d{1,2}\.?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4})",
    re.IGNORECASE,
)


def _is_byline_or_dateline(line: Line) -> bool:
    """A byline by its opening ("By", "Von") or a line holding a printed date, of a few words."""
    if line.prose or line.words > 12:
        return False
    return line.text.lower().startswith(_META_OPENINGS) or (
        _PRINTED_DATE.search(line.text) is not None
    )


def _in_sentence_case(line: Line) -> bool:
    """A headline in sentence case: 5-30 words, no end mark, a capital (or digit) first and two
    words in lower case at least that are no small words ("Verizon shows off iPad TV app and
    more"); menu items are names in title case."""
    if line.prose or not 5 <= line.words <= 30:
        return False
    text = _core_text(line.text)
    if not text or text[-1] in ".:;,!?" or not (text[0].isupper() or text[0].isdigit()):
        return False
    lower = [word for word in text.split()[1:] if word[0].islower()]
    return sum(1 for word in lower if word not in _SMALL_WORDS) >= 2


def _is_byline_or_date(line: Line) -> bool:
    """A meta line (see _is_meta_line) by its opening ("By", "Updated") or its digits only: a
    short line alone may be a menu's last item."""
    if line.prose or line.words > 12:
        return False
    text = line.text
    if text.isascii():
        digit = _ASCII_DIGIT.search(text) is not None
    else:
        digit = any(char.isdigit() for char in text)
    return digit or text.lower().startswith(_META_OPENINGS)


_ASCII_DIGIT = re.compile(r"[0-9]")


def _mark_menu_run(
    run: list[int],
    strict: Sequence[bool],
    lines: Sequence[Line],
    roles: list[str],
    blocks: list[int],
    counter: _BlockCounter,
) -> None:
    if not run:
        return
    for segment in _menu_segments(run, strict, lines):
        block = counter.take()
        for member in segment:
            roles[member] = MENU
            blocks[member] = block


def _menu_segments(
    run: list[int], strict: Sequence[bool], lines: Sequence[Line]
) -> list[list[int]]:
    """The menus inside a run of short lines: split where three data-like lines follow each
    other (a list of dates or results is not a menu), trimmed to start and end on bare items."""
    segments: list[list[int]] = []
    current: list[int] = []
    data_streak: list[int] = []
    for member in run + [-1]:
        if member >= 0 and not strict[member] and _is_data_line(lines[member].text):
            data_streak.append(member)
            continue
        if len(data_streak) >= _MENU_DATA_SPLIT or member < 0:
            segments.append(current)
            current = []
        else:
            current.extend(data_streak)
        data_streak = []
        if member >= 0:
            current.append(member)
    menus = []
    for segment in segments:
        while segment and not strict[segment[-1]]:
            segment.pop()
        while segment and not strict[segment[0]]:
            segment.pop(0)
        if len(segment) < _MENU_MIN_LINES:
            continue
        if sum(1 for member in segment if strict[member]) >= _MENU_STRICT_SHARE * len(segment):
            menus.append(segment)
    return menus


def _is_data_line(text: str) -> bool:
    """A list entry carrying data: a label and value, several commas, or several digits."""
    if ":" in text or text.count(",") >= 2:
        return True
    return sum(1 for char in text if char.isdigit()) >= 3


def _mark_related(
    lines: Sequence[Line], roles: list[str], blocks: list[int], counter: _BlockCounter
) -> None:
    """A related header and the headline-like lines under it, up to the next prose line."""
    index = 0
    while index < len(lines):
        line = lines[index]
        # related_header's own first test, inlined: it rules out nearly every line
        if line.words > 12 and (
            line.words > _INLINE_MAX_WORDS
            or not 0 < line.text.find(":", 0, 40)
            and ">>" not in line.text
        ):
            index += 1
            continue  # too long for a header; a pointer ("Lire aussi : <headline>") has a colon
        if line.prose or roles[index] == MENU:
            index += 1
            continue
        kind = _related_header(line)
        if kind is None:
            index += 1
            continue
        members = [index]
        if kind != "inline":
            follow = index + 1
            while (
                follow < len(lines)
                and len(members) <= _RELATED_MAX_LINES
                and _related_entry(lines[follow])
                and _related_header(lines[follow]) is None
                and not _comment_marker(lines[follow])
            ):
                members.append(follow)
                follow += 1
        if len(members) == 1 and (
            kind == "prefix"
            and not (index == len(lines) - 1 and _names_a_site(line))
            or kind == "header"
            and _inside_prose(lines, index)
        ):
            # "More on the economy" alone may be a subheading, and a lone "Read more" between
            # two paragraphs may introduce the next one; a list under it proves the header, and
            # so does the end of the body: a heading of nothing is one whose list was dropped
            index += 1
            continue
        block = blocks[index] if blocks[index] >= 0 else counter.take()
        for member in members:
            roles[member] = RELATED
            blocks[member] = block
        index = members[-1] + 1


#: a list of other stories without a header: this many headlines in a row at least
_HEADLINE_LIST_MIN = 5
_HEADLINE_BULLETS = "*•·-–—▪►> "


def _mark_headline_lists(
    lines: Sequence[Line],
    core: tuple[int, int],
    title: list[range],
    roles: list[str],
    blocks: list[int],
    counter: _BlockCounter,
) -> None:
    """Lists of other stories without a header, in the page's chrome around the article.

    A whole-page dump keeps the site's lists of stories (the section's latest, most read,
    picks) before and after the article, often under a header no list of related headers
    knows ("DH Picks", "Holiday Gift Guides"). Such a list is five lines in a row at least (a
    blank line between them at most) of 4-16 words, opening with a capital, a digit or a quote
    and not ending like a sentence, none given a role yet, outside the article's core, and next
    to a menu, related list or comment section. Next to the article's paragraphs it would be
    the article's own list; with digits in most lines it is a schedule or a table (tour dates,
    results), which articles print."""
    if JUNK_ROLES.isdisjoint(roles):
        return  # no chrome for a list to stand next to: a clean extraction
    first, last = core
    # the article's own headline, byline and dates above it are no list of other stories
    head = _title_of(lines, first, title)
    opening = head.start if head else first
    for start, stop in ((0, opening), (last + 1, len(lines))):
        runs: list[list[int]] = []
        run: list[int] = []
        for index in range(start, stop):
            line = lines[index]
            # the word count first: most lines of a page's chrome are shorter
            if 4 <= line.words <= 16 and roles[index] == TEXT and _headline_like(line):
                if run and line.number - lines[run[-1]].number > 2:
                    runs.append(run)
                    run = []
                run.append(index)
            elif run:
                runs.append(run)
                run = []
        runs.append(run)
        for found in runs:
            if found and not _points_under_headline(lines, found, opening):
                _mark_headline_run(lines, found, roles, blocks, counter)


def _points_under_headline(lines: Sequence[Line], run: list[int], opening: int) -> bool:
    """The article's headline over its bulleted key points, right above its text: a line
    without a bullet, then bulleted ones, touching the article's opening."""
    if run[-1] + 1 != opening or len(run) < 2:
        return False
    bulleted = [lines[index].text[0] in _HEADLINE_BULLETS for index in run]
    return not bulleted[0] and all(bulleted[1:])


def _mark_headline_run(
    lines: Sequence[Line],
    run: list[int],
    roles: list[str],
    blocks: list[int],
    counter: _BlockCounter,
) -> None:
    if len(run) < _HEADLINE_LIST_MIN:
        return
    before = roles[run[0] - 1] if run[0] > 0 else None
    after = roles[run[-1] + 1] if run[-1] + 1 < len(roles) else None
    if before not in JUNK_ROLES and after not in JUNK_ROLES:
        return
    numbered = sum(1 for index in run if any(char.isdigit() for char in lines[index].text))
    if numbered * 2 > len(run):
        return
    if run[0] > 0 and lines[run[0] - 1].text[-1] == ":":
        return  # introduced by its own line ("The shortlisted novels are:"): the article's
    block = counter.take()
    for index in run:
        roles[index] = RELATED
        blocks[index] = block


def _headline_like(line: Line) -> bool:
    """4-16 words, a capital, digit or quote first (after a bullet), no sentence's end."""
    if not 4 <= line.words <= 16:
        return False
    text = line.text.lstrip(_HEADLINE_BULLETS)
    if not text or " | " in text:
        return False
    if text[-1] in ".!;:,?" and not text.endswith("..."):
        return False
    return text[0].isupper() or text[0].isdigit() or text[0] in "'\"‘“"


def _names_a_site(line: Line) -> bool:
    """A prefix header that is a name ("More from Sportsnet", "Popular on IndieWire"): a few
    words, no digit or comma. "Plus de 3000 manifestants à Paris" (more than) is a sentence."""
    text = line.text
    return line.words <= 5 and "," not in text and not any(char.isdigit() for char in text)


def _inside_prose(lines: Sequence[Line], index: int) -> bool:
    before = any(line.prose for line in lines[max(0, index - 2) : index])
    return before and any(line.prose for line in lines[index + 1 : index + 3])


def _related_entry(line: Line) -> bool:
    """A headline, date, byline or source tag under a related header (not a paragraph)."""
    if line.prose or line.words > 20:
        return False
    return line.text[-1] not in ".!;:" or line.words <= 4


def _mark_comments(
    lines: Sequence[Line],
    core: tuple[int, int],
    roles: list[str],
    blocks: list[int],
    counter: _BlockCounter,
) -> tuple[int, int]:
    """Mark a comment section (marker to the next menu or the end); returns the cut core."""
    first, last = core
    total = sum(line.words for line in lines[first : last + 1] if line.prose)
    before = 0
    for index in range(first, len(lines)):
        line = lines[index]
        if index <= last and line.prose:
            before += line.words
        # cheapest tests first: most lines are long, or stand before enough of the prose
        if line.words > 8 or roles[index] != TEXT:
            continue
        if before < _COMMENTS_MIN_WORDS_BEFORE:
            continue
        if before < _COMMENTS_MIN_SHARE_BEFORE * total:
            # early in the prose: a marker only with the comment form under it (the form's own
            # text, a privacy notice, can be much of the page's prose)
            if not (_comment_marker(line) and _comment_form_follows(lines, index)):
                continue
        elif not _comment_marker(line):
            continue
        block = counter.take()
        follow = index
        while follow < len(lines) and roles[follow] not in (MENU, RELATED):
            roles[follow] = COMMENTS
            blocks[follow] = block
            follow += 1
        if index <= last:
            last = max(first, _last_prose_before(lines, index, first))
        return (first, last)
    return core


#: how the comment form of blog software (WordPress, in its translations) opens, normalised
_COMMENT_FORM_OPENINGS = (
    "your email address will not be published",
    "you must be logged in to post a comment",
    "votre adresse e-mail ne sera pas publiée",
    "vous devez être connecté pour publier un commentaire",
    "tu dirección de correo electrónico no será publicada",
    "o seu endereço de email não será publicado",
    "o seu endereço de e-mail não será publicado",
    "il tuo indirizzo email non sarà pubblicato",
    "devi essere connesso per inviare un commento",
    "deine e-mail-adresse wird nicht veröffentlicht",
    "ihre e-mail-adresse wird nicht veröffentlicht",
    "uw e-mailadres wordt niet gepubliceerd",
    "alamat email anda tidak akan dipublikasikan",
    "ваш адрес email не будет опубликован",
    "האימייל לא יוצג באתר",
)


def _comment_form_follows(lines: Sequence[Line], index: int) -> bool:
    """Whether one of the three lines after a comment marker opens a comment form."""
    return any(
        normalise(line.text).startswith(_COMMENT_FORM_OPENINGS)
        for line in lines[index + 1 : index + 4]
    )


def _last_prose_before(lines: Sequence[Line], index: int, floor: int) -> int:
    for back in range(index - 1, floor - 1, -1):
        if lines[back].prose:
            return back
    return floor


def _span(lines: Sequence[Line], core: tuple[int, int], roles: Sequence[str]) -> tuple[int, int]:
    """Grow the core to the farthest prose line on each side that no junk block cuts off."""
    first, last = core
    index = first - 1
    while index >= 0 and roles[index] not in JUNK_ROLES:
        if lines[index].prose:
            first = index
        index -= 1
    index = last + 1
    while index < len(lines) and roles[index] not in JUNK_ROLES:
        if lines[index].prose:
            last = index
        index += 1
    return first, last


def _mark_head(lines: Sequence[Line], first: int, roles: list[str]) -> None:
    """Headline, meta lines under it and section crumbs above it, read upward from the text.

    Only a head zone shaped like a page top qualifies: up to three meta lines directly above
    the text, the headline above those, and the crumb directly above the headline as one of the
    first lines of the zone (after any menu). Anything else keeps the ``edge`` role.
    """
    index = first - 1
    metas: list[int] = []
    while index >= 0 and roles[index] == EDGE and len(metas) < 3 and _is_meta_line(lines[index]):
        metas.append(index)
        index -= 1
    if index < 0 or roles[index] != EDGE or not _is_headline(lines[index]):
        return
    roles[index] = HEADLINE
    for meta in metas:
        roles[meta] = META
    crumb = index - 1
    if crumb < 0 or roles[crumb] != EDGE or not _is_crumb(lines[crumb]):
        return
    label = lines[crumb]
    if (
        label.words > 1
        and not label.text.isupper()
        and _capitalises_nouns(lines[index], lines[first])
    ):
        return  # "Auf Einsatzfahrt": a German kicker, the headline's first line
    # a section label sits at the top of the page: at most a banner above it, or a menu
    above = 0
    top = crumb - 1
    while top >= 0 and roles[top] not in JUNK_ROLES and roles[top] != BREADCRUMB:
        above += 1
        top -= 1
    if above <= 1:
        roles[crumb] = CRUMB


#: function words of German, which capitalises every noun: in German text, words in capitals
#: are no sign of a label, and a kicker of a few words ("Auf Einsatzfahrt", "Einsätze der
#: Feuerwehr") stands above most headlines
_GERMAN_WORDS = frozenset(
    # not the articles: "der", "den", "dem", "des" and "die" are words of Danish, Dutch,
    # French or English too
    "und nicht mit nach für auf sich ist eine einen vom zum zur bei über wird sind wurde auch "
    "von".split()
)


def _capitalises_nouns(*lines: Line) -> bool:
    """Whether the lines read as German: two of its function words at least."""
    words = {word.lower() for line in lines for word in line.text.split()}
    return len(words & _GERMAN_WORDS) >= 2


def _is_crumb(line: Line) -> bool:
    """A short title-case or capitalised label: no end mark, no digits, no sentence."""
    text = _core_text(line.text)
    if not text or line.words > 6 or text[-1] in ".!?:;,…":
        return False
    if any(char.isdigit() or char in _DOUBLE_QUOTES or char in ":@#" for char in text):
        return False
    return text.isupper() or is_title_case(text)


_set_field = object.__setattr__


def _finish(line: Line, zone: str, role: str, block: int) -> None:
    """Give a collected line its zone, role and block in place.

    The lines are fresh objects nobody else holds until ``analyse`` returns, so setting the
    frozen fields here is safe, and it saves building every line a second time (a third of
    the analysis, measured). Only differing fields are set: most lines keep the defaults.
    """
    if line.zone != zone:
        _set_field(line, "zone", zone)
    if line.role != role:
        _set_field(line, "role", role)
    if block != -1:
        _set_field(line, "block", block)
