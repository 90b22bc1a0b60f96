"""What kind of document is this? The question a reviewer asks before any requirement.

A digital-economy plan, a tourism plan or a government work report uses the
guideline's vocabulary (智慧城市 as a market, its own big-data platform,
一网通办 as one year's work) without answering the guideline. The verdict:

- `plan`: a plan answering the guideline (城市全域数字化转型 / 智慧城市
  implementation or action plan, work points, a bureau's plan for its part of
  it; a 十四五 smart-city plan too — its age shows in the citation and target
  findings);
- `related`: a digital plan of another kind (digital economy, an industry,
  digital government, data) or a digital rulebook;
- `other`: anything else (a work report, a budget report, a sector plan).

Evidence, each a `KindSignal` the reporters show: the title (topic and genre),
the opening of a report (各位代表), the purpose sentence (为……，制定本方案),
the citation of the guideline, and the share of body sentences that speak of
the guideline's domains. The title decides when it names a topic; the purpose
sentence, the citation and the share decide when it does not.
"""

from __future__ import annotations

import re

from lintcity.diagnostics import KindSignal

# Topics. A smart-city topic in the title makes a plan; a sector before 数字化转型 makes it another kind.
_SMART_CITY = re.compile(r"智慧城市|全域数字化|城市数字化|数字城市|城市大脑|一网统管|城市运行管理服务|城市运行和治理|"
                         r"城市生命线|数字孪生城市|新型智慧|智慧(?:县城|城区|社区)建设|数字化转型")
_SECTOR_BEFORE = re.compile(r"(?:制造业|工业|企业|中小企业|产业|教育|医疗|卫生|农业|金融|交通|文旅|旅游|能源|商贸|服务业|"
                            r"政府|机关|档案|科研|水利)(?:的)?数字化转型")
_RELATED = re.compile(r"数字经济|数字产业|软件|信息技术|人工智能|数字政府|政务服务|电子政务|政务数据|公共数据|数据要素|"
                      r"数据资源|数据产业|大数据|算力|信息化|互联网|5G|新型基础设施|新基建|数字化|智能|智慧|数据|数字")
_DATA_TOPIC = re.compile(r"公共数据|数据要素|数据资源|政务数据")
_PLAN_GENRE = re.compile(r"方案|计划|规划|意见|要点|工作安排|行动")
_NOT_A_PLAN_GENRE = re.compile(r"报告|总结|公报|通报|讲话|细则|办法|规则|指南|标准|评估指标|考核|预案|白皮书|条例")
_REPORT_OPENING = re.compile(r"各位代表|向大会报告|报告工作|请予审议|工作回顾")
_PURPOSE = re.compile(r"为[^。]{4,200}?(?:制定|编制|印发|特制定|现提出|提出如下|现就)")
_GUIDELINE = re.compile(r"发改数据〔2024〕660号|发改数据\[2024\]660号|推进城市全域数字化转型的指导意见|"
                        r"推进全域数字化转型行动计划|促进智慧城市健康发展的指导意见|发改高技〔2014〕1770号")

MIN_SENTENCES = 20  # a shorter text with no telling title (an example, a stub) is given the benefit of the doubt
PLAN_SHARE = 0.25  # a plan spends at least a quarter of its body sentences on the guideline's domains
RELATED_SHARE = 0.10
MIN_DOMAINS = 6  # ... across at least this many of the guideline's domains
HEAD_BLOCKS = 12  # the title, issuer and purpose sentence sit in the first blocks


def classify(blocks, sentences, domain_ids: frozenset[str]) -> tuple[str, tuple[KindSignal, ...]]:
    """The document-level verdict and its evidence.

    `blocks` are the document's blocks, `sentences` its SentenceInfos (with
    hits and discounts), `domain_ids` the requirements that are city domains
    (GL2xx–GL4xx), whose share of the body says what the document is about.
    """
    signals: list[KindSignal] = []
    title = _title(blocks)
    head = " ".join(b.norm for b in blocks[:HEAD_BLOCKS])
    share, domains = _share(sentences, domain_ids)
    signals.append(KindSignal("share", f"{share:.0%}", round(share, 2)))
    signals.append(KindSignal("domains", str(len(domains)), float(len(domains))))
    purpose = _PURPOSE.search(head)
    cited = _GUIDELINE.search(" ".join(b.norm for b in blocks[:HEAD_BLOCKS * 3]))
    if purpose:
        signals.append(KindSignal("purpose", purpose.group(0)[:80], 1.0 if _SMART_CITY.search(purpose.group(0)) else 0.0))
    if cited:
        signals.append(KindSignal("citation", cited.group(0), 1.0))
    report_opening = _REPORT_OPENING.search(head)
    if report_opening:
        signals.append(KindSignal("report", report_opening.group(0), -2.0))

    topic = _title_topic(title)
    if title:
        signals.insert(0, KindSignal("title", title[:60], {"plan": 2.0, "related": -1.0, "other": -2.0}.get(topic, 0.0)))
    if report_opening or (title and _NOT_A_PLAN_GENRE.search(title) and not _PLAN_GENRE.search(title)):
        # a work report, a budget report, rules for assessment: a document about a plan is not the plan
        digital = bool(title and _RELATED.search(title) and not _SECTOR_ONLY.search(title))
        kind = "related" if digital and not report_opening else "other"
        return kind, tuple(signals)
    if topic == "plan":
        return "plan", tuple(signals)
    ties = bool(cited) or bool(purpose and _SMART_CITY.search(purpose.group(0)))
    if topic == "related":
        # a data bureau's plan for its part of the guideline is one of the guideline's plans
        if title and _DATA_TOPIC.search(title) and ties:
            return "plan", tuple(signals)
        return "related", tuple(signals)
    if topic == "other":
        return "other", tuple(signals)
    # no telling title: the purpose sentence, the citation and the share decide
    if ties or _body_size(sentences) < MIN_SENTENCES or (share >= PLAN_SHARE and len(domains) >= MIN_DOMAINS):
        return "plan", tuple(signals)
    if share >= RELATED_SHARE:
        return "related", tuple(signals)
    return "other", tuple(signals)


_SECTOR_ONLY = re.compile(r"政府工作报告|预算|决算")


# What sits above the title of a document as offices send it: the document number (棠管发〔2025〕12号) and
# the issuing body on a line of its own (雁丘市交通运输局).
_DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}[〔\[［【(（]\d{4}[〕\]］】)）]\s*第?\d+\s*号$")
_ISSUER = re.compile(r"^[\u4e00-\u9fff]{2,30}(?:局|委员会|委|办公室|办公厅|人民政府|政府|管委会|管理委员会|中心|厅)$")
# A transmittal notice (关于印发《…》的通知) is how a plan travels: its subject is the document it carries.
_NOTICE = re.compile(r"(?:印发|转发|下发)[^《]{0,6}《([^》]{4,80})》")


def _title(blocks) -> str:
    """The title a reader would name the document by (the carried document's, for a transmittal notice)."""
    heads = [b for b in blocks[:HEAD_BLOCKS] if not (_DOC_NUMBER.match(b.norm) or _ISSUER.match(b.norm))]
    title = ""
    for block in heads[:5]:
        if block.kind == "title":
            title = block.norm
            break
    else:
        for block in heads[:3]:  # a plain-text title that reads like a sentence head
            if block.kind in ("heading", "paragraph") and len(block.norm) <= 60 and "。" not in block.norm:
                if _PLAN_GENRE.search(block.norm) or _NOT_A_PLAN_GENRE.search(block.norm):
                    title = block.norm
                    break
    carried = _NOTICE.search(title)
    return carried.group(1) if carried else title


# A sector's own plan (education, tourism, a port company, an event) is `other` even when it is about the
# sector's informatization: the issue's "sector plan". An industry plan stays `related`.
_SECTOR_TITLE = re.compile(r"教育|旅游|文旅|文化|卫生|健康|医疗|农业|农村|乡村振兴|交通|防汛|抗旱|应急预案|体育|赛事|马拉松|"
                           r"住房|环保|生态环境|水利|林业|商务|招商|财政|预算|港口|港务|集团|公司|民政|养老|就业|社保")


# The parts of a title that name no topic: the place, the period, the genre and the verbs around them.
_PLACE_SUFFIX = "(?:省|自治区|自治州|地区|新区|开发区|市|州|盟|县|旗|区)"
_PLACE = re.compile(rf"^(?:[\u4e00-\u9fff]{{1,8}}?{_PLACE_SUFFIX})+")
_NO_TOPIC = re.compile(r"[（(][^）)]*[）)]|\d{4}\s*[—–-]+\s*\d{4}\s*年?|\d{4}年?|[“”\"'‘’《》〈〉]|关于|进一步|加快|全面|深入|"
                       r"推进|推动|深化|实施|建设|攻坚|高质量|发展|三年|五年|十四五|十五五|行动计划|行动方案|实施方案|"
                       r"工作方案|实施意见|工作要点|规划|方案|计划|意见|行动|工作|的|和|与|及")
# A city's own digital brand (数字苇城, “数智棠溪”, 智慧柳渡) names the city-wide transformation.
_BRAND = ("数字", "数智", "智慧", "智能")
_PLACE_PART = re.compile(rf"([\u4e00-\u9fff]{{1,8}}?){_PLACE_SUFFIX}")
_QUOTED_BRAND = re.compile(r"[“\"‘'](?:数字|数智|智慧)[\u4e00-\u9fff]{2,4}[”\"’']")


def _title_topic(title: str) -> str | None:
    """plan / related / other from the title's words, None when it names no topic.

    A title whose words, once the place, period and genre are set aside, name a
    topic outside digital work (城市更新, 新型城镇化) is `other`: its purpose
    sentence may still say 智慧城市 among its slogans.
    """
    if not title:
        return None
    smart = _SMART_CITY.search(title)
    if smart and not _SECTOR_BEFORE.search(title):
        return "plan"
    place = _PLACE.match(title)
    stems = [stem for stem in _PLACE_PART.findall(place.group(0)) if len(stem) >= 2] if place else []
    if _QUOTED_BRAND.search(title) or any(brand + stem in title for brand in _BRAND for stem in stems):
        return "plan"
    if _SECTOR_TITLE.search(title):
        return "other"
    if _RELATED.search(title) or _SECTOR_BEFORE.search(title):
        return "related"
    topic = _NO_TOPIC.sub("", title[place.end():] if place else title)
    if any(brand in topic for brand in _BRAND):
        return None  # a digital word this list does not know: the purpose and the share decide
    return "other" if len(topic) >= 2 else None


def _body_size(sentences) -> int:
    return sum(1 for i in sentences if not i.is_heading and i.block.kind != "table_cell")


def _share(sentences, domain_ids: frozenset[str]) -> tuple[float, set[str]]:
    """Share of body sentences that speak of a city domain as the document's own statement."""
    body = [i for i in sentences if not i.is_heading and i.block.kind != "table_cell"]
    if not body:
        return 0.0, set()
    domains: set[str] = set()
    speaking = 0
    for info in body:
        if not info.hits:
            continue  # names no requirement (and its requirements_named need not be built)
        named = info.requirements_named & domain_ids
        if named:
            speaking += 1
            domains |= named
    return speaking / len(body), domains
