// Package validate checks a TypeQL 2.x schema offline against what a TypeDB
// 2.x server rejects, as small named checks over a schema.Model, per target
// version.
package validate
