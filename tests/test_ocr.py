"""OCR post-processing without the model: corrections of recognised text, and a ruled table found
on a page image with the recognised boxes cut into its cells (boxes given by hand)."""

from __future__ import annotations

import pytest

from lintcity.parsers.ocr_text import correct


@pytest.mark.parametrize("read, meant", [
    # full-width punctuation in Chinese; brackets go by pairs
    ("实施方案（2025一2030年)", "实施方案（2025—2030年）"),
    ("近期(2025-2027年)远期(", "近期（2025—2027年）远期（"),
    ("2024年(基期)", "2024年（基期）"),
    ("结合本区实际,制定本方案", "结合本区实际，制定本方案"),
    # a document number's year always stands in 〔〕 (GB/T 9704)
    ("发改数据【2024）660号）", "发改数据〔2024〕660号）"),
    ("发改数据[2024]660号", "发改数据〔2024〕660号"),
    ("二○三○年", "二〇三〇年"),
    # twins the model confuses, taken only where they make a word and the reading makes none
    ("为深人贯彻", "为深入贯彻"),
    ("接人两级38个部内的业务", "接入两级38个部门的业务"),
    ("城市级数字李生应用", "城市级数字孪生应用"),
])
def test_ocr_corrections_set_what_chinese_typesetting_fixes(read, meant):
    assert correct(read) == meant


@pytest.mark.parametrize("text", [
    "f(x) = 1, g(y)", "see (a) and (b)", "人民群众", "国内外", "个人信息", "官网人口", "李明同志", "2025-03",
    "编号[12]", "1000-2000",
])
def test_ocr_corrections_leave_what_the_context_does_not_decide(text):
    assert correct(text) == text


def test_ruled_table_on_a_page_image_gives_cells(monkeypatch):
    """A grid drawn on the image is found and erased; boxes inside it become its cells, a cell
    centred beside a wrapped one stays in its row and a box run over a rule is cut at it."""
    pytest.importorskip("cv2", reason="the OCR extra (lintcity[ocr], which brings opencv) is not installed")
    import numpy as np

    from lintcity.parsers.ocr import page_items, prepare
    from lintcity.parsers.pdf_tables import TableItem

    scale = 72 / 200  # points a pixel at 200 dpi
    image = np.full((2339, 1654), 255, np.uint8)
    xs, ys = [200, 700, 1000, 1400], [600, 680, 860]
    for y in ys:
        image[y:y + 3, xs[0]:xs[-1] + 3] = 0
    for x in xs:
        image[ys[0]:ys[-1] + 3, x:x + 3] = 0
    image[300:340, 200:800] = 0  # a body line of text above the table (ink, not a rule: too thick)
    gray, rules = prepare(image, scale)
    assert len(rules) == 7 and gray[ys[1] + 1, 850] == 255 and gray[320, 500] == 0

    def box(x0, y0, x1, y1, text):
        return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1]], text, 0.99]

    result = [
        box(210, 300, 800, 340, "主要指标如下表所示。"),
        box(210, 620, 400, 660, "指标"), box(710, 620, 800, 660, "单位"), box(1010, 620, 1200, 660, "2030年"),
        box(210, 700, 680, 740, "数字经济核心产业增加"), box(210, 750, 500, 790, "值占比"),
        box(710, 730, 1390, 770, "%          ≥15"),  # the detector ran two cells into one box
    ]
    items = page_items(result, rules, 1, scale)
    tables = [it for it in items if isinstance(it, TableItem)]
    assert len(tables) == 1 and tables[0].ocr
    assert tables[0].rows == [["指标", "单位", "2030年"], ["数字经济核心产业增加值占比", "%", "≥15"]]
    assert [it.text for it in items if not isinstance(it, TableItem)] == ["主要指标如下表所示。"]


def test_a_frame_round_the_page_is_not_a_table():
    pytest.importorskip("cv2", reason="the OCR extra (lintcity[ocr], which brings opencv) is not installed")
    import numpy as np

    from lintcity.parsers.ocr import page_items, prepare

    scale = 72 / 200
    image = np.full((2339, 1654), 255, np.uint8)
    image[100:103, 100:1550] = image[2200:2203, 100:1550] = 0
    image[100:2203, 100:103] = image[100:2203, 1547:1550] = 0
    gray, rules = prepare(image, scale)
    assert len(rules) == 4 and (gray == 255).all()  # found, and erased
    lines = [[[[300, 400], [900, 400], [900, 440], [300, 440]], "一、总体要求", 0.99],
             [[[250, 500], [1400, 500], [1400, 540], [250, 540]], "推进城市全域数字化转型。", 0.99]]
    items = page_items(lines, rules, 1, scale)
    assert [it.text for it in items] == ["一、总体要求", "推进城市全域数字化转型。"]


def test_recognition_time_is_not_the_documents_time_limit(monkeypatch, tmp_path, pack):
    """A 40-page scan takes minutes of OCR: recognition runs with the clock paused, so the default --timeout
    does not end every scanned plan with IO007 (the page count stays bounded by --max-pages)."""
    import time

    pytest.importorskip("cv2", reason="the OCR extra (lintcity[ocr], which brings opencv) is not installed")
    from PIL import Image

    from lintcity.limits import Limits
    from lintcity.parsers import ocr
    from lintcity.runner import RunOptions, lint_file

    pages = [Image.new("L", (600, 800), 255) for _ in range(2)]
    path = tmp_path / "scan.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:], resolution=72)
    said = iter(["一、总体要求", "到2027年，城市运行管理服务平台全面建成，一网统管覆盖全市。"])

    def slow(gray):  # a page the model needs longer for than the whole document's limit
        time.sleep(0.4)
        return [[[[100, 600], [1400, 600], [1400, 640], [100, 640]], next(said), 0.99]]

    monkeypatch.setattr(ocr, "available", lambda: True)
    monkeypatch.setattr(ocr, "recognise", slow)
    report = lint_file(path, pack, RunOptions(Limits(timeout_s=0.3)))
    assert report.error is None, report.error
    assert any("（OCR）" in str(e.location) for c in report.coverage for e in c.evidence)
