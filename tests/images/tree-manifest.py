#!/usr/bin/env python3
"""Prints what the kernel says (lstat, readlink, sha256) about every entry of a tree.

Usage: tree-manifest.py TREE > manifest.tsv
Columns: path (absolute inside the tree), type (file, dir, symlink, char, block, fifo,
socket), mode (four octal digits incl. setuid/setgid/sticky), uid, gid, size, link target
(symlinks), sha256 (regular files), major, minor (device nodes). Sorted by path.
"""
import hashlib
import os
import stat
import sys

tree = sys.argv[1]
KINDS = {stat.S_IFREG: "file", stat.S_IFDIR: "dir", stat.S_IFLNK: "symlink", stat.S_IFCHR: "char",
         stat.S_IFBLK: "block", stat.S_IFIFO: "fifo", stat.S_IFSOCK: "socket"}
rows = []
for directory, dirs, files in os.walk(tree):
    for name in dirs + files:
        path = os.path.join(directory, name)
        st = os.lstat(path)
        kind = KINDS[stat.S_IFMT(st.st_mode)]
        target = os.readlink(path) if kind == "symlink" else ""
        digest = ""
        if kind == "file":
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for chunk in iter(lambda: f.read(1 << 20), b""):
                    h.update(chunk)
            digest = h.hexdigest()
        major = minor = ""
        if kind in ("char", "block"):
            major, minor = str(os.major(st.st_rdev)), str(os.minor(st.st_rdev))
        rel = "/" + os.path.relpath(path, tree)
        rows.append((rel, kind, f"{stat.S_IMODE(st.st_mode):04o}", str(st.st_uid), str(st.st_gid),
                     str(st.st_size), target, digest, major, minor))
rows.sort()
out = sys.stdout.buffer
for row in rows:
    out.write(("\t".join(row) + "\n").encode("utf-8", "surrogateescape"))
