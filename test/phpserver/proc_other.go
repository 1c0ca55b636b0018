//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package phpserver

import (
	"os"
	"os/exec"
)

func setProcessGroup(*exec.Cmd) {}

func terminate(cmd *exec.Cmd) { _ = cmd.Process.Kill() }

func kill(cmd *exec.Cmd) { _ = cmd.Process.Kill() }

// Without flock(2) the Go side relies on atomic renames only.
func lockFile(*os.File) error { return nil }

func unlockFile(*os.File) {}
