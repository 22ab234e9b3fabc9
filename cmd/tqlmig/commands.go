package main

// commands is the command table, in the order a user meets the commands in a
// migration. Each command lives in its own file as a package-level
// *command named <name>Cmd.
var commands []*command

func init() {
	commands = []*command{
		migrateCmd,
		planCmd,
		parseCmd,
		convertCmd,
		fmtCmd,
		vetCmd,
		inspectCmd,
		checkCmd,
		genDataCmd,
		remapCmd,
		rewriteDataCmd,
		rulesCmd,
		explainCmd,
		versionCmd,
	}
}
