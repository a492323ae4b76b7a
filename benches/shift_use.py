#!/usr/bin/env python3
"""How a plan.json's van-days spend their shifts, for plans old and new (a benchmark, not
run in CI). Old plan.json files do not record it, so this recomputes it from the visits:

    python3 benches/shift_use.py out/minggu/plan.json

Hours are the default week's (scenarios/magetan-week.toml): Mon-Thu 07:30-15:30 with lunch
12:00-13:00, Fri 07:30-15:00 with Friday prayer 11:30-13:00. Breaks count as neither work
nor waiting: unused = shift - breaks - recording - driving (waiting included). Prints one
line per van-day and the week's share of unused shift time."""
import datetime
import json
import sys

HOURS = {  # weekday -> (shift, break), seconds since midnight
    **{d: ((27000, 55800), (43200, 46800)) for d in range(4)},
    4: ((27000, 54000), (41400, 46800)),
}


def seconds(clock):
    h, m, s = map(int, clock.split(":"))
    return h * 3600 + m * 60 + s


def outside(brk, a, b):
    return max(0, b - a - max(0, min(b, brk[1]) - max(a, brk[0])))


def main(path):
    plan = json.load(open(path))
    shift_total = unused_total = 0
    longest = 0
    for day in plan["van_days"]:
        weekday = datetime.date.fromisoformat(day["date"]).weekday()
        (start, end), brk = HOURS[weekday]
        shift = outside(brk, start, end)
        recording = waiting = 0
        for v in day["visits"]:
            a, s, e = seconds(v["arrive"]), seconds(v["start"]), seconds(v["end"])
            recording += outside(brk, s, e)
            wait = outside(brk, a, s)
            waiting += wait
            longest = max(longest, wait)
        unused = shift - recording - day["drive_seconds"]
        shift_total += shift
        unused_total += unused
        print(f"{day['van']['name']:<12} {day['date']}  {day['depart'][:5]}-{day['back'][:5]}"
              f"  unused {unused / 60:5.0f} min  waiting {waiting / 60:4.0f} min")
    print(f"unused {100 * unused_total / shift_total:.1f}% of {shift_total / 3600:.1f} h; "
          f"longest wait {longest / 60:.0f} min")


if __name__ == "__main__":
    main(sys.argv[1])
