"""The document model's generic parts: comment anchors and line locations."""

from lintcity.document import Location, RawBlock, RawComment, build_document


def test_comment_anchors_map_to_kept_blocks():
    raws = [RawBlock("一、总体要求", Location(paragraph=1)), RawBlock("  ", Location(paragraph=2)),
            RawBlock("\n到2027年，一网通办率达到95%。", Location(paragraph=3)),
            RawBlock("成立领导小组。", Location(paragraph=4))]
    comments = [RawComment("lintcity: disable=TG101", 2, 2, 2, 7, "审稿人"),   # inside one block
                RawComment("整段", 1, None, 3, None),                          # starts in a dropped block
                RawComment("空", 1, None, 1, None)]                             # anchors no kept text
    doc = build_document("x.docx", "docx", raws, comments=comments)
    first, whole, empty = doc.comments
    assert doc.blocks[first.block_index].text[first.start:first.end] == "2027年"
    assert first.author == "审稿人" and first.end_block is None and first.last_block == 1
    assert (whole.block_index, whole.start, whole.end_block, whole.end) == (1, None, 2, None)
    assert empty.block_index is None and empty.text == "空"
    assert first.to_dict()["text"] == "lintcity: disable=TG101"


def test_location_renders_notes_and_lines():
    assert str(Location(paragraph=7, line=12)) == "段7 行12"
    assert str(Location(paragraph=7, footnote=2)) == "脚注2"
    assert str(Location(endnote=1, line=2)) == "尾注1 行2"
    assert Location(paragraph=7, line=2).sort_key() < Location(paragraph=7, line=12).sort_key()


def test_frozen_maker_builds_what_init_builds():
    import pickle

    import pytest

    from lintcity.document import Block
    from lintcity.frozen import frozen_maker

    location = frozen_maker(Location)
    raw_block = frozen_maker(RawBlock)
    assert location(paragraph=7, line=None) == Location(paragraph=7) and location(3, 1) == Location(3, 1)
    made = raw_block("一、总体要求", location(paragraph=1), "heading", style_level=1)
    assert made == RawBlock("一、总体要求", Location(paragraph=1), "heading", style_level=1)
    assert made.line_locations == () and made.heading is None
    assert hash(location(paragraph=2)) == hash(Location(paragraph=2)) and str(location(paragraph=2)) == "段2"
    assert pickle.loads(pickle.dumps(made)) == made
    with pytest.raises(AttributeError):
        made.text = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        frozen_maker(Block)  # a field with a default_factory needs __init__
