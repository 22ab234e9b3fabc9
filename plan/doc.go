// Package plan lays out the steps, exact commands and warnings for moving a
// database between two Grakn/TypeDB versions.
package plan
