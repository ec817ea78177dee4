#!/usr/bin/env python3
"""Writes an mkfs.xfs proto file (mkfs.xfs(8), "-p") describing a directory tree.

Usage: xfs-protofile.py TREE OMITTED_LIST > proto

The proto format cannot express names containing white space or starting with ':' (its
comment mark), hard links (each link becomes its own copy) or the sticky bit; omitted names are listed in OMITTED_LIST so the
oracle can leave them out, and sticky directories are fixed afterwards with xfs_db.
"""
import os
import stat
import sys

tree, omitted_path = sys.argv[1], sys.argv[2]
out = sys.stdout
omitted = []


def mode_field(st):
    kind = {stat.S_IFREG: "-", stat.S_IFDIR: "d", stat.S_IFLNK: "l", stat.S_IFCHR: "c",
            stat.S_IFBLK: "b", stat.S_IFIFO: "p"}.get(stat.S_IFMT(st.st_mode))
    if kind is None:
        return None
    suid = "u" if st.st_mode & stat.S_ISUID else "-"
    sgid = "g" if st.st_mode & stat.S_ISGID else "-"
    return f"{kind}{suid}{sgid}{st.st_mode & 0o777:03o}"


def walk(directory, relative, depth):
    for name in sorted(os.listdir(directory)):
        path = os.path.join(directory, name)
        rel = f"{relative}/{name}"
        st = os.lstat(path)
        field = mode_field(st)
        if field is None or name.startswith(":") or any(c.isspace() for c in name):
            omitted.append(rel)
            continue
        indent = " " * depth
        prefix = f"{indent}{name} {field} {st.st_uid} {st.st_gid}"
        if stat.S_ISREG(st.st_mode):
            out.write(f"{prefix} {path}\n")
        elif stat.S_ISLNK(st.st_mode):
            target = os.readlink(path)
            if any(c.isspace() for c in target):
                omitted.append(rel)
                continue
            out.write(f"{prefix} {target}\n")
        elif stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode):
            out.write(f"{prefix} {os.major(st.st_rdev)} {os.minor(st.st_rdev)}\n")
        elif stat.S_ISFIFO(st.st_mode):
            out.write(f"{prefix}\n")
        else:
            out.write(f"{prefix}\n")
            walk(path, rel, depth + 1)
            out.write(f"{indent}$\n")


root = os.lstat(tree)
out.write("/dev/null\n0 0\n")
out.write(f"d--{root.st_mode & 0o777:03o} {root.st_uid} {root.st_gid}\n")
walk(tree, "", 1)
out.write("$\n")
with open(omitted_path, "w") as f:
    f.write("".join(f"{p}\n" for p in omitted))
