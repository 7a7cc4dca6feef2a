"""pacta_build.py — the PEP 517 build backend of bindings/python: a wheel
of the pure-Python package pacta/, made with the standard library, so that
`pip install bindings/python` works offline (no setuptools to fetch).

The name and version come from pyproject.toml's [project] table; the wheel
holds pacta/*.py and its dist-info (METADATA, WHEEL, RECORD).
"""
import base64
import hashlib
import os
import re
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TAG = "py3-none-any"


def _project():
    text = open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8").read()
    table = text.split("[project]", 1)[1]
    get = lambda key: re.search(r'^%s\s*=\s*"([^"]*)"' % key, table, re.M).group(1)
    return get("name"), get("version"), get("description"), get("requires-python")


def _metadata():
    name, version, summary, python = _project()
    readme = open(os.path.join(HERE, "README.md"), encoding="utf-8").read()
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\nRequires-Python: %s\n"
            "Description-Content-Type: text/markdown\n\n%s" % (name, version, summary, python, readme))


def _record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    name, version = _project()[:2]
    info = "%s-%s.dist-info" % (name, version)
    os.makedirs(os.path.join(metadata_directory, info), exist_ok=True)
    with open(os.path.join(metadata_directory, info, "METADATA"), "w", encoding="utf-8") as f:
        f.write(_metadata())
    return info


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    name, version = _project()[:2]
    info = "%s-%s.dist-info" % (name, version)
    wheel = "%s-%s-%s.whl" % (name, version, TAG)
    files = []
    pkg = os.path.join(HERE, "pacta")
    for f in sorted(os.listdir(pkg)):
        if f.endswith(".py"):
            files.append(("pacta/" + f, open(os.path.join(pkg, f), "rb").read()))
    files.append((info + "/METADATA", _metadata().encode("utf-8")))
    files.append((info + "/WHEEL", ("Wheel-Version: 1.0\nGenerator: pacta_build\nRoot-Is-Purelib: true\n"
                                    "Tag: %s\n" % TAG).encode()))
    record = "".join("%s,%s,%d\n" % (p, _record_hash(d), len(d)) for p, d in files) + info + "/RECORD,,\n"
    files.append((info + "/RECORD", record.encode()))
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel), "w", zipfile.ZIP_DEFLATED) as z:
        for p, d in files:
            zi = zipfile.ZipInfo(p, date_time=(1980, 1, 1, 0, 0, 0))
            zi.external_attr = 0o644 << 16
            z.writestr(zi, d, zipfile.ZIP_DEFLATED)
    return wheel


def build_sdist(sdist_directory, config_settings=None):
    import tarfile
    name, version = _project()[:2]
    base = "%s-%s" % (name, version)
    path = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(path, "w:gz") as t:
        for f in ["pyproject.toml", "README.md", "_build/pacta_build.py"] + \
                 ["pacta/" + f for f in sorted(os.listdir(os.path.join(HERE, "pacta"))) if f.endswith(".py")]:
            t.add(os.path.join(HERE, f), arcname=base + "/" + f)
        info = tarfile.TarInfo(base + "/PKG-INFO")
        data = _metadata().encode()
        info.size = len(data)
        import io
        t.addfile(info, io.BytesIO(data))
    return base + ".tar.gz"
