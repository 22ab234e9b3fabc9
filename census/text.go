package census

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseText reads a census written out by hand, one fact a line, for tests
// and examples that should not need an export file:
//
//	instances TYPE N
//	owns OWNER ATTR WITH MIN MAX [MULTI]
//	roles RELATION ROLE WITH MIN MAX [MULTI]
//	shared OWNER ATTR N
//	unmatched ATTR N
//
// Blank lines are skipped. Items is the sum of the instances. Without
// MULTI (instances with more than one), it is 1 when MAX is above 1.
func ParseText(name, text string) (*Census, error) {
	c := &Census{Name: name, Instances: map[string]int64{}, Owns: map[[2]string]*Count{}, Roles: map[[2]string]*Count{}, Shared: map[[2]string]int64{}, Unmatched: map[string]*Misses{}}
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		var nums []int64
		for _, s := range f[min(len(f), 2):] {
			n, err := strconv.ParseInt(s, 10, 64)
			if err != nil {
				continue
			}
			nums = append(nums, n)
		}
		switch {
		case len(f) == 0:
		case f[0] == "instances" && len(f) == 3 && len(nums) == 1:
			c.Instances[f[1]] = nums[0]
			c.Items += nums[0]
		case (f[0] == "owns" || f[0] == "roles") && len(f) >= 6 && len(f) <= 7 && len(nums) == len(f)-3:
			cnt := &Count{With: nums[0], Min: nums[1], Max: nums[2]}
			if len(nums) == 4 {
				cnt.Multi = nums[3]
			} else if cnt.Max > 1 {
				cnt.Multi = 1
			}
			if f[0] == "owns" {
				c.Owns[[2]string{f[1], f[2]}] = cnt
			} else {
				c.Roles[[2]string{f[1], f[2]}] = cnt
			}
		case f[0] == "unmatched" && len(f) == 3:
			n, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", name, i+1, err)
			}
			c.Unmatched[f[1]] = &Misses{N: n}
		case f[0] == "shared" && len(f) == 4 && len(nums) == 1:
			c.Shared[[2]string{f[1], f[2]}] = nums[0]
		default:
			return nil, fmt.Errorf("%s:%d: not a census line: %q", name, i+1, line)
		}
	}
	return c, nil
}
