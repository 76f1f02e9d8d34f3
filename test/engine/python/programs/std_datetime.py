import datetime
from datetime import date, time, timedelta, timezone
d = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
print(repr(d), str(d), d.isoformat())
print(repr(datetime.datetime(2026, 1, 2)), repr(datetime.datetime(2026, 1, 2, 3, 4, 5, 123)))
print(d + timedelta(days=1, hours=2), d - timedelta(minutes=5))
print(repr(timedelta(days=1, seconds=3600)), str(timedelta(days=1, seconds=3600)), timedelta(hours=-1), repr(timedelta(0)))
print(timedelta(milliseconds=1.5), timedelta(weeks=1) / timedelta(days=1), timedelta(days=3) // 2, timedelta(seconds=90).total_seconds())
print(date(2024, 2, 29) + timedelta(days=1), date(2026, 1, 2) - date(2025, 12, 25), repr(date(2026, 1, 2)))
print(d.strftime("%Y-%m-%d %H:%M:%S %z %A %B %j %a %b %p %I"), d.date(), d.time(), repr(d.time()))
print(datetime.datetime.strptime("2020-03-04 05:06", "%Y-%m-%d %H:%M"))
print(datetime.datetime.fromisoformat("2026-01-02T03:04:05+01:00"), datetime.date.fromisoformat("2026-01-02"))
tz = timezone(timedelta(hours=2))
print(repr(tz), str(tz), d.astimezone(tz), repr(timezone.utc))
print(d.weekday(), d.isoweekday(), d.isocalendar(), d.toordinal(), d.replace(year=2020))
print(datetime.datetime(2026, 1, 2, 3, 4) < datetime.datetime(2026, 1, 2, 3, 5), d == d.astimezone(tz))
print(time(3, 4, 5), repr(time(3, 4)), time(12, 30).isoformat(), date(2026, 1, 2).isoformat())
print(f"{d:%Y/%m/%d}", format(date(2026, 1, 2), "%d.%m.%Y"))
print(d.timestamp(), datetime.datetime.fromtimestamp(0, tz=timezone.utc))
print(timedelta(days=-1, seconds=5), abs(timedelta(days=-1)), -timedelta(seconds=1), timedelta(microseconds=5))
print(sorted([date(2020, 1, 3), date(2019, 5, 1)]), max(timedelta(1), timedelta(2)))
try:
    datetime.datetime(2026, 1, 2) - d
except TypeError as e:
    print(e)
try:
    date(2026, 2, 30)
except ValueError as e:
    print(e)
