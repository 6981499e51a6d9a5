# string, textwrap, keyword, fnmatch, shlex and difflib.
import string
import textwrap
import keyword
import fnmatch
import shlex
import difflib

print(string.ascii_letters, string.digits, string.punctuation, repr(string.whitespace))
print(string.capwords("hello   wide world"), string.Template("$a and ${b}").substitute(a=1, b="two"))
t = string.Template("$x costs $$$y")
print(t.safe_substitute(x="it"), t.get_identifiers(), t.is_valid())
try:
    string.Template("$missing").substitute()
except KeyError as e:
    print("KeyError", e)
f = string.Formatter()
print(f.format("{0}-{name!r:>6}", 1, name="n"), list(f.parse("a{b:c}d{}")))

text = "The quick brown fox jumps over the lazy dog. " * 3
print(textwrap.wrap(text, 30))
print(textwrap.fill(text, 40, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten("Hello  world, this is long", width=15))
print(repr(textwrap.dedent("    a\n      b\n    c\n")), repr(textwrap.indent("x\n\ny\n", "> ")))
w = textwrap.TextWrapper(width=10, break_long_words=True, max_lines=2, placeholder="...")
print(w.wrap("supercalifragilistic expialidocious word"))

print(keyword.iskeyword("for"), keyword.iskeyword("match"), keyword.issoftkeyword("match"), len(keyword.kwlist), keyword.softkwlist)

names = ["a.py", "b.txt", "C.PY", "dir/x.py", "[ab].py"]
print(fnmatch.filter(names, "*.py"), fnmatch.fnmatch("C.PY", "*.py"), fnmatch.fnmatchcase("C.PY", "*.py"))
print(fnmatch.translate("*.[!a-c]?"), fnmatch.fnmatch("a.py", "[ab].py"), fnmatch.fnmatch("[ab].py", "[[]ab].py"))

print(shlex.split('a "b c" d\\ e \'f g\' # not a comment'), shlex.split("x # y", comments=True))
print(shlex.quote("it's here"), shlex.quote("simple"), shlex.join(["a b", "c"]))
lx = shlex.shlex("a=b; c", punctuation_chars=True)
print(list(lx))
try:
    shlex.split('"unclosed')
except ValueError as e:
    print("ValueError", e)

a = ["one", "two", "three", "four"]
b = ["one", "too", "three", "five", "six"]
print(list(difflib.unified_diff(a, b, "a", "b", lineterm="")))
print(list(difflib.ndiff(["abc\n"], ["abd\n"])))
sm = difflib.SequenceMatcher(None, "abcd", "bcde")
print(sm.ratio(), sm.get_matching_blocks(), sm.get_opcodes(), round(sm.quick_ratio(), 3))
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]))
print(list(difflib.context_diff(a, b, lineterm="")))
print(difflib.HtmlDiff().make_table(["x"], ["y"])[:60])
