#!/usr/bin/env python3
"""The Java cataloguer's oracle: Python's zipfile module reads the same archives.

Usage: zipfile-oracle.py TREE DIR...   (DIRs relative to TREE, e.g. usr/share/java opt)
Prints one line per package, sorted: name TAB version TAB location, where location is the
archive's path inside TREE ("/opt/app/app.war!/WEB-INF/lib/x.jar" for a nested one).

Evidence, strongest first, as docs/inventory/java.md states it: every
META-INF/maven/G/A/pom.properties; else the manifest's main section (Implementation-Version
or Bundle-Version; Implementation-Title or Bundle-SymbolicName; Implementation-Vendor-Id as the
group; values holding white space skipped); else "artifact-1.2.3.jar". Nested archives are
read three levels deep.
"""
import io
import os
import re
import sys
import zipfile

EXTENSIONS = (".jar", ".war", ".ear", ".jpi", ".hpi", ".par", ".sar")
POM = re.compile(r"^META-INF/maven/[^/]+/[^/]+/pom\.properties$")
MAX_DEPTH = 3


def is_archive(name):
    base = name.rsplit("/", 1)[-1]
    return len(base) > 4 and base.lower().endswith(EXTENSIONS)


def properties(data):
    values = {}
    for line in data.decode("utf-8", "replace").splitlines():
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        m = re.match(r"^([^=:]+?)\s*[=:]\s*(.*)$", line)
        if m:
            values[m.group(1)] = m.group(2).strip()
    return values


def manifest_main(data):
    text = data.decode("utf-8", "replace").replace("\r\n", "\n").replace("\r", "\n")
    attrs, last = {}, None
    for line in text.split("\n"):
        if line.startswith(" ") and last:
            attrs[last] += line[1:]
            continue
        if line == "":
            break
        name, sep, value = line.partition(": ")
        if sep:
            last = name.lower()
            attrs[last] = value
    return {k: v.strip() for k, v in attrs.items()}


def first(attrs, *names):
    for n in names:
        v = attrs.get(n.lower(), "").split(";")[0].strip()
        if v and not any(c.isspace() for c in v):
            return v
    return None


def from_file_name(name):
    stem = os.path.splitext(name.rsplit("/", 1)[-1])[0]
    m = re.match(r"^(.+?)-([0-9].*)$", stem)
    return (m.group(1), m.group(2)) if m else None


def read(zf, location, depth, out):
    found = set()
    for info in zf.infolist():
        if POM.match(info.filename):
            p = properties(zf.read(info))
            if p.get("groupId") and p.get("artifactId") and p.get("version"):
                found.add((p["groupId"] + ":" + p["artifactId"], p["version"]))
    if not found and "META-INF/MANIFEST.MF" in zf.namelist():
        attrs = manifest_main(zf.read("META-INF/MANIFEST.MF"))
        version = first(attrs, "Implementation-Version", "Bundle-Version")
        artifact = first(attrs, "Implementation-Title", "Bundle-SymbolicName")
        group = first(attrs, "Implementation-Vendor-Id")
        if version and artifact:
            found.add((group + ":" + artifact if group else artifact, version))
    if not found:
        guess = from_file_name(location)
        if guess:
            found.add(guess)
    for name, version in found:
        out.append((name, version, location))
    for info in zf.infolist():
        if is_archive(info.filename) and not info.is_dir() and depth < MAX_DEPTH:
            with zipfile.ZipFile(io.BytesIO(zf.read(info))) as inner:
                read(inner, location + "!/" + info.filename, depth + 1, out)


def main():
    tree, dirs = sys.argv[1], sys.argv[2:]
    out = []
    for d in dirs:
        for root, _, files in os.walk(os.path.join(tree, d)):
            for f in files:
                path = os.path.join(root, f)
                if os.path.islink(path) or not os.path.isfile(path) or not is_archive(f):
                    continue
                with zipfile.ZipFile(path) as zf:
                    read(zf, "/" + os.path.relpath(path, tree), 0, out)
    for row in sorted(out):
        print("\t".join(row))


main()
