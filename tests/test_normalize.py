import pytest

from lintcity.normalize import normalize, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("覆盖率达到９５％", "覆盖率达到95%"),
    ("９５．５％", "95.5%"),
    ("ＩＰｖ６", "IPv6"),
    ("二〇二七年", "2027年"),
    ("到二零三〇年底", "到2030年底"),
    ("二〇二七年和２０３０年", "2027年和2030年"),
    ("數據要素", "数据要素"),
    ("發改資料〔2024〕660號", "发改数据〔2024〕660号"),  # Taiwan vocabulary recovered
    ("公共資料授權運營", "公共数据授权运营"),
    ("網路安全", "网络安全"),
    ("智慧城市", "智慧城市"),  # simplified text is never rewritten (tw2sp alone would give 智能城市)
    ("程序", "程序"),
    ("城市\n大脑", "城市大脑"),  # PDF line break inside a word
    ("到 2027 年底", "到2027年底"),
    ("smart\ncity", "smart city"),  # kept between Latin words
    ("2027 2030", "2027 2030"),
    ("發展(zhǎn)數字經濟", "发展数字经济"),  # pinyin glosses from reprints
    ("城市信息模型（CIM）", "城市信息模型（CIM）"),  # acronyms are not pinyin
    ("　　一网通办", "一网通办"),
])
def test_normalize_table(raw, expected):
    assert normalize_text(raw) == expected


def test_offsets_map_back_to_original():
    raw = "到　２０２７年，\n城市大脑覆盖率达到９５％"
    n = normalize(raw)
    start = n.text.index("城市大脑")
    s, e = n.original_span(start, start + 4)
    assert raw[s:e] == "城市大脑"
    s, e = n.original_span(n.text.index("95%"), n.text.index("95%") + 3)
    assert raw[s:e] == "９５％"
