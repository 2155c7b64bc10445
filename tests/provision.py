"""Install what the browser tests need, so that ``make test`` alone works on a fresh machine.

Standard library only. ``make test`` runs it before pytest (through ``make provision``,
which runs it with the virtualenv's Python, so that Playwright's installer is at hand).
Every step first looks for what is already there, so a second run only checks (about
0.1 s): a few file look-ups, ``java -version`` and the driver's ``node --version``.

- ``TIMELINE_SKIP_BROWSER=1``: nothing is provisioned (pytest then skips the browser tests).
- Chromium: ``$TIMELINE_CHROMIUM`` when set (it must then be an executable), else Debian's
  ``/usr/bin/chromium`` (or ``chromium``/``chromium-browser`` on PATH); when none is there
  and we are root with apt-get, Debian's ``chromium`` and ``fonts-dejavu-core`` are
  installed; else Playwright's own build (``python -m playwright install chromium``),
  which the tests then launch by Playwright's default, without ``executable_path``.
- Java 17 or newer for the Nu Html Checker: ``java`` on PATH, else ``default-jre-headless``
  from apt when we are root with apt-get.
- Playwright's Node.js driver must start: a minimal Debian lacks its ``libatomic1``, which
  apt-get then installs too (in the same single ``apt-get install``).
- The Nu Html Checker: ``vnu.jar`` from the npm package ``vnu-jar`` at a pinned version,
  fetched once into ``.tools/`` (git-ignored) and checked against the pinned sha512
  integrity before use. The tarball is read directly rather than through ``npm install``:
  no Node.js is needed, and the package's postinstall script (which would download a Java
  runtime from outside the registry when none is found) never runs.

When something is missing and cannot be installed, it stops with one sentence naming the
command to run.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SKIP_VARIABLE = "TIMELINE_SKIP_BROWSER"
CHROMIUM_VARIABLE = "TIMELINE_CHROMIUM"
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser")
# What apt-get installs, as root, for each thing that is missing.
PACKAGES = {"chromium": ("chromium", "fonts-dejavu-core"), "java": ("default-jre-headless",),
            "driver": ("libatomic1",)}  # Playwright's Node.js driver needs libatomic.so.1
JAVA_MINIMUM = 17  # vnu.jar 26.9.27 contains classes for Java 17 (class file version 61)

VNU_VERSION = "26.9.27"
VNU_INTEGRITY = ("sha512-TkQd5DFfOaWC9ebtvozTsrH2Vaod3jYg+vrOeREzIXxBexLz9+rS2DNtjn7+RPUiZhgli0SghgBX6RJ"
                 "RNea0KA==")  # dist.integrity of vnu-jar@26.9.27 in the npm registry
VNU_MEMBER = "package/build/dist/vnu.jar"
VNU_JAR = ROOT / ".tools" / f"vnu-jar-{VNU_VERSION}" / "vnu.jar"
SKIP_HINT = f"or set {SKIP_VARIABLE}=1 to leave the browser tests out"


class Missing(Exception):
    """Something the browser tests need is missing; the message is the one sentence to show."""


def skipping() -> bool:
    """Whether the browser tests (and their provisioning) are left out on purpose."""
    return bool(os.environ.get(SKIP_VARIABLE))


def find_chromium() -> str | None:
    """Path of a Chromium executable: $TIMELINE_CHROMIUM when set, else Debian's chromium."""
    wanted = os.environ.get(CHROMIUM_VARIABLE)
    for candidate in [wanted] if wanted else CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def java_version(java: str) -> int | None:
    """Major version of the Java runtime ``java`` (8 for "1.8.0_392", 17 for "17.0.15")."""
    try:
        done = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r'version "(?:1\.)?(\d+)', done.stderr + done.stdout)
    return int(match.group(1)) if match else None


def find_java() -> str | None:
    """Path of a ``java`` on PATH that is new enough for the Nu Html Checker."""
    java = shutil.which("java")
    if java and (java_version(java) or 0) >= JAVA_MINIMUM:
        return java
    return None


def vnu_tarball_url() -> str:
    registry = os.environ.get("npm_config_registry") or "https://registry.npmjs.org/"
    return f"{registry.rstrip('/')}/vnu-jar/-/vnu-jar-{VNU_VERSION}.tgz"


def can_apt() -> bool:
    return os.name == "posix" and os.geteuid() == 0 and shutil.which("apt-get") is not None


def apt_install(packages: list[str]) -> bool:
    """``apt-get update`` then install ``packages``; whether both worked (apt's output shown if not)."""
    print(f"provision: installing {' '.join(packages)} with apt-get", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for command in (["apt-get", "update", "-qq"],
                    ["apt-get", "install", "-y", "-qq", *packages]):
        done = subprocess.run(command, env=env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if done.returncode != 0:
            print(done.stdout, end="", file=sys.stderr)
            print(f"provision: `{' '.join(command)}` failed with exit code {done.returncode}",
                  file=sys.stderr)
            return False
    return True


def playwright_install() -> bool:
    """Fetch Playwright's own Chromium build (quick when it is there already); whether it worked."""
    print("provision: no Chromium found; fetching Playwright's build "
          f"(`{Path(sys.executable).name} -m playwright install chromium`)", flush=True)
    try:
        done = subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"],
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=900)
    except (OSError, subprocess.SubprocessError) as error:
        print(f"provision: Playwright's install did not run: {error}", file=sys.stderr)
        return False
    if done.returncode != 0:
        print("\n".join(done.stdout.splitlines()[-5:]), file=sys.stderr)
        return False
    return True


def playwright_driver() -> Path | None:
    """The Node.js executable that Playwright's Python package drives the browser through."""
    spec = importlib.util.find_spec("playwright")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        node = Path(folder) / "driver" / ("node.exe" if os.name == "nt" else "node")
        if node.is_file():
            return node
    return None


def driver_starts() -> bool:
    """Whether Playwright's driver starts: on a minimal Debian it lacks libatomic.so.1."""
    node = playwright_driver()
    if node is None:
        return True  # not run from the virtualenv: pytest reports a missing Playwright itself
    try:
        return subprocess.run([str(node), "--version"], capture_output=True, timeout=60).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def missing_sentence(missing: list[str]) -> str:
    """The one sentence that says what to run when something in ``missing`` cannot be installed."""
    names = {"chromium": "Chromium", "java": f"Java {JAVA_MINIMUM} or newer",
             "driver": "libatomic1 (for Playwright's driver)"}
    what = " and ".join(names[key] for key in missing)
    if shutil.which("apt-get"):
        sudo = "" if os.name == "posix" and os.geteuid() == 0 else "sudo "
        packages = " ".join(package for key in missing for package in PACKAGES[key])
        action = f"run `{sudo}apt-get update && {sudo}apt-get install -y {packages}`"
    else:
        actions = {"chromium": "run `.venv/bin/python -m playwright install chromium` where the "
                               "network allows",
                   "java": f"install a Java {JAVA_MINIMUM} or newer runtime with `java` on PATH",
                   "driver": "install the libatomic library (libatomic.so.1)"}
        action = " and ".join(actions[key] for key in missing)
    return (f"{what} for the browser tests could not be installed here: "
            f"{action}, then `make test` again, {SKIP_HINT}.")


def ensure_browser_and_java() -> tuple[str, str]:
    """Chromium (a path, or "Playwright's build") and Java (a path); raise Missing if not to be had."""
    wanted = os.environ.get(CHROMIUM_VARIABLE)
    if wanted and find_chromium() is None:
        raise Missing(f"{CHROMIUM_VARIABLE}={wanted} is not an executable: point it at a Chromium "
                      f"or unset it, {SKIP_HINT}.")

    def look() -> tuple[str | None, str | None, list[str]]:
        chromium, java = find_chromium(), find_java()
        gone = [key for key, ok in (("chromium", chromium), ("java", java), ("driver", driver_starts()))
                if not ok]
        return chromium, java, gone

    chromium, java, gone = look()
    if gone and can_apt() and apt_install([package for key in gone for package in PACKAGES[key]]):
        chromium, java, gone = look()
    if "chromium" in gone and "driver" not in gone and playwright_install():
        gone.remove("chromium")
        chromium = "Playwright's build"
    if gone:
        raise Missing(missing_sentence(gone))
    return chromium, java


def integrity_of(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")


def ensure_vnu() -> Path:
    """The pinned vnu.jar in .tools/, fetched and checked against its integrity the first time."""
    if VNU_JAR.is_file():
        return VNU_JAR  # only ever renamed into place after its tarball's integrity was checked
    url = vnu_tarball_url()
    print(f"provision: fetching the Nu Html Checker (vnu-jar {VNU_VERSION})", flush=True)
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            data = response.read()
    except OSError as error:
        raise Missing(f"The Nu Html Checker could not be fetched from {url} ({error}): "
                      f"run `make test` again where the npm registry is reachable, {SKIP_HINT}.") from None
    if integrity_of(data) != VNU_INTEGRITY:
        raise Missing(f"The tarball from {url} does not match the integrity pinned in "
                      "tests/provision.py, so it was not used: check the npm registry setting and the pin.")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        try:
            jar = archive.extractfile(VNU_MEMBER).read()
        except (KeyError, AttributeError):
            raise Missing(f"{url} has no {VNU_MEMBER}: check the pin in tests/provision.py.") from None
    VNU_JAR.parent.mkdir(parents=True, exist_ok=True)
    partial = VNU_JAR.with_suffix(".partial")
    partial.write_bytes(jar)
    partial.replace(VNU_JAR)
    return VNU_JAR


def main() -> int:
    if skipping():
        print(f"provision: {SKIP_VARIABLE} is set: no browser, Java or Nu Html Checker provisioned")
        return 0
    try:
        chromium, java = ensure_browser_and_java()
        jar = ensure_vnu()
    except Missing as missing:
        print(missing, file=sys.stderr)
        return 1
    print(f"provision: Chromium {chromium}; Java {java}; "
          f"Nu Html Checker {VNU_VERSION} {jar.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
