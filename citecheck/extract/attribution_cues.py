"""The vocabulary and precompiled patterns that `citecheck.extract.attributions` matches sentences with.

This module owns the data of attribution and hedge detection: known outlets, job titles and generic
nouns, the capitalised-name pattern `_NAME` (bounded, possessive repetition, so matching stays linear),
and the regular expressions for each way prose attributes ("according to X", "X said", "people familiar
with the matter", "analysts say", "the report shows"), for role lines under quotes, and for hedges.
It holds no logic beyond building them.
"""

from __future__ import annotations

import re

# --- names -----------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


THE_OUTLETS = {
    n.lower(): n
    for n in (
        "The Information", "The Verge", "The Guardian", "The New York Times", "The Wall Street Journal",
        "The Washington Post", "The Economist", "The Atlantic", "The Times", "The Telegraph",
        "The Independent", "The Register", "The Hill", "The Intercept", "The New Yorker", "The Diplomat",
        "The Hindu", "The Straits Times", "The Japan Times", "The Korea Herald", "The Globe and Mail",
        "The Boston Globe", "The Los Angeles Times", "The Irish Times", "The Next Web", "The Block",
    )
}  # fmt: skip
OUTLETS = _words(
    """Reuters Bloomberg CNBC CNN BBC AP AFP Xinhua Nikkei Axios Politico Semafor TechCrunch Wired
    Forbes Fortune Caixin Lexology NPR Engadget Gizmodo ZDNet DigiTimes Benzinga Kyodo Yonhap Insider
    MarketWatch"""
) | {
    "Associated Press", "Agence France-Presse", "Financial Times", "Ars Technica", "Sherwood News",
    "South China Morning Post", "Nikkei Asia", "Business Insider", "Yahoo Finance", "Fox News",
    "NBC News", "ABC News", "CBS News", "Al Jazeera", "Global Times", "Deutsche Welle", "Dow Jones",
    "Seeking Alpha", "Tom's Hardware", "People's Daily", "Barron's",
}  # fmt: skip
OUTLET_SUFFIXES = _words(
    "News Times Post Journal Press Herald Tribune Daily Wire Gazette Telegraph Chronicle Magazine "
    "Insider TV Radio Weekly Monitor Review Asia"
)
ALIASES = {"AP": "Associated Press", "FT": "Financial Times", "WSJ": "The Wall Street Journal"}
TITLES = _words(
    """CEO CFO CTO COO Chairman Chairwoman Chair President Secretary Minister Director Founder
    Co-founder Cofounder Chief Executive Officer Governor Senator Sen. Rep. Representative Spokesperson
    Spokesman Spokeswoman Analyst Professor Prof. Dr. Mr. Mrs. Ms. Premier Ambassador Commissioner
    Chancellor Mayor Deputy Judge Economist Strategist Editor Reporter Correspondent"""
)
LEADING_NOISE = _words(
    """However Meanwhile But And So Also Then Now Still Yet Earlier Later Separately Today Yesterday
    Last In On At For As With By From After Before While When If Although Though Because Since
    Moreover Indeed Instead Overall Finally Initially Additionally Furthermore Plus According Citing
    Notably Previously Recently Ultimately Specifically Similarly Likewise Elsewhere Here There
    Asked Speaking Writing"""
)
GENERIC = _words(
    """analysts analyst experts expert sources source officials official insiders critics observers
    economists people executives investors traders reports documents others authorities regulators
    lawmakers companies firms users researchers strategists commentators scholars"""
)
NOT_SOURCES = GENERIC | _words(
    """he she it they we i you that this these those there here who which what needless some many
    most both all everyone nobody someone one each another the a an monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december"""
)

_SPECIAL = "|".join(  # outlets whose names hold an apostrophe ("Tom's Hardware")
    re.escape(n).replace("'", "['’]") for n in sorted(OUTLETS, key=len, reverse=True) if "'" in n
)
_CAP = (
    r"(?:(?:Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gen|Gov|St)\.|(?:[A-Z]\.){2,}|[A-Z]\.(?=\s[A-Z])"
    r"|[A-Z]\w*(?:[-'’&][A-Z]\w*)*)"
)
_CONN = r"(?:of|and|for|the|de|del|der|van|von|la|le|du|&)"
_NAME = rf"(?<![\w'’&.-])(?:{_SPECIAL}|{_CAP}(?:\s+(?:{_CONN}\s+){{0,2}}{_CAP}){{0,7}}+)"
_NAMELIST = rf"{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME}){{0,5}}+"
_POSS = r"(?:['’]s?)"

SPLIT_LIST = re.compile(r"\s*,\s*(?:and\s+)?")
SPLIT_AND = re.compile(r"\s+(?:and|&)\s+")


NOISE_HEAD = re.compile(rf"(?:(?:{'|'.join(sorted(LEADING_NOISE))})\s+)+")

# --- candidate patterns ----------------------------------------------------------------------

_I = re.IGNORECASE
_DOCNOUN = (
    r"(?:reports?|filings?|statements?|data|surveys?|stud(?:y|ies)|documents?|memos?|letters?|notices?"
    r"|(?:press\s+)?releases?|figures|estimates|records|analys[ie]s|transcripts?|e-?mails?|papers?"
    r"|research|polls?|forecasts?|disclosures?|announcements?|complaints?|rulings?|minutes|prospectus"
    r"|reporting|coverage|articles?|story|investigation)"
)
_DET = r"(?:the|a|an|its|their|his|her|this|that|these|those|one|another|new|recent|latest|official)"
_ANON_WHO = (
    r"(?:(?:two|three|four|five|several|multiple|some|many|other|unnamed|anonymous|senior|government"
    r"|company|industry|administration|(?-i:[A-Z][\w.]*))\s+){0,2}"
    r"(?:sources?|people|persons?|a\s+person|one\s+person|individuals?|officials?|executives?|insiders?"
    r"|those|employees?|diplomats?|staffers?|someone)"
)
_TOPIC = r"(?:\s+(?:the|its|their|his|her|this|that|these|a))?\s+[\w'’-]+"
_CLOSE = (  # "people close to the company / to him / to Acme", not "people close to the stage"
    r"(?:(?:the|its|their)\s+(?:company|firm|group|government|administration|matter|talks|deal|board|family"
    r"|president|ministry|negotiations|bank|team|investigation|discussions|chief|founder|leadership)"
    r"|him|her|them|(?-i:[A-Z][\w'’-]*))"
)
_ANON_QUAL = (
    rf"(?:familiar\s+with{_TOPIC}|with\s+(?:direct\s+|first-?hand\s+|close\s+)?knowledge\s+of{_TOPIC}"
    rf"|(?:who\s+(?:were|was|had\s+been|have\s+been)\s+)?briefed\s+on{_TOPIC}|close\s+to\s+{_CLOSE}"
    r"|who\s+(?:asked|requested|spoke|declined|did\s+not\s+want|didn['’]t\s+want|(?:were|was|are|is)\s+not)"
    r"\b[^,.;]{0,60}?(?:named|identified|anonymity|publicly|record|authori[sz]ed\s+to\s+\w+)"
    rf"|(?:speaking\s+)?on\s+(?:the\s+)?condition\s+of\s+anonymity|involved\s+in{_TOPIC}"
    rf"|aware\s+of{_TOPIC}|privy\s+to{_TOPIC}|in\s+the\s+know)"
)
ANON_CUES = {
    "familiar": "familiar with", "with": "knowledge of", "briefed": "briefed on", "close": "close to",
    "who": "not named", "speaking": "anonymity", "on": "anonymity", "involved": "involved in",
    "aware": "aware of", "privy": "privy to", "in": "in the know",
}  # fmt: skip
ANON = re.compile(rf"\b(?P<who>{_ANON_WHO})\s+(?P<qual>{_ANON_QUAL})", _I)
ANON_SAY = re.compile(
    r"\b(?:(?:two|three|several|multiple|some|unnamed|anonymous|industry|government|(?-i:[A-Z][\w.]*))\s+)?"
    r"(?P<cue>(?:sources|officials)\s+(?:have\s+|also\s+)?(?:say|said|says|told|tell|claim(?:ed)?|suggest(?:ed)?"
    r"|indicate[sd]?)|(?:a|one)\s+(?:senior\s+)?(?:source|official)\s+(?:said|says|told))\b",
    _I,
)
INSIDERS = re.compile(r"\b(?:(?:industry|company|government|party|tech|market)\s+)?insiders\b", _I)
_EXPERT_NOUN = (
    r"(?:analysts|experts|economists|observers|critics|commentators|strategists|researchers|scholars"
    r"|academics|pundits|watchers|specialists|skeptics|sceptics)"
)
_EXPERT_ONE = (
    r"(?:an?|one|another)\s+(?:[\w-]+\s+){0,3}?"
    r"(?P<one>analyst|expert|economist|observer|critic|commentator|strategist|researcher|scholar|professor)"
    r"(?:\s+(?:at|with|from|in)\s+(?:the\s+|an?\s+)?(?-i:[a-z][\w-]*(?:\s+[a-z][\w-]*)?)(?=\s+\w+\b))?"
)
_EXPERT_PREFIX = (
    r"(?:(?:some|many|most|several|other|few|leading|independent|outside|industry|market|tech|technology"
    r"|policy|trade|chip|semiconductor|financial|political|legal|security|foreign|western|sell-side"
    r"|wall\s+street)\s+)"
)
_EXPERT_VERB = (
    r"(?:say|said|says|see|saw|sees|caution(?:ed|s)?|warn(?:ed|s)?|believe[ds]?|argue[ds]?|expect(?:ed|s)?"
    r"|note[ds]?|suggest(?:ed|s)?|think|thinks|thought|predict(?:ed|s)?|estimate[ds]?|point(?:ed|s)?\s+out"
    r"|told|contend(?:ed|s)?|reckon(?:ed|s)?|agree[ds]?|fear(?:ed|s)?|worr(?:y|ied|ies)|speculate[ds]?"
    r"|forecast|project(?:ed)?|question(?:ed)?|doubt(?:ed)?|maintain(?:ed)?|insist(?:ed)?|view(?:ed)?)"
)
EXPERT_SAY = re.compile(
    rf"\b(?P<who>{_EXPERT_PREFIX}{{0,2}}(?P<noun>{_EXPERT_NOUN})|{_EXPERT_ONE})\s+"
    rf"(?:(?:have|had|also|generally|widely|\w+ly)\s+){{0,2}}(?P<verb>{_EXPERT_VERB})\b",
    _I,
)
EXPERT_BARE = re.compile(
    r"\b(?:some|many|most|several|other|few|leading|independent|outside|industry|market|wall\s+street)\s+"
    r"(?:analysts|experts|economists|observers|critics|commentators|strategists|watchers)\b",
    _I,
)
EXPERT_AT = re.compile(
    rf"(?i:\b(?P<noun>analysts?|economists?|strategists?|researchers?|experts?)\s+(?P<prep>at|from|with))"
    rf"\s+(?:the\s+)?(?P<names>{_NAME})"
)

_SAY_VERBS = (
    r"(?:said|says|say|told|tells|reported|reports|report|announced|announces|confirmed|confirms|wrote"
    r"|writes|stated|states|noted|notes|added|adds|explained|argued|argues|claimed|claims|warned|warns"
    r"|disclosed|discloses|revealed|reveals|acknowledged|denied|denies|estimated|estimates|predicted"
    r"|predicts|tweeted)"
)
SUBJECT = re.compile(
    rf"(?P<names>{_NAME})(?:,\s(?:[a-z]|[A-Z]\w*['’]s\b)[^,;:()\n]{{0,80}},)?\s+"
    rf"(?:(?:has|have|had|also|later|previously|first|earlier|separately|then|again|\w+ly)\s+){{0,2}}"
    # "Velmora said yes" is a decision, not a source
    rf"(?P<verb>{_SAY_VERBS})\b(?!\s+(?:yes|no|goodbye|farewell|thanks)\b)"
)
INVERTED = re.compile(
    rf"[,\"”’]\s*(?P<verb>said|says|added|wrote|noted|explained|argued|continued)\s+"
    rf"(?P<names>{_NAME})(?=\s*(?:[,.;:!?)\"”]|$))"
)
TOLD = re.compile(
    rf"\b(?P<verb>told|tells|speaking\s+(?:to|with)|talking\s+to|(?i:in\s+an?\s+(?:\w+\s+)?interview\s+with))"
    rf"\s+(?:the\s+)?(?P<names>{_NAME})"
)
POSSESSIVE = re.compile(
    rf"(?P<names>{_NAME}){_POSS}\s+(?:(?:own|original|exclusive|earlier|latest|initial|recent|new)\s+)?"
    r"(?P<noun>reporting|reports?|analysis|story|article|investigation|coverage|scoop|filing|statement"
    r"|announcement|survey|study|estimates?)\b"
)
_SPOKES = r"(?i:spokes(?:person|woman|man)|representative)"
SPOKES_OF = re.compile(rf"(?i:\b(?:an?|the)\s+)?(?P<names>{_NAME})\s+(?P<noun>{_SPOKES})\b")
SPOKES_FOR = re.compile(
    rf"(?i:\b(?:an?|the)\s+)?\b(?P<noun>{_SPOKES})\s+(?:for|at|of|from)\s+(?:the\s+)?(?P<names>{_NAME})"
)
IN_STATEMENT = re.compile(
    r"\b(?i:in)\s+an?\s+(?:[a-z]+\s+){0,2}?(?P<noun>statement|post|blog\s+post|filing|release|note)"
    rf"(?:\s+(?:on|to|released|issued|published)\s+[\w ]{{0,30}}?)?,\s+(?P<names>{_NAME})"
)
BY = re.compile(
    r"\b(?:(?:first|originally|also|previously|exclusively|initially|later|widely)\s+)?"
    r"(?P<verb>reported|covered|confirmed|published|revealed|broken|disclosed|cited|quoted|seen|reviewed"
    r"|obtained|viewed|detailed|announced)(?:\s+in\s+(?:detail|depth)|\s+earlier|\s+first)?\s+by\s+"
    r"(?:(?:multiple|several|other|various|numerous|two|three)\s+(?:news\s+|media\s+)?"
    r"(?:sources|outlets|reports|publications)\s*,?\s*(?:including|such\s+as|like|among\s+them)\s+)?"
    rf"(?:the\s+)?(?P<names>{_NAMELIST})"
)
INTRO = re.compile(r"(?<![\w-])(?P<cue>(?i:according\s+to|citing|per))\s+")
DOC_SAYS = re.compile(
    rf"(?i:\b{_DET}|\bsome|\bseveral|\bmultiple)\s+(?:(?P<names>{_NAME})\s+)?(?:[a-z][\w'’-]*\s+){{0,2}}?"
    rf"(?P<noun>(?i:{_DOCNOUN}))\s+(?:\w+ly\s+|also\s+)?"
    r"(?P<verb>says|said|show|shows|showed|shown|found|finds|states|stated|notes|noted|indicates|indicated"
    r"|reveals|revealed|suggests|suggested|estimates|estimated|concluded|concludes|claims|claimed"
    r"|warned|warns|added|adds|lists|listed|confirms|confirmed|reads|read)\b"
)

# Objects of "according to" / "citing" / "per", tried in order at the position after the cue.
OBJ_ANON = re.compile(
    rf"(?:{_ANON_WHO})\s+{_ANON_QUAL}|(?:(?:two|several|multiple|unnamed|anonymous|industry|government"
    r"|senior|(?-i:[A-Z][\w.]*))\s+){0,2}(?:sources|insiders|officials|an?\s+(?:senior\s+)?(?:source"
    r"|official)|one\s+source)\b",
    _I,
)
OBJ_EXPERT = re.compile(rf"(?:{_EXPERT_PREFIX}{{0,2}}{_EXPERT_NOUN}|{_EXPERT_ONE})\b", _I)
OBJ_DOC_BY = re.compile(
    rf"(?:[a-z][\w'’-]*\s+){{0,3}}?(?i:{_DOCNOUN})\s+(?:(?:compiled|published|released|provided|gathered)"
    rf"\s+)?(?:by|from)\s+(?:the\s+)?(?P<names>{_NAMELIST})"
)
OBJ_DOC_NAMED = re.compile(rf"(?:the|a|an)\s+(?P<names>{_NAME})\s+(?:[a-z][\w-]*\s+){{0,2}}?(?i:{_DOCNOUN})\b")
OBJ_REPORTS = re.compile(
    r"(?:(?:media|news|press|local|unconfirmed|multiple|several|some|other|recent|earlier|published)\s+)"
    r"{0,2}reports\b",
    _I,
)
OBJ_DOC = re.compile(rf"{_DET}\s+(?:[a-z][\w'’-]*\s+){{0,2}}?{_DOCNOUN}\b", _I)
OBJ_NAMES = re.compile(
    rf"(?:the\s+)?(?P<names>{_NAMELIST})(?:{_POSS}(?:\s+(?:own\s+)?(?:reporting|report|analysis|story|article|data"
    r"|coverage|filing|statement|estimates))?)?"
)
PER_BOUNDARY = re.compile(r"\s*(?:[,.;:)!?]|$)")

# --- role lines ------------------------------------------------------------------------------

ROLE_LINE = re.compile(r"^\s*(?P<body>(?P<dash>[-–—]{1,2})\s*(?P<role>[^\n]{1,120}?))[\s.]*$")
ROLE_NOUNS = _words(
    """analyst economist expert researcher professor executive official observer strategist engineer
    investor consultant adviser advisor scientist lawyer attorney spokesperson spokesman spokeswoman
    director manager founder ceo cto cfo trader commentator journalist diplomat fellow lecturer partner
    officer specialist scholar academic historian regulator employee staffer veteran watcher critic"""
)
ANON_ROLES = frozenset({"source", "insider"})  # "— Industry source" is anonymous, not an expert
NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "la", "le", "du", "da", "di"})
AT_ORG = re.compile(rf"\s(?:at|with|from|of|for)\s+(?:the\s+)?(?P<names>{_NAME})")
ROLE_BAD = re.compile(r"[\d:;!?\[\]()]|\.\s")

# --- hedges ----------------------------------------------------------------------------------

HEDGE = re.compile(
    r"\b(?:according\s+to\s+(?:(?:media|news|press|local|unconfirmed|multiple|several|some|other|recent"
    r"|earlier|published)\s+){0,2}reports"
    r"|sources\s+(?:say|said|says|claim|claimed|suggest|suggested|indicate|indicated)"
    r"|(?:is|are|was|were|be|been|being)\s+(?:widely\s+|also\s+|now\s+)?(?:said|believed|thought|understood"
    r"|reported|rumou?red|alleged|expected|purported)\s+to"
    r"|it\s+is\s+(?:widely\s+)?(?:understood|believed|thought|rumou?red|reported|alleged|said)"
    r"|it['’]s\s+(?:understood|believed|thought|rumou?red|reported|alleged|said)"
    r"|it\s+(?:appears|seems|appeared|seemed)"
    r"|(?:appears?|appeared|seems?|seemed)(?:\s+(?:to|that)\b|(?=\s+(?:set|poised|likely|unlikely|ready|\w+ed)\b))"
    r"|reportedly|allegedly|purportedly|supposedly|apparently|rumou?red|unconfirmed"
    r"|(?:may|might)\s+have(?!\s+to\b)|could\s+be)\b",
    _I,
)
