//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package phpserver

import (
	"os"
	"os/exec"
	"syscall"
)

// setProcessGroup puts php -S in its own process group, so that stopping it
// also stops its workers (PHP_CLI_SERVER_WORKERS).
func setProcessGroup(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
}

// terminate sends SIGINT to the whole group, as Ctrl-C would: the workers
// exit and the main php -S process reaps them before it exits (on SIGTERM it
// would die at once and leave them to init).
func terminate(cmd *exec.Cmd) { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGINT) }

func kill(cmd *exec.Cmd) { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }

// lockFile takes the same flock(2) lock as PHP's flock().
func lockFile(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

func unlockFile(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
