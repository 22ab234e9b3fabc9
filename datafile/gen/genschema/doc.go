// Package genschema turns a schema model into the generator's flat Spec,
// so that datafile/gen itself stays independent of the schema package.
package genschema
