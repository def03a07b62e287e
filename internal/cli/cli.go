// Package cli owns uro's command line: the table of commands, their flags and
// help, and the mapping of failures to exit codes. Commands do their work
// through the other internal packages; nothing here knows a language.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"sort"
	"strings"
)

// Version is set at build time with -ldflags "-X github.com/urodata/uro/internal/cli.Version=…";
// otherwise it comes from the module build information.
var Version = ""

// env is what a command runs with.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// command is one row of the command table.
type command struct {
	name    string
	summary string
	usage   string // the synopsis line(s) after "uro "
	help    string // what it does, the flags are appended
	example string
	flags   func(fs *flag.FlagSet) any // declares the flags, returns the options they fill
	run     func(ctx context.Context, e env, opts any, args []string) error
}

// commands is the table of uro's commands, in the order help lists them. It
// is filled in init (help refers to the table itself).
var commands []*command

func init() {
	commands = []*command{extractCommand, ingestCommand, eventsCommand, incidentsCommand, exportCommand, serveCommand, workerCommand, queueCommand, reprocessCommand, geocodeCommand, evalCommand, helpCommand, versionCommand}
}

func lookup(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

// exitError carries an exit code for a failure that was already reported.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// usageError is a mistake in how the command was called (exit code 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// Run runs uro with args (without the program name) and returns the exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 {
		printOverview(stderr)
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help":
		name = "help"
	case "-version", "--version":
		name = "version"
	}
	c := lookup(name)
	if c == nil {
		fmt.Fprintf(stderr, "uro: unknown command %q; see 'uro help'\n", name)
		return 2
	}
	fs := flag.NewFlagSet("uro "+c.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var opts any
	if c.flags != nil {
		opts = c.flags(fs)
	}
	rest, err := parseInterspersed(fs, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		printHelp(stdout, c)
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "uro %s: %v; see 'uro help %s'\n", c.name, err, c.name)
		return 2
	}
	err = c.run(ctx, e, opts, rest)
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "uro %s: %s; see 'uro help %s'\n", c.name, ue.msg, c.name)
		return 2
	default:
		fmt.Fprintf(stderr, "uro %s: %v\n", c.name, err)
		return 1
	}
}

// parseInterspersed parses flags that may stand before, between or after the
// operands, as people type them ("uro extract a.txt --published 2022-01-06").
// "--" ends the flags; a lone "-" is an operand (standard input).
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var operands []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return operands, nil
		}
		if args[0] == "--" {
			return append(operands, args[1:]...), nil
		}
		// a stopped parse leaves an operand first; take it and go on
		operands = append(operands, args[0])
		args = args[1:]
		if i := indexDoubleDash(args); i == 0 {
			return append(operands, args[1:]...), nil
		}
	}
}

func indexDoubleDash(args []string) int {
	for i, a := range args {
		if a == "--" {
			return i
		}
	}
	return -1
}

func printOverview(w io.Writer) {
	fmt.Fprintln(w, "uro turns news articles into event data: what happened, where, when, who, how many, and who says so.")
	fmt.Fprintln(w, "\nUsage:\n  uro <command> [flags] [arguments]\n\nCommands:")
	for _, c := range commands {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'uro help <command>' for a command's flags and examples.")
}

func printHelp(w io.Writer, c *command) {
	fmt.Fprintf(w, "Usage:\n")
	for _, l := range strings.Split(c.usage, "\n") {
		fmt.Fprintf(w, "  uro %s\n", l)
	}
	fmt.Fprintf(w, "\n%s\n", strings.TrimSpace(c.help))
	if c.flags != nil {
		fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
		c.flags(fs)
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		if len(names) > 0 {
			sort.Strings(names)
			fmt.Fprintln(w, "\nFlags:")
			for _, n := range names {
				f := fs.Lookup(n)
				kind, usage := flag.UnquoteUsage(f)
				head := "--" + n
				if kind != "" {
					head += " " + kind
				}
				def := ""
				if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
					def = fmt.Sprintf(" (default %s)", f.DefValue)
				}
				fmt.Fprintf(w, "  %s\n      %s%s\n", head, usage, def)
			}
		}
	}
	if c.example != "" {
		fmt.Fprintf(w, "\nExamples:\n%s\n", strings.TrimRight(c.example, "\n"))
	}
}

func version() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok {
		v := bi.Main.Version
		rev, dirty := "", false
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if rev != "" {
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if dirty {
				rev += "-dirty"
			}
			return fmt.Sprintf("%s (%s, %s)", v, rev, bi.GoVersion)
		}
		return fmt.Sprintf("%s (%s)", v, bi.GoVersion)
	}
	return "unknown"
}

var helpCommand = &command{
	name:    "help",
	summary: "explain uro or one of its commands",
	usage:   "help [command]",
	help:    "Help prints the list of commands, or the flags and examples of one command.",
	example: "  uro help extract",
	run: func(ctx context.Context, e env, _ any, args []string) error {
		switch len(args) {
		case 0:
			printOverview(e.stdout)
			return nil
		case 1:
			c := lookup(args[0])
			if c == nil {
				return usagef("no command %q", args[0])
			}
			printHelp(e.stdout, c)
			return nil
		}
		return usagef("help takes at most one command")
	},
}

var versionCommand = &command{
	name:    "version",
	summary: "print uro's version",
	usage:   "version",
	help:    "Version prints the version of uro, the commit it was built from and the Go version.",
	run: func(ctx context.Context, e env, _ any, args []string) error {
		if len(args) > 0 {
			return usagef("version takes no arguments")
		}
		fmt.Fprintf(e.stdout, "uro %s\n", version())
		return nil
	},
}
