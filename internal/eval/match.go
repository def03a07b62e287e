package eval

import "math"

// assign returns a one-to-one matching between left items (gold) and right
// items (predictions) of greatest total weight: match[l] is the right item
// of l, or -1. w[l][r] > 0 marks a pair that may match, 0 one that may not.
// Callers weigh a required gold item's match above any number of optional
// ones, and those above any sum of tie-break preferences, so the result is a
// maximum matching of the required items first, then of the optional ones,
// and among those the one whose pairs agree most. It is the Hungarian
// method's shortest augmenting paths (O(n³); n is an article's items).
func assign(w [][]int, nRight int) []int {
	nLeft := len(w)
	match := make([]int, nLeft)
	for i := range match {
		match[i] = -1
	}
	n := max(nLeft, nRight)
	if n == 0 {
		return match
	}
	// Square cost matrix, 1-based as the method is usually written; padding
	// and impossible pairs cost 0 and are dropped afterwards.
	cost := func(i, j int) int {
		if i > nLeft || j > nRight {
			return 0
		}
		return -w[i-1][j-1]
	}
	u, v := make([]int, n+1), make([]int, n+1)
	p, way := make([]int, n+1), make([]int, n+1) // p[j]: row of column j
	minv, used := make([]int, n+1), make([]bool, n+1)
	for i := 1; i <= n; i++ {
		p[0] = i
		j0 := 0
		for j := range minv {
			minv[j], used[j] = math.MaxInt, false
		}
		for {
			used[j0] = true
			i0, delta, j1 := p[j0], math.MaxInt, 0
			for j := 1; j <= n; j++ {
				if used[j] {
					continue
				}
				if c := cost(i0, j) - u[i0] - v[j]; c < minv[j] {
					minv[j], way[j] = c, j0
				}
				if minv[j] < delta {
					delta, j1 = minv[j], j
				}
			}
			for j := 0; j <= n; j++ {
				if used[j] {
					u[p[j]] += delta
					v[j] -= delta
				} else {
					minv[j] -= delta
				}
			}
			j0 = j1
			if p[j0] == 0 {
				break
			}
		}
		for j0 != 0 {
			j1 := way[j0]
			p[j0] = p[j1]
			j0 = j1
		}
	}
	for j := 1; j <= nRight; j++ {
		if i := p[j]; i >= 1 && i <= nLeft && w[i-1][j-1] > 0 {
			match[i-1] = j - 1
		}
	}
	return match
}

// maxPref bounds the tie-break preference of one pair (see weights).
const maxPref = 15

// weights turns pair preferences into assign's weights: pref[l][r] < 0
// where l and r may not match, else 0..maxPref.
func weights(pref [][]int, nRight int, optional func(int) bool) [][]int {
	k := min(len(pref), nRight) + 1 // more than the pairs of any matching
	optW := (maxPref + 1) * k       // beats every sum of preferences
	reqW := (optW + maxPref + 1) * k
	w := make([][]int, len(pref))
	for l, row := range pref {
		w[l] = make([]int, nRight)
		base := reqW
		if optional(l) {
			base = optW
		}
		for r, p := range row {
			if p >= 0 {
				w[l][r] = base + min(p, maxPref)
			}
		}
	}
	return w
}
