# int.to_bytes and int.from_bytes.
def t(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)

for v in [0, 1, 127, 128, 255, 256, -1, -128, -129, 65535, -32768, 2**64 - 1, -(2**63), 10**20]:
    for n in [1, 2, 3, 8, 9, 10]:
        for order in ["big", "little"]:
            t(f"{v}.to_bytes({n}, {order!r}, signed=True)", lambda: v.to_bytes(n, order, signed=True))
            t(f"{v}.to_bytes({n}, {order!r})", lambda: v.to_bytes(n, order))
t("default", lambda: (5).to_bytes())
t("defaults 255", lambda: (255).to_bytes())
t("len 0", lambda: (0).to_bytes(0, "big"))
t("len 0 neg", lambda: (-1).to_bytes(0, "big", signed=True))
t("negative length", lambda: (1).to_bytes(-1, "big"))
t("bad order", lambda: (1).to_bytes(1, "middle"))
t("order not str", lambda: (1).to_bytes(1, 5))
t("length float", lambda: (1).to_bytes(1.0, "big"))
t("kw", lambda: (5).to_bytes(length=2, byteorder="little"))
t("too many", lambda: (5).to_bytes(2, "little", True))
t("bad kw", lambda: (5).to_bytes(2, "little", foo=True))
t("dup", lambda: (5).to_bytes(2, length=2))
for b in [b"", b"\x00", b"\x01", b"\xff", b"\x00\xff", b"\xff\x00", b"\x80\x00\x00", b"\x01\x02\x03\x04\x05\x06\x07\x08\x09"]:
    for order in ["big", "little"]:
        print(b, order, int.from_bytes(b, order), int.from_bytes(b, order, signed=True))
t("from list", lambda: int.from_bytes([1, 2, 3], "big"))
t("from tuple", lambda: int.from_bytes((255, 0), "little", signed=True))
t("from str", lambda: int.from_bytes("ab", "big"))
t("from int", lambda: int.from_bytes(5, "big"))
t("from bad list", lambda: int.from_bytes([256], "big"))
t("from float list", lambda: int.from_bytes([1.0], "big"))
t("from default", lambda: int.from_bytes(b"\x01\x00"))
t("from missing", lambda: int.from_bytes())
t("from kw", lambda: int.from_bytes(bytes=b"\x01", byteorder="little", signed=False))
class MyInt(int):
    pass
r = MyInt.from_bytes(b"\x01\x00", "big")
print(type(r).__name__, r)
print(type(True.from_bytes(b"\x01", "big")).__name__, bool.from_bytes(b"\x00", "big"))
for v in [0, 1, -1, 2**100 + 17, -(2**100) - 17]:
    n = (v.bit_length() + 8) // 8
    for order in ["big", "little"]:
        assert int.from_bytes(v.to_bytes(n, order, signed=True), order, signed=True) == v
print("roundtrip ok")
