"""The vocabulary of entity recognition in `citecheck.extract.facts.entities`.

This module owns the gazetteer: places and well-known organisations with their canonical names and
aliases ("U.S." -> "United States"), looked up with `lookup`, which gives ``(canonical, kind)``. It
also holds the word lists that stop, join or classify runs of capitalised tokens: titles, capitalised
function words, acronyms that are no names, demonyms, organisation words, leaders of "X of Y" names
and legal suffixes.
"""

from __future__ import annotations


def _names(text: str) -> list[str]:
    return [n.strip() for n in text.split("|")]


_PLACES = _names(
    """Afghanistan|Argentina|Australia|Austria|Bangladesh|Belgium|Brazil|Canada|Chile|China|Colombia|
    Denmark|Egypt|Ethiopia|Finland|France|Germany|Greece|Hong Kong|Hungary|India|Indonesia|Iran|Iraq|
    Ireland|Israel|Italy|Japan|Kenya|Macau|Malaysia|Mexico|Netherlands|New Zealand|Nigeria|North Korea|
    Norway|Pakistan|Philippines|Poland|Portugal|Qatar|Russia|Saudi Arabia|Singapore|South Africa|
    South Korea|Spain|Sweden|Switzerland|Syria|Taiwan|Thailand|Turkey|Ukraine|United Arab Emirates|
    United Kingdom|United States|Vietnam|European Union|Europe|Asia|Africa|North America|
    Latin America|Middle East|Silicon Valley|Beijing|Shanghai|Shenzhen|Guangzhou|Hangzhou|Washington|
    New York|London|Paris|Berlin|Brussels|Tokyo|Seoul|Taipei|Moscow|Kyiv|New Delhi|Mumbai|Bangalore|
    Dubai|Riyadh|Tel Aviv|Geneva|Zurich|Frankfurt|Amsterdam|Madrid|Rome|Toronto|Sydney|
    San Francisco|Los Angeles|Seattle|Boston|Chicago|Santa Clara|Cupertino"""
)
_ORGS = _names(
    """Nvidia|AMD|Intel|Huawei|Alibaba|Tencent|ByteDance|Baidu|Xiaomi|SMIC|TSMC|Samsung|SK Hynix|
    Micron|Qualcomm|Broadcom|Arm|ASML|Apple|Google|Alphabet|Microsoft|Meta|Amazon|OpenAI|Anthropic|
    DeepSeek|IBM|Oracle|Tesla|Reuters|Bloomberg|CNBC|CNN|BBC|Xinhua|Associated Press|
    Financial Times|Wall Street Journal|New York Times|Ars Technica|White House|Pentagon|Congress"""
)
_ALIASES = {
    "United States": "US|U.S.|U.S|USA|U.S.A.|America|United States of America",
    "United Kingdom": "UK|U.K.|Britain|Great Britain",
    "European Union": "EU|E.U.",
    "China": "PRC|Mainland China|People's Republic of China",
    "United Arab Emirates": "UAE",
}
_GAZETTEER: dict[str, tuple[str, str]] = {n.lower(): (n, "place") for n in _PLACES}
_GAZETTEER |= {n.lower(): (n, "org") for n in _ORGS}
_GAZETTEER |= {a.lower(): (n, "place") for n, al in _ALIASES.items() for a in al.split("|")}


def is_place(name: str) -> bool:
    """A country, city or region of the gazetteer ("Beijing", "Washington", "the EU")."""
    found = _GAZETTEER.get(name.lower().removeprefix("the "))
    return found is not None and found[1] == "place"


TITLES = frozenset(
    """CEO CFO CTO COO Chairman Chairwoman Chair President Vice Premier Prime Minister Secretary
    Senator Sen Rep Representative Governor Gov Mayor Director Chief Executive Officer Dr Mr Mrs Ms
    Prof Professor General Gen Judge Justice Spokesperson Spokesman Spokeswoman Founder Co-founder
    Commissioner Ambassador Chancellor King Queen Pope Sir Analyst""".split()
)
CAP_STOP = frozenset(
    """The A An In On At For By With From And Or But Nor That This These Those It Its Their They He She
    We You I As If When While Where Why How What Which Who Whose Whom After Before Since Until Although
    Though Because Despite During Between Among Against Without Within Into Onto Over Under About
    Above Below Also Still Yet Now Then Instead Meanwhile However Moreover Furthermore Overall Finally
    Indeed Perhaps Even Just Only Some Many Most Several Few All Both Each Every Any No Not Other
    Another Such Previous Recent Initial Last Next First Second Third New Old Our My His Her Your There
    Here Let Let's Expect According Adding Given Unlike Like Per Via Is Are Was Were Be Has Have Had Do
    Does Did Will Would Could Should May Might Must Can Yes So To Of Up Out Why More Less Much Top
    Today Yesterday Tomorrow Sources Source Summary Conclusion Intro Introduction Update Updated Read
    Table Contents Photo Image Figure Note Editor Exclusive Analysis Opinion Breaking Whenever Wherever
    Whether Once Unless Thus Hence Therefore Besides Otherwise Nonetheless Nevertheless Regardless Amid
    Across Along Around Beyond Toward Towards Upon Behind Near Throughout Inside Outside Including
    Compared Similarly Likewise Additionally Ultimately Eventually Currently Again Rather Maybe Often
    Sometimes Soon Later Earlier Already Though Whatever Whoever Everyone Everything Nothing Someone
    Something None Neither Either Both Few Fewer Much Lots Plenty Half Part Read More See Click
    Subscribe Share Follow Sign Log Home Back Full Story Related Articles Comment Comments Leave
    January February March April June July August September October November December Jan Feb Mar
    Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split()
)
ACRONYM_STOP = frozenset(
    """AI GPU GPUs CPU CPUs LLM LLMs CEO CEOs R&D IT PC PCs TV API APIs IPO GDP EV EVs HBM OK FAQ
    PDF URL HTML USB AM PM ET GMT UTC Q1 Q2 Q3 Q4 H1 H2 FY""".split()
)
DEMONYMS = frozenset(
    """Chinese American European Dutch Japanese Korean Taiwanese British German French Indian Russian
    Asian Western Eastern Israeli Iranian Canadian Mexican Italian Spanish Swiss Australian
    Brazilian Saudi Emirati African Arab Global International National Federal Domestic""".split()
)
ORG_WORDS = frozenset(
    """Inc Corp Corporation Co Ltd Limited LLC plc PLC Group Holdings AG SA GmbH NV Administration
    Department Bureau Ministry Agency Commission Council Committee Authority Office University
    Institute Bank Association Foundation Fund Federation Organization Organisation Reserve
    Parliament Senate Court Party Exchange Times News Post Journal Technologies Labs Laboratories
    Industries Partners Capital Motors Electronics Semiconductor Systems""".split()
)
OF_LEADERS = frozenset(
    """Bureau Department Ministry Bank University Institute Office Commission Council Board Chamber
    Court House Academy Association Federation Republic Kingdom Administration Agency Committee
    Union Minister""".split()
)
STRIP_SUFFIX = frozenset("Inc Corp Corporation Co Ltd Limited LLC plc PLC Holdings Group AG SA GmbH NV".split())


def lookup(name: str) -> tuple[str, str] | None:
    key = name.lower().replace("’", "'")
    hit = _GAZETTEER.get(key)
    if hit is None and "." in key:
        hit = _GAZETTEER.get(key.replace(".", ""))
    return hit
