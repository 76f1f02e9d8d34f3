for s in ["a'b", 'a"b', "a'\"b", "\\", "\x00\x1f\x7f\x80\x9f\xa0\xad", "é€😀", "\u200b\u2028\ufeff", "\t\n\r", "\U0001f600", "日本", "\u0378", "\ue000"]:
    print(repr(s), ascii(s), len(s))
print(repr(b"\x00abc\xff'\""), repr(b"'"), bytes(range(0, 256, 37)))
print("ß".upper(), "ǅ".lower(), "straße".casefold(), "İ".lower(), len("İ".lower()), "ﬁ".upper())
print("hello world".title(), "they're bill's".title(), "ABC def".swapcase(), "  ".isspace(), "\u00b2".isdigit(), "\u00b2".isdecimal(), "½".isnumeric())
print("%r" % "x", "{!a}".format("é"), f"{'é'!a}", str([None, "é"]))
