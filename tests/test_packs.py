"""Rule packs: examples run at load, validation errors name file and field, extends, --rules, plugins."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import FIXTURES, ROOT
from lintcity.errors import PackError
from lintcity.packs import load_pack
from lintcity.specs import check_examples


def test_every_example_of_the_guideline_pack_passes(pack):
    assert check_examples(pack) == []


def test_guideline_pack_is_complete(pack):
    ids = {r.id for r in pack.requirements}
    expected = {"GL101", "GL201", "GL202", "GL203", "GL204", "GL205", "GL206", "GL207", "GL301", "GL302",
                "GL401", "GL402", "GL403", "GL501", "GL502", "OP101", "OP102", "OP103", "OP104", "OP105",
                "OP106", "TG101", "TG102", "CT101"}
    assert expected <= ids
    for req in pack.requirements:
        if req.kind in ("coverage", "mechanism"):
            assert len(req.terms) >= 10, req.id
            assert req.explain and req.suggestion and req.item and req.examples_match, req.id


def test_rules_check_command(cli):
    code, out, _ = cli("rules", "--check")
    assert code == 0 and "个示例中" in out and "个通过" in out


def _pack(folder, requirements, pack_extra=""):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pack.yaml").write_text(f"id: {folder.name}\ntitle: 测试\n{pack_extra}", encoding="utf-8")
    (folder / "reqs.yaml").write_text(textwrap.dedent(requirements), encoding="utf-8")
    return folder


@pytest.mark.parametrize("body, message", [
    ("- id: XX101\n  evidence: [{group: a, terms: 5}]\n", "field evidence.0.terms: 5 is not of type 'array'"),
    ("- id: XX101\n  kind: nonsense\n", "field kind: unknown rule kind 'nonsense'"),
    ("- id: XX101\n  evidence: [{group: a, terms: [x]\n", "invalid YAML"),
    ("- id: lower1\n", "field id"),
])
def test_broken_pack_is_one_line_naming_file_and_field(cli, tmp_path, body, message):
    folder = _pack(tmp_path / "broken", body)
    code, out, err = cli("check", "--rules", str(folder), str(FIXTURES / "complete.md"))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert str(folder / "reqs.yaml") in err and message in err
    assert "Traceback" not in err


def test_new_pack_runs_with_rules(cli, tmp_path):
    folder = _pack(tmp_path / "tourism", """\
        - id: TR101
          title: 智慧旅游
          severity: error
          evidence:
            - {group: 旅游, terms: [智慧旅游, 智慧景区, 游客服务, 文旅融合, 旅游大数据, 分时预约, 一部手机游, 景区预约,
                                   旅游监测, 数字文旅]}
          examples: {match: [建设智慧景区。], no_match: [智慧旅游暂不纳入。]}
        """)
    code, out, _ = cli("check", "--format", "json", "--rules", str(folder), str(FIXTURES / "complete.md"))
    data = json.loads(out)
    assert data["pack"] == "tourism"
    assert [c["id"] for c in data["files"][0]["coverage"]] == ["TR101"]


def test_province_pack_extends_national(tmp_path):
    folder = _pack(tmp_path / "qinglan", """\
        - id: GL203
          severity: warning
        - id: GL403
          remove: true
        - id: QL101
          title: 省级特色任务
          evidence: [{group: a, terms: [青岚云, 省级平台]}]
        """, "extends: guideline-2024\n")
    province = load_pack(folder)
    ids = [r.id for r in province.requirements]
    assert "GL403" not in ids and "QL101" in ids and "GL201" in ids
    assert province.requirement("GL203").severity == "warning"
    assert province.requirement("GL203").terms == load_pack().requirement("GL203").terms
    assert province.settings["matching"]["negation_cues"]  # inherited settings


def test_pack_cannot_extend_itself(tmp_path):
    folder = _pack(tmp_path / "loop", "- id: XX101\n", "extends: loop\n")
    with pytest.raises(PackError):
        load_pack(folder)


def _install_budget_plugin(site):
    (site / "budget_rule.py").write_text(textwrap.dedent("""\
        from lintcity.checks.base import Check, CheckResult

        class BudgetCheck(Check):
            kind = "budget"
            default_requirement = {"id": "PL101", "title": "预算表", "severity": "warning"}

            def run(self, analysis):
                if any("预算" in s.sentence.norm for s in analysis.sentences):
                    return CheckResult()
                return CheckResult([self.diagnostic(analysis, "没有预算表述")])
        """), encoding="utf-8")
    dist = site / "budget_rule-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: budget-rule\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[lintcity.rules]\nbudget = budget_rule:BudgetCheck\n")


def _plugin_run(site, cache=None, select: str = "PL") -> tuple[list[str], str]:
    """Rule ids of a check of a fixture (PL only) with `site` on the path, and the run's stderr."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    if cache is not None:
        env["LINTCITY_CACHE_DIR"] = str(cache)
    out = subprocess.run([sys.executable, "-m", "lintcity", "check", "--format", "json", "--select", select,
                          str(FIXTURES / "unrelated.md")], capture_output=True, text=True, env=env, cwd=ROOT)
    return [d["rule_id"] for d in json.loads(out.stdout)["files"][0]["diagnostics"]], out.stderr


def test_plugin_rule_runs(tmp_path):
    """Install a plugin (a module plus a dist-info with an entry point) and see it run."""
    site = tmp_path / "site"
    site.mkdir()
    _install_budget_plugin(site)
    ids, err = _plugin_run(site)
    assert ids == ["PL101"], err


def test_a_plugin_installed_after_a_run_without_plugins_is_found(tmp_path):
    """A run with no plugin remembers that (no importlib.metadata next time); installing one is seen."""
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    ids, err = _plugin_run(site, cache, select="ALL")
    assert ids and "PL101" not in ids, err  # PL alone would be an unknown selector without the plugin
    assert len(list((cache / "entry-points").glob("none-*.txt"))) == 1
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]), "LINTCITY_CACHE_DIR": str(cache)}
    code = ("import sys\nfrom lintcity.plugins import RULES, entry_points_of\n"
            "print(entry_points_of(RULES), 'importlib.metadata' in sys.modules)")
    scans = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT).stdout
             for _ in range(2)]  # `python -c` sees another path list than `python -m`: its own first scan
    assert [out.split() for out in scans] == [["()", "True"], ["()", "False"]], scans  # then no metadata import
    _install_budget_plugin(site)  # a new .dist-info folder changes the path entry's modification time
    ids, err = _plugin_run(site, cache)
    assert ids == ["PL101"], err
