"""The oracle for Krait's instruction table: CPython 3.11's, one line each.

Usage: python3 opcode_table.py [--specialized]

Prints, for every real instruction in number order,
`NUMBER NAME CACHES KIND EFFECTS`, where KIND is what opcode.py says the
argument refers to and EFFECTS lists `dis.stack_effect` for a sample of
arguments as `ARG:FALLTHROUGH/JUMP`. With --specialized, prints
`NUMBER NAME FAMILY` for every specialized instruction instead.
"""

import dis
import opcode
import sys

SAMPLE_ARGS = [0, 1, 2, 3, 4, 5, 7, 8, 15, 16, 255, 256, 257, 300, 513, 65535]

BACKWARD_JUMPS = {
    "JUMP_BACKWARD",
    "JUMP_BACKWARD_NO_INTERRUPT",
    "POP_JUMP_BACKWARD_IF_FALSE",
    "POP_JUMP_BACKWARD_IF_TRUE",
    "POP_JUMP_BACKWARD_IF_NONE",
    "POP_JUMP_BACKWARD_IF_NOT_NONE",
}


def kind(op, name):
    if op < opcode.HAVE_ARGUMENT:
        return "None"
    for table, label in [
        (opcode.hasconst, "Const"),
        (opcode.hasname, "Name"),
        (opcode.haslocal, "Local"),
        (opcode.hasfree, "Free"),
        (opcode.hascompare, "Compare"),
    ]:
        if op in table:
            return label
    if op in opcode.hasjrel:
        return "JumpBackward" if name in BACKWARD_JUMPS else "JumpForward"
    return "Number"


def main():
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"the oracle must be CPython 3.11, not {sys.version.split()[0]}")
    if sys.argv[1:] == ["--specialized"]:
        for family, names in opcode._specializations.items():
            for name in names:
                print(dis._all_opmap[name], name, family)
        return
    for name, op in sorted(opcode.opmap.items(), key=lambda item: item[1]):
        args = SAMPLE_ARGS if op >= opcode.HAVE_ARGUMENT else [None]
        effects = []
        for arg in args:
            fall = dis.stack_effect(op, arg, jump=False)
            jump = dis.stack_effect(op, arg, jump=True)
            effects.append(f"{arg}:{fall}/{jump}")
        caches = opcode._inline_cache_entries[op]
        print(op, name, caches, kind(op, name), " ".join(effects))


main()
