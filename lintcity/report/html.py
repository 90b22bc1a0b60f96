"""The matrix as one self-contained HTML file: a report a reviewer can e-mail.

Everything is inside the file (CSS and JS inlined, no font, image or script
fetched), and a Content-Security-Policy forbids any request, so it works from
an e-mail attachment and leaks nothing. The page is rendered here, in Python,
with every document string escaped; the small script only shows a cell's
details and applies the filters, so the page reads (and prints) without it.
"""

from __future__ import annotations

from html import escape
from importlib import resources

from lintcity.i18n import current_language, t
from lintcity.report.matrix import STATUS_SYMBOL, Cell, Matrix, Row, format_value
from lintcity.report.matrix_flat import catalog_label, kind_label

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _asset(name: str) -> str:
    return (resources.files("lintcity.report") / name).read_text(encoding="utf-8")


def e(value: object) -> str:
    return escape(str(value), quote=True)


def render(matrix: Matrix) -> str:
    title = t("review.title", plans=len(matrix.rows), pack=matrix.pack_id)
    lang = "zh-CN" if current_language() == "zh" else "en"
    return "\n".join([
        "<!DOCTYPE html>",
        f'<html lang="{lang}"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        f"<style>{_asset('html_report.css')}</style></head><body>",
        f"<h1>{e(title)}</h1>",
        _filters(matrix),
        f'<p class="legend">{e(t("review.legend"))}</p>',
        _matrix_table(matrix),
        f'<section id="detail" class="detail" aria-live="polite"><p class="hint">{e(t("review.html.hint"))}</p>'
        "</section>",
        f'<h2>{e(t("review.html.plans"))}</h2>',
        *(_card(matrix, i, row) for i, row in enumerate(matrix.rows)),
        _details(matrix),
        f"<script>{_asset('html_report.js')}</script>",
        "</body></html>",
    ]) + "\n"


def _filters(matrix: Matrix) -> str:
    parts = "".join(f'<option value="{e(p.key)}">{e(p.key)} {e(p.title)}</option>' for p in matrix.parts)
    statuses = "".join(f'<option value="{s}">{STATUS_SYMBOL[s]} {e(t(f"status.{s}"))}</option>'
                       for s in ("covered", "thin", "missing"))
    plans = "".join(f'<option value="{i}">{e(r.path)}</option>' for i, r in enumerate(matrix.rows))
    every = e(t("review.html.all"))
    return ('<form class="filters" id="filters">'
            f'<label>{e(t("review.col.part"))} <select id="f-part"><option value="">{every}</option>{parts}'
            "</select></label>"
            f'<label>{e(t("review.col.status"))} <select id="f-status"><option value="">{every}</option>{statuses}'
            "</select></label>"
            f'<label>{e(t("review.col.plan"))} <select id="f-plan"><option value="">{every}</option>{plans}'
            "</select></label></form>")


def _matrix_table(matrix: Matrix) -> str:
    head1 = [f'<th rowspan="2">{e(t("review.col.plan"))}</th>']
    head1 += [f'<th colspan="{len(p.columns)}" class="part" data-part="{e(p.key)}" title="{e(p.title)}">'
              f"{e(p.key)} {e(p.title)}</th>" for p in matrix.parts]
    summary = [t("review.col.coverage"), t("review.col.targets_year", year=2027),
               t("review.col.targets_year", year=2030), t("review.col.citation"), t("review.col.errors")]
    head1 += [f'<th rowspan="2">{e(s)}</th>' for s in summary]
    head2 = [f'<th class="req" data-part="{e(c.part)}" title="{e(c.title)}"><span>{e(c.id)}</span>'
             f'<small>{e(c.title)}</small></th>' for c in matrix.columns]
    body = [_matrix_row(matrix, i, row) for i, row in enumerate(matrix.rows)]
    return ('<div class="scroll"><table class="matrix" id="matrix"><thead>'
            f'<tr>{"".join(head1)}</tr><tr>{"".join(head2)}</tr></thead><tbody>{"".join(body)}</tbody>'
            "</table></div>")


def _matrix_row(matrix: Matrix, index: int, row: Row) -> str:
    name = f'<th class="plan"><a href="#plan-{index}">{e(row.path)}</a></th>'
    if row.unreadable:
        span = len(matrix.columns) + 5
        return (f'<tr data-plan="{index}">{name}<td class="unreadable" colspan="{span}">'
                f'{e(t("review.unreadable", cause=row.unreadable))}</td></tr>')
    cells = []
    for col in matrix.columns:
        cell = row.cells.get(col.id)
        if cell is None:
            cells.append(f'<td class="none" data-part="{e(col.part)}"></td>')
            continue
        cells.append(f'<td class="cell {cell.status}" data-part="{e(col.part)}" data-status="{cell.status}">'
                     f'<button type="button" data-detail="d-{index}-{e(col.id)}" '
                     f'title="{e(col.id)} {e(col.title)}: {e(t(f"status.{cell.status}"))}">{cell.symbol}</button></td>')
    coverage = row.coverage if row.coverage is not None else 0.0
    cells.append(f'<td class="score" style="--score:{coverage:.0f}">{e(format_value(coverage))}%</td>')
    for year in row.years:
        symbol = STATUS_SYMBOL.get(year.status, "·")
        cells.append(f'<td class="year {year.status}">{symbol} {year.quantified}</td>')
    cells.append(f'<td class="citation {row.citation}">{e(t(f"review.citation.{row.citation}"))}</td>')
    cells.append(f'<td class="errors{" bad" if row.errors else ""}">{row.errors}</td>')
    return f'<tr data-plan="{index}">{name}{"".join(cells)}</tr>'


def _details(matrix: Matrix) -> str:
    """One hidden block per cell; the script shows the clicked one in the detail panel."""
    out = ['<div hidden id="details">']
    for index, row in enumerate(matrix.rows):
        for col in matrix.columns:
            cell = row.cells.get(col.id)
            if cell is not None:
                out.append(f'<div id="d-{index}-{e(col.id)}">{_cell_detail(row, col.id, col.title, cell)}</div>')
    out.append("</div>")
    return "".join(out)


def _cell_detail(row: Row, req_id: str, title: str, cell: Cell) -> str:
    head = (f'<h3><span class="badge {cell.status}">{cell.symbol} {e(t(f"status.{cell.status}"))}</span> '
            f"{e(req_id)} {e(title)} — {e(row.path)}</h3>")
    parts = [head]
    if cell.message:
        parts.append(f'<p class="message">{e(cell.message)}'
                     + (f' <span class="loc">{e(cell.location)}</span>' if cell.location else "") + "</p>")
    counted = [ev for ev in cell.evidence if not ev.discounted]
    if counted:
        parts.append(f'<h4>{e(t("review.html.evidence"))}</h4><ul class="evidence">')
        parts += [f'<li><span class="loc">{e(ev.location)}</span> {e(ev.quote)}'
                  + (f' <small>（{e("、".join(ev.terms))}）</small>' if ev.terms else "") + "</li>"
                  for ev in counted]
        parts.append("</ul>")
    discounted = [ev for ev in cell.evidence if ev.discounted]
    if discounted:
        parts.append(f'<h4>{e(t("review.html.discounted"))}</h4><ul class="evidence discounted">')
        parts += [f'<li><span class="loc">{e(ev.location)}</span> {e(ev.quote)} '
                  f'<small>（{e(catalog_label("verdicts.filter", ev.discounted))}）</small></li>' for ev in discounted]
        parts.append("</ul>")
    if cell.suggestion:
        parts.append(f'<p class="suggestion"><b>{e(t("review.col.suggestion"))}：</b>{e(cell.suggestion)}</p>')
    return "".join(parts)


def _card(matrix: Matrix, index: int, row: Row) -> str:
    coverage = "—" if row.coverage is None else f"{format_value(row.coverage)}%"
    out = [f'<article class="card" id="plan-{index}" data-plan="{index}"><h3>{e(row.path)}</h3>',
           f'<p class="facts">{e(t("review.col.coverage"))}：<b>{e(coverage)}</b>　'
           f'{e(t("review.col.citation"))}：<b class="citation {row.citation}">'
           f'{e(t(f"review.citation.{row.citation}"))}</b>　{e(t("review.col.errors"))}：{row.errors}　'
           f'{e(t("review.col.warnings"))}：{row.warnings}'
           + (f'　{e(t("review.col.kind"))}：{e(kind_label(row.document_kind))}' if row.document_kind else "")
           + "</p>"]
    if row.unreadable:
        out.append(f'<p class="unreadable">{e(t("review.unreadable", cause=row.unreadable))}</p></article>')
        return "".join(out)
    if row.findings:
        out.append(f'<h4>{e(t("review.sheet.findings"))}</h4><table class="findings"><tr>'
                   + "".join(f"<th>{e(t(k))}</th>" for k in ("review.col.rule", "review.col.severity",
                                                             "review.col.location", "review.col.message",
                                                             "review.col.suggestion")) + "</tr>")
        for f in row.findings:
            quote = f'<blockquote>{e(f.quote)}</blockquote>' if f.quote else ""
            out.append(f'<tr class="{e(f.severity)}"><td>{e(f.rule_id)}</td><td>{e(t(f"severity.{f.severity}"))}</td>'
                       f"<td>{e(f.location)}</td><td>{e(f.message)}{quote}</td><td>{e(f.suggestion)}</td></tr>")
        out.append("</table>")
    if row.targets:
        out.append(f'<h4>{e(t("review.sheet.targets"))}</h4><table class="targets"><tr>'
                   + "".join(f"<th>{e(t(k))}</th>" for k in ("review.col.year", "review.col.indicator",
                                                             "review.col.comparator", "review.col.value",
                                                             "review.col.unit", "review.col.location")) + "</tr>")
        for tg in sorted(row.targets, key=lambda x: x.year):
            out.append(f"<tr><td>{tg.year}</td><td>{e(tg.indicator)}</td><td>{e(tg.comparator)}</td>"
                       f"<td>{e(tg.value_text)}</td><td>{e(tg.unit)}</td><td>{e('；'.join(tg.locations))}</td></tr>")
        out.append("</table>")
    out.append("</article>")
    return "".join(out)
