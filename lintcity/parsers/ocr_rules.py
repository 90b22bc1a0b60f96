"""Ruling lines of a scanned page: the table grid a text PDF gives as path objects.

A scanned table has no path objects, and text boxes alone lose it: a cell
centred beside a wrapped one lands in another row, and the detector may run
two close cells into one box. The rules are still on the image: long, thin runs
of dark pixels. A morphological opening with a long flat (or tall thin) kernel
keeps exactly those and drops the strokes of characters, which are far shorter
than any table border. The rules become `Rule`s in points, so the text reader's
grid code (`pdf_tables.ruled_tables`) builds the cells, and they are erased from
the image before recognition so no border is read as 一 or 丨.
"""

from __future__ import annotations

import numpy as np

from lintcity.parsers.pdf_page import Rule

_DARK = 160          # grey level below which a pixel is ink
_MIN_RULE_PT = 30.0  # a rule is at least this long (points); a character stroke at 20 pt is shorter
_MAX_THICK_PT = 3.0  # and at most this thick: thicker dark areas are pictures or bold strokes


def find_rules(gray: np.ndarray, scale: float) -> tuple[list[Rule], np.ndarray | None]:
    """Rules on a page image (`scale`: points per pixel), and the mask of their pixels (None if none).

    The search runs on the ink pooled 2×2 (a pixel is ink if any of its four is): a quarter of the
    pixels, and a one-pixel rule stays whole; the mask is scaled back to the page.
    """
    import cv2

    height, width = gray.shape
    # the darkest of each 2×2 pixels (a minimum filter, then every second pixel): a 1-pixel rule stays
    ink = (cv2.erode(gray, np.ones((2, 2), np.uint8))[::2, ::2] < _DARK).astype(np.uint8)
    scale *= 2
    length = max(int(_MIN_RULE_PT / scale), 8)
    horizontal = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (length, 1)))
    vertical = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))
    rules: list[Rule] = []
    erase = np.zeros_like(ink)
    thick = _MAX_THICK_PT / scale
    for mask, flat in ((horizontal, True), (vertical, False)):
        if not mask.any():
            continue
        count, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        kept = np.zeros(count, np.uint8)
        for label in range(1, count):
            x, y, w, h = (int(v) for v in stats[label][:4])
            if (h if flat else w) > thick:
                continue  # a dark area (a picture, a filled box), not a rule
            kept[label] = 1
            rules.append(Rule(x * scale, y * scale, (x + w) * scale, (y + h) * scale))
        erase |= kept[labels]
    if not rules:
        return [], None
    erase = cv2.dilate(erase, np.ones((3, 3), np.uint8))
    return rules, cv2.resize(erase, (width, height), interpolation=cv2.INTER_NEAREST).astype(bool)
