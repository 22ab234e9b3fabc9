package main

import (
	"fmt"

	"github.com/spf13/pflag"
)

var versionCmd = &command{
	Name:    "version",
	Short:   "print the tqlmig version",
	Example: "tqlmig version",
	Flags: func(fs *pflag.FlagSet) func(e *env, args []string) int {
		return func(e *env, args []string) int {
			if len(args) > 0 {
				return usageErrorf(e, "version", "takes no arguments")
			}
			fmt.Fprintln(e.stdout, "tqlmig", toolVersion)
			return exitOK
		}
	},
}
