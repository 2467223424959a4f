"""After `make install`: fail when pyproject.toml asks for a package the lock did not install.

The lock (requirements/lock.txt) is made from pyproject.toml by `make lock`; a dependency added to
pyproject.toml without it would otherwise go missing silently (the project installs with --no-deps).
"""

import sys
from importlib.metadata import PackageNotFoundError, requires, version

from packaging.requirements import Requirement

problems = []
for line in requires("thidua") or []:
    requirement = Requirement(line)
    if requirement.marker and not requirement.marker.evaluate({"extra": "test"}):
        continue
    try:
        installed = version(requirement.name)
    except PackageNotFoundError:
        problems.append(f"{requirement}: not installed")
        continue
    if not requirement.specifier.contains(installed, prereleases=True):
        problems.append(f"{requirement}: {installed} installed")
if problems:
    sys.exit(
        "requirements/lock.txt does not hold what pyproject.toml asks for; run `make lock`:\n  "
        + "\n  ".join(problems)
    )
