from decimal import Decimal, ROUND_HALF_UP, InvalidOperation, getcontext
a = Decimal("48.35")
print(repr(a), a, a * 2, a / 3, a + Decimal("0.05"), a - 100, -a, abs(-a))
print(Decimal("1.10") + Decimal("2.20"), Decimal("1.30") * Decimal("1.20"), Decimal(10) / Decimal(4), Decimal(1) / Decimal(3))
print(repr(Decimal("48.3500000000000000")), Decimal("0.1") + Decimal("0.2") == Decimal("0.3"))
print(Decimal("2.675").quantize(Decimal("0.01")), Decimal("2.675").quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
print(Decimal("1E+3"), Decimal("1000").normalize(), Decimal("0.000001"), Decimal("0.0000001"), Decimal("-0.00"), Decimal("123.4500").normalize())
print(Decimal(0.1), Decimal(5), Decimal("  3.5 "), Decimal("NaN"), Decimal("-Infinity"))
print(Decimal("1.5") > 1, Decimal("1.5") == 1.5, Decimal(2) == 2, int(Decimal("3.99")), float(Decimal("1.25")), round(Decimal("2.5")), round(Decimal("1.2345"), 2))
print(Decimal("7") // Decimal("2"), Decimal("7") % Decimal("2"), Decimal("-7") // 2, Decimal("-7") % 2, Decimal(2) ** 10, Decimal(2) ** -2)
print(f"{Decimal('1234.5'):,.2f}", format(Decimal("0.5"), "%"), f"{Decimal('3.14159'):.3f}")
print(sum([Decimal("1.1"), Decimal("2.2")]), Decimal("10").sqrt(), Decimal("4").sqrt(), Decimal("1.23E-8"), Decimal(".5"))
print(Decimal(100) * Decimal("1.15"), Decimal("19.99") * 3, Decimal("100.00") / 7)
print({Decimal("1.0"): "a"}[1], hash(Decimal(1)) == hash(1), Decimal("1.0").as_tuple())
try:
    Decimal("abc")
except InvalidOperation as e:
    print(type(e).__name__, e)
try:
    Decimal(1) / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    Decimal(1) + 1.5
except TypeError as e:
    print(e)
