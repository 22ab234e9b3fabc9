package rewrite

import "github.com/tqlmig/tqlmig/grammar"

// MoveTrivia merges src's comments into dst, keeping dst's own, the way
// the rules of this package move comments; exported for package rewrite3,
// whose 2.x → 3.x rules move comments the same way.
func MoveTrivia(dst, src *grammar.Trivia) { moveTrivia(dst, src) }

// JoinGroups concatenates comment groups, skipping nil ones; exported for
// package rewrite3.
func JoinGroups(gs ...*grammar.CommentGroup) *grammar.CommentGroup { return joinGroups(gs...) }
