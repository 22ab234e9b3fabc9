//go:build race

package grammar

// cpuBudget scales the loose CPU bounds of the hostile-input tests: the
// race detector makes every memory access several times slower.
const cpuBudget = 10
