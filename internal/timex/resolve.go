package timex

import "time"

// resolve turns a match into inclusive calendar days. pub is UTC midnight or
// zero (unknown); fwd says a future cue (or an until prefix) points forward.
// Without pub only expressions that carry their own year resolve.
func resolve(pat *pattern, b *binding, pub time.Time, fwd bool) (from, to time.Time) {
	known := !pub.IsZero()
	switch pat.rule {
	case rDayOffset:
		if known {
			d := pub.AddDate(0, 0, pat.arg)
			return d, d
		}
	case rNightBefore:
		if known {
			end := pub.AddDate(0, 0, pat.arg)
			if b.weekday != 0 {
				end = weekdayNear(pub, b.weekday, fwd)
			}
			return end.AddDate(0, 0, -1), end
		}
	case rNightAfter:
		if known {
			start := weekdayNear(pub, b.weekday, fwd)
			return start, start.AddDate(0, 0, 1)
		}
	case rLastNDays:
		n := 1
		if b.n > 0 {
			n = b.n
		}
		if days := n * pat.arg; known && days <= 3660 {
			return pub.AddDate(0, 0, 1-days), pub
		}
	case rLast24h:
		if known {
			return pub.AddDate(0, 0, -1), pub
		}
	case rDaysAgo:
		if known && b.n <= 3660 {
			d := pub.AddDate(0, 0, -b.n)
			return d, d
		}
	case rWeekdayPast:
		if known {
			back := (isoWeekday(pub) - b.weekday + 7) % 7
			if back == 0 {
				back = 7
			}
			d := pub.AddDate(0, 0, -back)
			return d, d
		}
	case rWeekdayNext:
		if known {
			ahead := (b.weekday - isoWeekday(pub) + 7) % 7
			if ahead == 0 {
				ahead = 7
			}
			d := pub.AddDate(0, 0, ahead)
			return d, d
		}
	case rWeekdayNearest:
		if known {
			d := weekdayNear(pub, b.weekday, fwd)
			return d, d
		}
	case rWeekOffset:
		if known {
			mon := pub.AddDate(0, 0, 1-isoWeekday(pub)+7*pat.arg)
			return mon, mon.AddDate(0, 0, 6)
		}
	case rMonthOffset:
		if known {
			first := time.Date(pub.Year(), pub.Month()+time.Month(pat.arg), 1, 0, 0, 0, 0, time.UTC)
			return first, first.AddDate(0, 1, -1)
		}
	case rYearOffset:
		if known {
			return yearSpan(pub.Year() + pat.arg)
		}
	case rMonth:
		y := b.year
		if y == 0 {
			if !known {
				break
			}
			y = pub.Year()
			m, pm := b.month[0], int(pub.Month())
			if m > pm && !fwd {
				y-- // "i december" read in January is last December
			} else if m < pm && fwd {
				y++ // "will ... in March" read in December is next March
			}
		}
		first := day(y, b.month[0], 1)
		return first, first.AddDate(0, 1, -1)
	case rYear:
		return yearSpan(b.year)
	case rDate:
		d, ok := date(pub, b.year, b.month[0], b.day[0], b.weekday, b.nmonth > 0)
		if ok {
			return d, d
		}
	case rDateRange:
		m1, m2 := b.month[0], b.month[0]
		if b.nmonth == 2 {
			m2 = b.month[1]
		}
		end, ok := date(pub, b.year, m2, b.day[1], 0, true)
		if !ok {
			break
		}
		y := end.Year()
		if m1 > m2 || (m1 == m2 && b.day[0] > b.day[1]) {
			y-- // "28 December - 3 January"
		}
		if b.day[0] > daysIn(y, m1) {
			break
		}
		return day(y, m1, b.day[0]), end
	}
	return time.Time{}, time.Time{}
}

// date pins day d of month m (hasMonth) in year y. A missing year is the one
// that puts the date nearest pub; a missing month (for "lørdag den 8.") is the
// neighbouring month whose day d falls on weekday wd, or else the nearest.
func date(pub time.Time, y, m, d, wd int, hasMonth bool) (time.Time, bool) {
	if y != 0 && hasMonth {
		if d > daysIn(y, m) {
			return time.Time{}, false
		}
		return day(y, m, d), true
	}
	if pub.IsZero() {
		return time.Time{}, false
	}
	// At most three candidates: arrays, not a slice grown on the heap for
	// every date.
	var candBuf, fitBuf [3]time.Time
	cands := candBuf[:0]
	if hasMonth {
		for _, cy := range []int{pub.Year() - 1, pub.Year(), pub.Year() + 1} {
			if d <= daysIn(cy, m) {
				cands = append(cands, day(cy, m, d))
			}
		}
	} else {
		for off := -1; off <= 1; off++ {
			first := time.Date(pub.Year(), pub.Month()+time.Month(off), 1, 0, 0, 0, 0, time.UTC)
			if y != 0 && first.Year() != y {
				continue
			}
			if d <= daysIn(first.Year(), int(first.Month())) {
				cands = append(cands, day(first.Year(), int(first.Month()), d))
			}
		}
		if wd != 0 {
			fit := fitBuf[:0]
			for _, c := range cands {
				if isoWeekday(c) == wd {
					fit = append(fit, c)
				}
			}
			if len(fit) > 0 {
				cands = fit
			}
		}
	}
	var best time.Time
	for _, c := range cands {
		if best.IsZero() || absDays(c, pub) < absDays(best, pub) {
			best = c
		}
	}
	return best, !best.IsZero()
}

// weekdayNear is the latest weekday wd on or before pub, or with fwd the
// earliest on or after it.
func weekdayNear(pub time.Time, wd int, fwd bool) time.Time {
	if fwd {
		return pub.AddDate(0, 0, (wd-isoWeekday(pub)+7)%7)
	}
	return pub.AddDate(0, 0, -((isoWeekday(pub) - wd + 7) % 7))
}

// isoWeekday numbers Monday 1 to Sunday 7, as weekdays.tsv does.
func isoWeekday(t time.Time) int { return (int(t.Weekday())+6)%7 + 1 }

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func yearSpan(y int) (time.Time, time.Time) { return day(y, 1, 1), day(y, 12, 31) }

func absDays(a, b time.Time) time.Duration {
	if a.Before(b) {
		return b.Sub(a)
	}
	return a.Sub(b)
}
