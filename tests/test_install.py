"""The rule packs are data outside the package: they must be found after a plain `pip install .`."""

import os
import subprocess
import sys

from conftest import ROOT


def test_plain_install_finds_rule_packs(tmp_path):
    target = tmp_path / "site"
    build = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                            "--target", str(target), str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    assert (target / "lintcity" / "_rules" / "guideline-2024" / "pack.yaml").is_file()
    code = ("from lintcity.packs import builtin_rules_dir, load_pack; "
            "print(builtin_rules_dir()); print(len(load_pack().requirements))")
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    lines = out.stdout.split()
    assert lines and lines[0].startswith(str(target)), out.stderr
    assert int(lines[1]) >= 30
