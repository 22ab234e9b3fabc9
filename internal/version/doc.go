// Package version parses and compares Grakn/TypeDB server versions, the one
// axis along which schema syntax, server rules and import behaviour change.
package version
