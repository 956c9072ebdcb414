#!/usr/bin/env python3
"""Fails when a layer's library needs a symbol that only a layer it does not link defines.

Static libraries link with their upward references unresolved; whether the final link notices
depends on link order and on what else pulled the symbol in. This reads the symbols themselves.
Usage: check_layers.py NAME=LIBRARY=BELOW,BELOW ...   (BELOW: the crucible_* targets NAME links)
"""
import subprocess
import sys


def symbols(library, defined):
    flag = "--defined-only" if defined else "--undefined-only"
    out = subprocess.run(["nm", "-C", flag, library], capture_output=True, text=True, check=True)
    names = set()
    for line in out.stdout.splitlines():
        if defined:  # "<address> <type> <name>"
            parts = line.split(None, 2)
            if len(parts) == 3 and parts[1] in "TDBRWV":
                names.add(parts[2])
        else:  # "U <name>"; a demangled name has spaces
            parts = line.split(None, 1)
            if len(parts) == 2 and parts[0] == "U":
                names.add(parts[1])
    return names


def main(args):
    files, below = {}, {}
    for arg in args:
        name, library, deps = arg.split("=", 2)
        files[name] = library
        below[name] = [d for d in deps.split(",") if d]
    defined = {name: symbols(library, True) for name, library in files.items()}

    def reachable(name, seen):
        for dep in below.get(name, []):
            if dep not in seen:
                seen.add(dep)
                reachable(dep, seen)
        return seen

    problems = 0
    for name, library in files.items():
        allowed = set(defined[name])
        for dep in reachable(name, set()):
            allowed |= defined.get(dep, set())
        for symbol in sorted(symbols(library, False) - allowed):
            owners = [other for other, names in defined.items() if symbol in names]
            if owners:
                print(f"{name} needs {symbol} from {owners[0]}, which it does not link")
                problems += 1
    print(f"{len(files)} layers, {problems} upward references")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
