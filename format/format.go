package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/tqlmig/tqlmig/diag"
	"github.com/tqlmig/tqlmig/grammar"
)

// Style chooses between the user's layout and the server's.
type Style int

const (
	// Preserve keeps the user's order, comments and blank lines.
	Preserve Style = iota
	// Server prints one merged schema in the order and layout of the
	// server's own schema export, without comments.
	Server
)

// String names the style as --style spells it.
func (s Style) String() string {
	switch s {
	case Preserve:
		return "preserve"
	case Server:
		return "server"
	}
	return fmt.Sprintf("style(%d)", int(s))
}

// Option configures a print.
type Option func(*config)

type config struct {
	lang  int
	style Style
}

// WithLang sets the language to print: 1 (Graql 1.x), 2 (TypeQL 2.x) or 3
// (TypeQL 3.x). 0, the default, keeps the tree's own language and checks
// nothing. Any other value makes printing fail.
func WithLang(n int) Option { return func(c *config) { c.lang = n } }

// WithStyle sets the style; the default is Preserve.
func WithStyle(s Style) Option { return func(c *config) { c.style = s } }

func newConfig(opts []Option) (config, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	if c.lang < 0 || c.lang > 3 {
		return c, fmt.Errorf("unknown language %d (want 1, 2 or 3)", c.lang)
	}
	if c.style != Preserve && c.style != Server {
		return c, fmt.Errorf("unknown style %d", int(c.style))
	}
	return c, nil
}

// Error is a node the printer refuses to print, such as a 1.x "has" in
// TypeQL 2, or a schema that Server style cannot merge.
type Error struct {
	File string
	Pos  grammar.Pos // start of Node
	Node grammar.Node
	Msg  string // lower-case, names the construct: `1.x "has" cannot be printed as TypeQL 2.x`
}

// Error renders the refusal as "file:line:col: message".
func (e *Error) Error() string {
	return e.Range().String() + ": " + e.Msg
}

// Range is where the refused node starts, for a diagnostic.
func (e *Error) Range() diag.Range {
	end := e.Pos
	if e.Node != nil {
		end = e.Node.End()
	}
	return diag.Range{File: e.File, Start: e.Pos, End: end}
}

// Diagnostic returns e as an error diagnostic with code "format".
func (e *Error) Diagnostic() *diag.Diagnostic {
	r := e.Range()
	return &diag.Diagnostic{Severity: diag.Error, Code: "format", Range: &r, Message: e.Msg}
}

// Print writes f in the configured style and language.
func Print(w io.Writer, f *grammar.File, opts ...Option) error {
	return Files(w, []*grammar.File{f}, opts...)
}

// Files writes several files loaded together, as "console -f a -f b" would
// load them: in Preserve style each file's queries in order (a blank line
// between files); in Server style one schema merged from all of them.
func Files(w io.Writer, files []*grammar.File, opts ...Option) error {
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	p := newPrinter(c)
	if c.style == Server {
		err = p.server(files)
	} else {
		err = p.catch(func() {
			for i, f := range files {
				if i > 0 && p.buf.Len() > 0 {
					p.blank()
				}
				p.file(f)
			}
		})
	}
	if err != nil {
		return err
	}
	_, err = w.Write(p.buf.Bytes())
	return err
}

// Node writes one node: a query, a statement, a property, a pattern, a
// block, a type reference, a variable or a value expression. Preserve style
// includes the node's comments; Server style leaves them out. A statement or
// pattern ends with its ";" and no newline.
func Node(w io.Writer, n grammar.Node, opts ...Option) error {
	c, err := newConfig(opts)
	if err != nil {
		return err
	}
	p := newPrinter(c)
	if err := p.catch(func() { p.node(n) }); err != nil {
		return err
	}
	_, err = w.Write(p.buf.Bytes())
	return err
}

// Source parses src (named name in diagnostics) and prints it. Syntax errors
// come back as the parser's diagnostics, with no output; a node the chosen
// language cannot express comes back as one "format" diagnostic at the node.
func Source(name string, src []byte, opts ...Option) ([]byte, diag.List) {
	f, diags := grammar.Parse(name, src)
	if diags.HasErrors() {
		return nil, diags
	}
	var b bytes.Buffer
	if err := Print(&b, f, opts...); err != nil {
		return nil, append(diags, DiagnosticOf(err))
	}
	return b.Bytes(), diags
}

// DiagnosticOf turns an error from Print, Files or Node into an error
// diagnostic with code "format", placed at the refused node when there is one.
func DiagnosticOf(err error) *diag.Diagnostic {
	var fe *Error
	if errors.As(err, &fe) {
		return fe.Diagnostic()
	}
	return &diag.Diagnostic{Severity: diag.Error, Code: "format", Message: err.Error()}
}
