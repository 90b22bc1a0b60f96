import pytest

from lintcity.headings import HeadingStack, looks_like_heading, numbering_of


@pytest.mark.parametrize("text, rank", [
    ("第一章 总则", 0), ("第二节 目标", 1), ("一、总体要求", 2), ("（三）推进城市精准精细治理", 3),
    ("(三)推进治理", 3), ("1.建设城市大脑", 4), ("2、数据共享", 4), ("（1）统一运维", 5), ("①设施运营", 6),
])
def test_numbering_ranks(text, rank):
    assert looks_like_heading(text).rank == rank


@pytest.mark.parametrize("text", [
    "1.建设城市智能中枢。依托城市大脑统一架构。",  # run-in title: a paragraph
    "1.5万个5G基站",  # a number, not numbering
    "一、二季度完成招标，确保按期上线，并开展验收评估工作的相关安排。",
    "到2027年，全域数字化转型取得明显成效。",
])
def test_not_headings(text):
    assert looks_like_heading(text) is None


def test_stack_builds_paths():
    stack = HeadingStack()
    stack.push(2, "一、总体要求")
    stack.push(3, "（一）指导思想")
    assert stack.path == ("一、总体要求", "（一）指导思想")
    assert stack.push(2, "二、主要任务") == 1
    assert stack.path == ("二、主要任务",)
    assert numbering_of("（十二）推动数字化协同发展").marker == "（十二）"
