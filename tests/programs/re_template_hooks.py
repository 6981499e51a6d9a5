# How _sre hands a replacement template with backslashes to re._subx,
# and Match.expand to re._expand: a stand-in `re` module records the
# calls (the real one is CPython's Lib, tested once `import re` works).
import sys
import _sre


def compile(pattern, flags=0):
    return _sre.compile(*CODE[pattern, flags])


# BEGIN CODE
CODE = {
    ('(a)', 0): ('(a)', 32, [14, 8, 1, 1, 1, 1, 0, 97, 0, 17, 0, 16, 97, 17, 1, 1], 1, {}, (None, None)),
}
# END CODE


class Hooks:
    calls = []

    @staticmethod
    def _subx(pattern, template):
        Hooks.calls.append(("_subx", pattern.pattern, template))
        if template == "\\literal":
            return "LIT"
        if template == "\\none":
            return None
        return lambda m: "<%s:%s>" % (template, m.group())

    @staticmethod
    def _expand(pattern, match, template):
        Hooks.calls.append(("_expand", pattern.pattern, match.group(), template))
        return template * 2


sys.modules["re"] = Hooks
p = compile("(a)")
print(p.sub("x", "banana"))
print(p.sub("\\1", "banana"))
print(p.subn("\\1", "banana", 1))
print(p.sub("\\literal", "banana"))
print(p.sub("\\none", "banana"))
print(p.sub(b"\\1", "banana"))
print(p.sub(5, "banana"))
m = p.search("banana")
print(m.expand("\\1"), m.expand(template=5))
for call in Hooks.calls:
    print(call)
del sys.modules["re"]
