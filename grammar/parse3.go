package grammar

import (
	"errors"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// structFieldParser parses one struct field, to place an error inside it.
var structFieldParser = mustProduction[pStructField](fileParser)

// structShaped reports whether a statement opening with kw, name and next
// is a struct definition (see structHead).
func structShaped(kw, name, next tok) bool {
	if kw.Type != tokIdent || kw.Value != "struct" || name.Type != tokIdent {
		return false
	}
	return isPunctTok(next, ":") || !startsProp(name) && name.Value != "abstract" && name.Value != "is-abstract"
}

// structErrorAt places a parse error of the struct definition [s, e)
// that participle reports at token k. A field that breaks inside is
// reported by participle at its start (the repetition of fields backs out
// of it), so the field is parsed alone to find where. It returns the token
// of the error and what was expected there, or k and "" when the error is
// not in a struct's name or fields.
func (p *parser) structErrorAt(k, s, e int) (int, string) {
	if e-s < 3 || !structShaped(p.toks[s], p.toks[s+1], p.toks[s+2]) || k >= e {
		return k, ""
	}
	if k == s+2 {
		return k, "\":\" after the struct name"
	}
	if prev := p.toks[k-1]; k < s+3 || !isPunctTok(prev, ":") && !isPunctTok(prev, ",") {
		return k, ""
	}
	pl, err := lexer.Upgrade(&sliceLexer{toks: p.toks[k:e], eof: p.toks[e].Pos})
	if err != nil {
		return k, ""
	}
	_, err = structFieldParser.ParseFromLexer(pl, participle.AllowTrailing(true))
	var perr participle.Error
	if !errors.As(err, &perr) {
		return k, ""
	}
	at := p.tokenAt(perr.Position().Offset, k, e)
	switch at - k {
	case 0:
		return at, "a field, as in \"name value string\""
	case 1:
		return at, "\"value\""
	case 2:
		return at, "a value type"
	}
	return k, ""
}
