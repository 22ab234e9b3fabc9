// Package convertvet holds the end-to-end test that convert's output for
// every 1.x corpus schema vets clean for its target; it has no code of its
// own and lives apart so that validate's tests never wait on rewrite's.
package convertvet
