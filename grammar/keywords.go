package grammar

import (
	"strconv"
	"unicode/utf8"
)

// keywordList holds the words of the union grammar, for did-you-mean
// suggestions on misspelt keywords.
var keywordList = []string{
	"sub", "sub!", "abstract", "is-abstract", "has", "key", "owns", "plays", "relates", "as",
	"value", "datatype", "regex", "when", "then", "type", "label", "isa", "isa!", "id", "iid",
	"is", "links", "alias", "via", "not", "or", "contains", "like", "rule",
	"entity", "relation", "relationship", "attribute", "role", "thing",
	"long", "double", "string", "boolean", "date", "datetime", "true", "false",
}

var queryKeywordList = []string{"define", "undefine", "insert", "match", "compute"}

var allKeywords = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range keywordList {
		m[k] = true
	}
	for _, k := range queryKeywordList {
		m[k] = true
	}
	return m
}()

// suggest returns the candidate closest to word by edit distance, if it is
// close enough to be a likely misspelling, or "".
func suggest(word string, candidates []string) string {
	best, bestD := "", 1<<30
	n := utf8.RuneCountInString(word)
	limit := 1
	if n >= 5 {
		limit = 2
	}
	for _, c := range candidates {
		if m := utf8.RuneCountInString(c); n > m+limit || m > n+limit {
			continue // too far apart in length to be within the limit
		}
		if d := EditDistance(word, c); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD == 0 || bestD > limit {
		return ""
	}
	return best
}

// EditDistance is the optimal-string-alignment distance between a and b,
// in runes: insertions, deletions, substitutions and transpositions of
// adjacent runes ("kye" → "key") each cost 1. Every did-you-mean in tqlmig
// ranks by it, so keywords, labels and commands are matched alike.
func EditDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// Three rows: the transposition looks two rows back.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func quote(s string) string { return strconv.Quote(s) }
