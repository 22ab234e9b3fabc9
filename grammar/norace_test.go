//go:build !race

package grammar

// cpuBudget scales the loose CPU bounds of the hostile-input tests (see
// race_test.go).
const cpuBudget = 1
