// Package migrate runs a whole schema-and-data migration in one call:
// convert, vet, remap or rewrite-data, check and plan, writing every output
// file into a directory that appears all at once.
package migrate
