package gen

import (
	"fmt"
	"regexp"
	"regexp/syntax"
)

// regexValues writes distinct strings that match every pattern of an
// attribute type. It enumerates the language of the first pattern from its
// syntax tree (regexp/syntax): index j names one string, in mixed radix
// over the tree's choices (alternatives, repetition counts, characters),
// so different indexes give different strings unless the pattern is
// ambiguous; those, and strings another pattern refuses, are skipped.
// Repetitions are bounded (at most 3 beyond their minimum) and character
// classes drawn from printable ASCII where they allow it, so the language
// enumerated is finite and size says how many strings it holds.
type regexValues struct {
	all  []*regexp.Regexp // every pattern, anchored for whole-value matching
	tree *syntax.Regexp
	size int64
	next int64 // the next index to try
	seen map[string]bool
}

// sizeCap stands for "more strings than any file needs".
const sizeCap = int64(1) << 50

// maxReps bounds an unbounded repetition above its minimum.
const maxReps = 3

func newRegexValues(patterns []string) (*regexValues, error) {
	r := &regexValues{seen: map[string]bool{}}
	for i, p := range patterns {
		re, err := regexp.Compile(`^(?:` + p + `)$`)
		if err != nil {
			return nil, fmt.Errorf("regex %q: %v", p, err)
		}
		r.all = append(r.all, re)
		if i == 0 {
			t, err := syntax.Parse(p, syntax.Perl)
			if err != nil {
				return nil, fmt.Errorf("regex %q: %v", p, err)
			}
			r.tree = t.Simplify()
			r.size = langSize(r.tree)
		}
	}
	return r, nil
}

// maxMisses bounds how many indexes in a row value tries without finding
// a new string that every pattern accepts. Patterns that (nearly) exclude
// each other, or an ambiguous first pattern, would otherwise make it walk
// a language of up to sizeCap strings; past the bound the enumeration
// counts as exhausted.
const maxMisses = 1 << 14

// value returns the next distinct matching string, appended to buf, or
// false when the enumeration is exhausted.
func (r *regexValues) value(buf []byte) ([]byte, bool) {
	for misses := 0; r.next < r.size; r.next, misses = r.next+1, misses+1 {
		if misses == maxMisses {
			r.size = r.next
			break
		}
		start := len(buf)
		buf = enumerate(buf, r.tree, r.next)
		s := string(buf[start:])
		ok := !r.seen[s]
		for _, re := range r.all {
			ok = ok && re.MatchString(s)
		}
		if ok {
			r.seen[s] = true
			r.next++
			return buf, true
		}
		buf = buf[:start]
	}
	return buf, false
}

func satAdd(a, b int64) int64 { return min(a+b, sizeCap) }

func satMul(a, b int64) int64 {
	if a == 0 || b == 0 {
		return 0
	}
	if a > sizeCap/b {
		return sizeCap
	}
	return min(a*b, sizeCap)
}

// repRange is the repetition counts enumerated for re.
func repRange(re *syntax.Regexp) (lo, hi int) {
	switch re.Op {
	case syntax.OpStar:
		return 0, maxReps
	case syntax.OpPlus:
		return 1, 1 + maxReps
	case syntax.OpQuest:
		return 0, 1
	}
	lo, hi = re.Min, re.Max
	if hi < 0 || hi > lo+maxReps {
		hi = lo + maxReps
	}
	return lo, hi
}

// classRunes lists the runes of a character class that values use:
// letters and digits first, then other printable ASCII, and only when the
// class has none of those, its first runes.
func classRunes(re *syntax.Regexp) []rune {
	in := func(c rune) bool {
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i] <= c && c <= re.Rune[i+1] {
				return true
			}
		}
		return false
	}
	var out []rune
	for _, group := range [][2]rune{{'a', 'z'}, {'0', '9'}, {'A', 'Z'}, {' ', '~'}} {
		for c := group[0]; c <= group[1]; c++ {
			if in(c) && (group[0] != ' ' || !isAlnum(c)) {
				out = append(out, c)
			}
		}
	}
	for i := 0; len(out) == 0 && i+1 < len(re.Rune); i += 2 {
		for c := re.Rune[i]; c <= re.Rune[i+1] && len(out) < 16; c++ {
			out = append(out, c)
		}
	}
	return out
}

func isAlnum(c rune) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// anyRunes stand for "." and friends.
var anyRunes = []rune("abcdefghijklmnopqrstuvwxyz0123456789")

// langSize is how many strings enumerate gives for re, capped at sizeCap.
func langSize(re *syntax.Regexp) int64 {
	switch re.Op {
	case syntax.OpNoMatch:
		return 0
	case syntax.OpCharClass:
		return int64(len(classRunes(re)))
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return int64(len(anyRunes))
	case syntax.OpCapture:
		return langSize(re.Sub[0])
	case syntax.OpConcat:
		n := int64(1)
		for _, s := range re.Sub {
			n = satMul(n, langSize(s))
		}
		return n
	case syntax.OpAlternate:
		n := int64(0)
		for _, s := range re.Sub {
			n = satAdd(n, langSize(s))
		}
		return n
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := repRange(re)
		sub := langSize(re.Sub[0])
		n, pow := int64(0), int64(1)
		for k := 0; k <= hi; k++ {
			if k >= lo {
				n = satAdd(n, pow)
			}
			pow = satMul(pow, sub)
		}
		return n
	}
	// Literals, empty strings and assertions: one way each.
	return 1
}

// enumerate appends string j of re's language (0 <= j < langSize(re)).
func enumerate(buf []byte, re *syntax.Regexp, j int64) []byte {
	switch re.Op {
	case syntax.OpLiteral:
		return append(buf, string(re.Rune)...)
	case syntax.OpCharClass:
		rs := classRunes(re)
		return append(buf, string(rs[j%int64(len(rs))])...)
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return append(buf, string(anyRunes[j%int64(len(anyRunes))])...)
	case syntax.OpCapture:
		return enumerate(buf, re.Sub[0], j)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			n := max(langSize(s), 1)
			buf = enumerate(buf, s, j%n)
			j /= n
		}
		return buf
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			n := langSize(s)
			if j < n {
				return enumerate(buf, s, j)
			}
			j -= n
		}
		return buf
	case syntax.OpStar, syntax.OpPlus, syntax.OpQuest, syntax.OpRepeat:
		lo, hi := repRange(re)
		sub := max(langSize(re.Sub[0]), 1)
		pow := int64(1)
		for k := 0; k <= hi; k++ {
			if k >= lo {
				if j < pow || k == hi {
					for range k {
						buf = enumerate(buf, re.Sub[0], j%sub)
						j /= sub
					}
					return buf
				}
				j -= pow
			}
			pow = satMul(pow, sub)
		}
	}
	return buf
}
